// Two app servers behind nginx, both connecting through PgBouncer in transaction mode, on the e2e
// database (docs/decisions/0027, issue 18): whatever one server knows that the other must know
// lives in PostgreSQL. Started as `npm start` starts them (scripts/serve.ts: both set up at once,
// one after the other under a lock), with deploy/'s nginx and PgBouncer configurations.
import { Client } from "pg";
import { expect, test, type Page } from "./test";
import { expectHeading, signIn, signInAs } from "./fixtures";
import { startAppServer, startNginx, startPgBouncer, type Proc } from "./cluster";
import { makeClass, uniquePhone, uniqueTag, withDb } from "./training-db";
import { SIGNIN_ACCOUNT_LIMIT } from "@/lib/security/limits";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 40;
const [PORT_A, PORT_B, PORT_NGINX, PORT_POOLER] = [BASE_PORT, BASE_PORT + 1, BASE_PORT + 2, BASE_PORT + 3];
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
const PROXY = `http://127.0.0.1:${PORT_NGINX}`;
const LOCKED = /Đăng nhập tạm khoá vì nhập sai nhiều lần/;

// One cluster for the whole file: its tests run in order, in one worker.
test.describe.configure({ mode: "serial" });

let pooler: (Proc & { dir: string }) | undefined;
let servers: Proc[] = [];
let proxy: (Proc & { accessLog: () => string }) | undefined;

const logs = () =>
  [`pgbouncer:\n${pooler?.log().slice(-1500)}`, ...servers.map((s, i) => `server ${"AB"[i]}:\n${s.log().slice(-2500)}`)].join(
    "\n",
  );

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(420_000);
  pooler = startPgBouncer(PORT_POOLER);
  const poolerUrl = `postgresql://pooled@127.0.0.1:${PORT_POOLER}/congdanso`;
  // TRUSTED_PROXY_HOPS=2: as if one more proxy stood before nginx, so that each test client is the
  // address it writes in X-Forwarded-For, as in every spec (playwright.config.ts): through nginx,
  // all would otherwise be 127.0.0.1 and share the sign-up limit with the other specs' browsers.
  servers = [PORT_A, PORT_B].map((port) =>
    startAppServer(port, { DATABASE_POOLER_URL: poolerUrl, AUTH_URL: PROXY, DATABASE_POOL_SIZE: "4", TRUSTED_PROXY_HOPS: "2" }),
  );
  proxy = startNginx(PORT_NGINX, [PORT_A, PORT_B]);
  const api = await playwright.request.newContext();
  for (const base of [A, B, PROXY]) {
    await expect
      .poll(async () => (await api.get(`${base}/api/health`, { timeout: 10_000 }).catch(() => null))?.status(), {
        timeout: 360_000,
      })
      .toBe(200)
      .catch(async (err) => {
        // What every session of the database was doing: who waits on whom.
        const activity = await withDb(
          async (c) =>
            (
              await c.query(
                `SELECT pid, usename, application_name, state, wait_event_type, wait_event, left(query, 120) AS query
                 FROM pg_stat_activity WHERE datname = 'congdanso' ORDER BY pid`,
              )
            ).rows,
        ).catch((e) => String(e));
        throw new Error(
          `${base} never became healthy:\n${logs()}\nnginx:\n${proxy?.log()}\n${JSON.stringify(activity, null, 1)}\n${err}`,
        );
      });
  }
  await api.dispose();
  // Both went through the pooler, as the portal's own role.
  for (const s of servers) expect(s.log()).toContain("through the pooler");
  // Both connect through the pooler, as the portal's own role: PgBouncer's own console lists them.
  const admin = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_POOLER}/pgbouncer` });
  await admin.connect();
  const pools = (await admin.query("SHOW POOLS")).rows as {
    database: string;
    user: string;
    cl_active: string;
    cl_idle?: string;
  }[];
  await admin.end();
  const app = pools.find((p) => p.database === "congdanso" && p.user === "congdanso_app");
  expect(Number(app?.cl_active ?? 0), JSON.stringify(pools)).toBeGreaterThan(0);
});

test.afterAll(async () => {
  await proxy?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  await pooler?.stop();
});

async function onServer(page: Page, base: string, path: string) {
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), `${base}${path}`).toBeLessThan(400);
}

test("signed in on one server, signed in on the other; signed out on one, out on both", async ({ browser, freshUser }) => {
  const volunteer = await freshUser("volunteer");
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, volunteer.username, volunteer.password);
  // Signed in on A, which sends the browser on to the portal's public address (AUTH_URL: nginx).
  await expect(page).toHaveURL(`${PROXY}/volunteer`);
  const cookies = await page.context().cookies(A);

  // Same host, another port: the browser sends the same cookie to B.
  await onServer(page, B, "/volunteer");
  await expect(page).toHaveURL(`${B}/volunteer`);
  await expectHeading(page, "Hộ được giao");

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The cookie from before, replayed on A: that session ended on B, so A refuses it too.
  await page.context().addCookies(cookies);
  await page.goto(`${A}/volunteer`);
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("failed sign-ins count on both servers: the account waits, whichever server is asked", async ({ browser, freshUser }) => {
  const resident = await freshUser("resident");
  const headers = { "x-forwarded-for": `10.44.${tag3()}` };
  const contexts = [
    await browser.newContext({ baseURL: A, extraHTTPHeaders: headers }),
    await browser.newContext({ baseURL: B, extraHTTPHeaders: headers }),
  ];
  const pages = [await contexts[0].newPage(), await contexts[1].newPage()];
  // Wrong passwords, turn and turn about on A and on B, up to the free allowance.
  for (let i = 0; i < SIGNIN_ACCOUNT_LIMIT.limit; i++) {
    const page = pages[i % 2];
    await signIn(page, resident.username, "sai-mat-khau");
    await expect(page.getByText(/Sai tên đăng nhập|Đăng nhập tạm khoá/)).toBeVisible();
  }
  // Now the right password waits, on either server.
  for (const [i, page] of pages.entries()) {
    await signIn(page, resident.username, resident.password);
    await expect(page.getByText(LOCKED)).toBeVisible();
    await expect(page).toHaveURL(`${[A, B][i]}/login`);
  }
  for (const c of contexts) await c.close();
});

test("through nginx: pages come from both servers, each sign-up is one place and one message, sent once", async ({ browser }) => {
  const { eventId } = await withDb((c) => makeClass(c, `Lớp hai máy chủ ${uniqueTag()}`));
  const phones = Array.from({ length: 6 }, () => uniquePhone());
  for (const [i, phone] of phones.entries()) {
    // A new visitor each time (their own address, so the sign-up limit is theirs).
    const context = await browser.newContext({ baseURL: PROXY, extraHTTPHeaders: { "x-forwarded-for": `10.45.${tag3()}` } });
    const page = await context.newPage();
    await page.goto(`/schedule/${eventId}`);
    await page.getByLabel("Họ và tên").fill(`Người Hai Máy ${i + 1}`);
    await page.getByLabel("Số điện thoại di động").fill(phone);
    await page.getByLabel("Thôn nơi bạn ở").selectOption({ index: 1 });
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expectHeading(page, "Đã đăng ký");
    await context.close();
  }
  // nginx spread the requests over both servers. $upstream_addr lists every server a request was
  // tried on ("A, B" when A dropped an idle kept-alive connection and nginx passed it on): the last
  // one answered.
  const upstreams = new Set(
    proxy!
      .accessLog()
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ").slice(4, -1).join(" ").split(", ").at(-1)),
  );
  expect([...upstreams].sort()).toEqual([`127.0.0.1:${PORT_A}`, `127.0.0.1:${PORT_B}`]);

  const { places, messages } = await withDb(async (c) => ({
    places: (await c.query(`SELECT count(*)::int AS n FROM registration WHERE event_id = $1`, [eventId])).rows[0].n as number,
    messages: [] as { id: number; status: string; attempts: number }[],
  }));
  expect(places).toBe(phones.length);
  // Every confirmation delivered, each exactly once, by one worker or another (three run: A, B and
  // the main e2e server; pg-boss hands each job to one of them).
  await expect
    .poll(
      async () => {
        const rows = await withDb(
          async (c) =>
            (await c.query(`SELECT id, status, attempts FROM outbox_message WHERE recipient = ANY($1) ORDER BY id`, [phones]))
              .rows as typeof messages,
        );
        messages.splice(0, messages.length, ...rows);
        return rows.filter((m) => m.status === "logged").length;
      },
      { timeout: 90_000, message: logs() },
    )
    .toBe(phones.length);
  expect(messages.map((m) => m.attempts)).toEqual(phones.map(() => 1));
  const logged = servers.flatMap((s) => s.log().match(/\[outbox\] registration_confirmed #\d+/g) ?? []);
  for (const m of messages) expect(logged.filter((l) => l.endsWith(`#${m.id}`)).length).toBeLessThanOrEqual(1);
});

test("an official's change on one server shows at once on the other server's cached page", async ({
  browser,
  request,
  freshUser,
}) => {
  const title = `Lớp bộ nhớ chung ${uniqueTag()}`;
  const { eventId } = await withDb((c) => makeClass(c, title));
  // B has the class page cached with the old place.
  await expect.poll(async () => (await request.get(`${B}/schedule/${eventId}`)).headers()["x-nextjs-cache"]).toBe("HIT");
  expect(await (await request.get(`${B}/schedule/${eventId}`)).text()).toContain("Nhà văn hóa thử");

  // The official edits it on A.
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signInAs(page, await freshUser("official"));
  await page.goto(`${A}/training/${eventId}/edit`);
  await page.getByLabel("Địa điểm").fill("Hội trường hai máy");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expectHeading(page, title);

  // B drops its copy within its second of looking (lib/cache/page-cache.mjs), not after a minute.
  await expect
    .poll(async () => (await (await request.get(`${B}/schedule/${eventId}`)).text()).includes("Hội trường hai máy"), {
      timeout: 10_000,
    })
    .toBe(true);
  await context.close();
});

let tagSeq = 0;
function tag3(): string {
  return `${(process.pid % 200) + 1}.${++tagSeq % 250}`;
}
