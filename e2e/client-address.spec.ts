// A portal with no proxy in front (TRUSTED_PROXY_HOPS=0, the default and docker-compose's) takes
// the client's address from the socket: a forged X-Forwarded-For neither buys a fresh sign-in
// count nor lands in the audit trail. The main e2e server acts as if behind one proxy (each spec
// sets its own X-Forwarded-For), so this starts a second production server on the same build
// and database, listening on ::1 so that its one client address is not the main suite's.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { expect, test } from "./test";
import { SIGNIN_ACCOUNT_LIMIT } from "@/lib/security/limits";
import { signIn } from "./fixtures";
import { E2E_DB_URL, uniquePhone, withDb } from "./training-db";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 20;
const BASE = `http://[::1]:${PORT}`;

let server: ChildProcess | undefined;
let log = "";

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  server = spawn(
    process.execPath,
    [
      path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next"),
      "start",
      "--port",
      String(PORT),
      "--hostname",
      "::1",
    ],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        DATABASE_URL: E2E_DB_URL,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_TRUST_HOST: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        OUTBOX_WORKER: "off",
        TRUSTED_PROXY_HOPS: "0",
      },
      // A process group of its own: stopping it stops the next-server it starts (e2e/cluster.ts).
      detached: true,
    },
  );
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const api = await playwright.request.newContext({ baseURL: BASE });
  await expect
    .poll(async () => (await api.get("/api/health", { timeout: 10_000 }).catch(() => null))?.status(), {
      timeout: 150_000,
      message: `the second server never became healthy:\n${log.slice(-2000)}`,
    })
    .toBe(200);
  await api.dispose();
});

test.afterAll(async () => {
  if (!server) return;
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-server!.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  if (server.exitCode === null) {
    group("SIGTERM");
    // Its exit, or at most 10 s; then whatever is left of the group is killed.
    await once(server, "exit", { signal: AbortSignal.timeout(10_000) }).catch(() => {});
  }
  group("SIGKILL");
});

test("with no proxy, a forged X-Forwarded-For buys no fresh count and is not what the audit trail records", async ({
  browser,
  freshUser,
}) => {
  test.setTimeout(120_000);
  const phone = uniquePhone();
  const { id: userId } = await freshUser("resident", { phone, name: "Người Giả Địa Chỉ" });
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  for (let i = 1; i <= SIGNIN_ACCOUNT_LIMIT.limit; i++) {
    // A different forged address in every header a client can write, each time.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `6.6.6.${i}`, "x-real-ip": `6.6.7.${i}` });
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await signIn(page, phone, "sai-mat-khau");
    // The server's own header name for the socket's address never reaches the client.
    expect(Object.keys((await response).headers()).filter((h) => h.startsWith("x-peer-"))).toEqual([]);
    await expect(page.getByText(/Sai tên đăng nhập|Đăng nhập tạm khoá/)).toBeVisible();
  }
  await context.close();
  const { notice, keys } = await withDb(async (c) => ({
    notice: (
      await c.query(`SELECT ip FROM audit_log WHERE action = 'auth.signin_throttled' AND entity_id = $1`, [String(userId)])
    ).rows,
    keys: (await c.query(`SELECT key, count FROM rate_limit_bucket WHERE key LIKE 'signin-fail:address:%'`)).rows as {
      key: string;
      count: number;
    }[],
  }));
  expect(notice).toEqual([{ ip: "::1" }]);
  // (Other specs' addresses are random 10.x ones, e.g. 10.116.6.63: match the forged ones exactly.)
  expect(keys.filter((k) => /^signin-fail:address:6\.6\.[67]\.\d+$/.test(k.key))).toEqual([]);
  expect(keys.find((k) => k.key === "signin-fail:address:::1")?.count).toBeGreaterThanOrEqual(SIGNIN_ACCOUNT_LIMIT.limit);
});
