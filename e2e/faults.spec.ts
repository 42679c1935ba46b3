// Fault test over HTTP (issue 6): PostgreSQL restarts while visits and class sign-ups are being
// submitted at the same time, against the real production server (`next start` of the build the
// suite uses). The portal must recover without being restarted; every submission answered "saved"
// must be in the database exactly once; every other one must have been answered with an error
// that a retry (same idempotency key, as the real forms send) turns into exactly one stored row.
// GET /api/health must say 503 while the database is down and 200 after.
//
// The test runs its own database and server (the shared e2e server must not lose its database):
// ports FAULT_PORT and FAULT_PG_PORT, by default E2E_PORT + 10 and E2E_PG_PORT + 10. Submissions
// are the requests the browser sends when a person presses "save": a server action call (the
// `Next-Action` header, the form's fields in multipart form data) with the session cookie of a
// volunteer signed in through the real form. (The visit form has no no-JavaScript path: its
// idempotency key is made in the browser.) lib/db/restart.test.ts is the in-process version.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "./test";
import { Client } from "pg";
import { type DemoAccount, signInAs } from "./fixtures";
import { vietnamIsoDay } from "@/lib/format/dates";
import { actionFormData, serverActionId } from "@/lib/testing/server-action-http";

const ROOT = process.cwd();
const PORT = Number(process.env.FAULT_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 10);
const PG_PORT = Number(process.env.FAULT_PG_PORT ?? Number(process.env.E2E_PG_PORT ?? 54339) + 10);
// The build the e2e suite serves (playwright.config.ts → scripts/serve.ts → `next start`).
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";
const BASE = `http://127.0.0.1:${PORT}`;

/** A person's pause before their next submission (the load generator's pace, not a wait for anything). */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the process to exit, at most `ms`; then it is killed. */
async function exited(child: ChildProcessWithoutNullStreams, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, "exit", { signal: AbortSignal.timeout(ms) }).catch(() => child.kill("SIGKILL"));
}

/** A child process whose stdout lines the test waits on. */
class Child {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly log: string[] = [];
  private waiters: { match: RegExp; resolve: (line: string) => void }[] = [];

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.proc = spawn(command, args, { cwd: ROOT, env });
    for (const stream of [this.proc.stdout, this.proc.stderr])
      createInterface({ input: stream }).on("line", (line) => {
        this.log.push(line);
        if (this.log.length > 400) this.log.shift();
        const i = this.waiters.findIndex((w) => w.match.test(line));
        if (i >= 0) this.waiters.splice(i, 1)[0].resolve(line);
      });
  }

  /** The first line matching `match`; an error if none comes within `timeoutMs` or the process exits first. */
  waitFor(match: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const deadline = AbortSignal.timeout(timeoutMs);
      const onDeadline = () =>
        reject(new Error(`no line ${match} within ${timeoutMs} ms; last lines:\n${this.log.slice(-30).join("\n")}`));
      deadline.addEventListener("abort", onDeadline, { once: true });
      const onExit = (code: number | null) =>
        reject(new Error(`exited (${code}) before ${match}; last lines:\n${this.log.slice(-30).join("\n")}`));
      this.proc.once("exit", onExit);
      this.waiters.push({
        match,
        resolve: (line) => {
          deadline.removeEventListener("abort", onDeadline);
          this.proc.off("exit", onExit);
          resolve(line);
        },
      });
    });
  }

  async command(line: string, answer: RegExp, timeoutMs = 60_000): Promise<void> {
    const done = this.waitFor(answer, timeoutMs);
    this.proc.stdin.write(`${line}\n`);
    await done;
  }

  get running() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}

/** The server action ids of the build, by the name they are exported under. */
const actionId = (exportedName: string, file: string) => serverActionId(ROOT, DIST_DIR, exportedName, file);

type Outcome = "saved" | "error" | "refused";

/**
 * Calls a server action the way the browser does for a form with useActionState: the previous
 * state and the form's fields (React's reply encoding), to the page the form is on. "saved": the
 * action redirected to its success page; "refused": it answered with a form state (a validation or
 * business refusal); "error": the request failed or the server answered 5xx.
 */
async function callAction(
  api: APIRequestContext,
  pagePath: string,
  id: string,
  fields: Record<string, string>,
  success: RegExp,
  headers: Record<string, string> = {},
): Promise<{ outcome: Outcome; detail: string }> {
  const multipart = actionFormData(fields);
  try {
    const r = await api.post(pagePath, {
      multipart,
      headers: { "Next-Action": id, Origin: BASE, Accept: "text/x-component", ...headers },
      maxRedirects: 0,
      timeout: 30_000,
    });
    const redirect = r.headers()["x-action-redirect"] ?? "";
    const body = await r.text().catch(() => "");
    // Saved: redirected to the record's page, or answered with the record (the visit form navigates itself).
    if (success.test(redirect) || success.test(body)) return { outcome: "saved", detail: redirect };
    if (r.status() >= 500) return { outcome: "error", detail: `HTTP ${r.status()}` };
    // Nothing saved because the database was busy or out of reach: the person sends it again.
    if (/"formError":"busy"/.test(body)) return { outcome: "error", detail: "busy" };
    return { outcome: "refused", detail: `HTTP ${r.status()} ${redirect} ${body.slice(0, 300)}` };
  } catch (err) {
    return { outcome: "error", detail: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
}

async function health(api: APIRequestContext): Promise<{ status: number; ok: boolean | null }> {
  try {
    const r = await api.get("/api/health", { timeout: 10_000 });
    const body = (await r.json().catch(() => null)) as { database?: { ok?: boolean } } | null;
    return { status: r.status(), ok: body?.database?.ok ?? null };
  } catch {
    return { status: 0, ok: null };
  }
}

test.describe.configure({ mode: "serial" });

test.describe("a PostgreSQL restart under load, over HTTP against the production server", () => {
  let dir: string;
  let pg: Child;
  let server: Child;
  let dbUrl: string;
  let volunteer: BrowserContext;
  let anonymous: APIRequestContext;

  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(300_000);
    dir = mkdtempSync(path.join(tmpdir(), "cds-faults-e2e-"));
    chmodSync(dir, 0o755); // the server runs as the `postgres` user when we are root
    pg = new Child(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "e2e/faults-db.ts", dir, String(PG_PORT)],
      process.env,
    );
    dbUrl = (await pg.waitFor(/^ready /, 240_000)).slice("ready ".length);

    server = new Child(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "next", "dist", "bin", "next"),
        "start",
        "--port",
        String(PORT),
        "--hostname",
        "127.0.0.1",
      ],
      {
        ...process.env,
        PORT: String(PORT),
        DATABASE_URL: dbUrl,
        NEXT_DIST_DIR: DIST_DIR,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_TRUST_HOST: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        DEMO_MODE: "1",
        PORTAL_COMMUNE_CODE: "tu-ky",
        // Each sign-up below comes from its own address (X-Forwarded-For), as people's phones do:
        // the per-address limit of the public form is not what this test is about.
        TRUSTED_PROXY_HOPS: "1",
      },
    );
    await server.waitFor(/Ready in|started server|Local:/i, 120_000);
    anonymous = await playwright.request.newContext({ baseURL: BASE });
    await expect
      .poll(async () => (await health(anonymous)).status, {
        timeout: 60_000,
        message: `the server never became healthy:\n${server.log.slice(-30).join("\n")}`,
      })
      .toBe(200);
    volunteer = await signedIn(browser, "volunteer");
  });

  async function signedIn(browser: Browser, who: DemoAccount): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await signInAs(page, who);
    await page.close();
    return context;
  }

  test.afterAll(async () => {
    await volunteer?.close();
    await anonymous?.dispose();
    if (server?.running) {
      server.proc.kill("SIGTERM");
      await exited(server.proc, 10_000);
    }
    if (pg?.running) {
      pg.proc.stdin.write("quit\n");
      await exited(pg.proc, 30_000);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("loses no saved submission, stores none twice, and recovers without restarting the portal", async () => {
    test.setTimeout(300_000);
    const tag = `sự cố ${randomBytes(3).toString("hex")}`;
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    const ids = { households: [] as number[], event: 0 };
    try {
      const commune = (await db.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
      ids.households = (
        await db.query(`SELECT id FROM household WHERE commune_id = $1 ORDER BY id LIMIT 200`, [commune])
      ).rows.map((r) => r.id as number);
      const topic = (await db.query(`SELECT id FROM training_topic WHERE commune_id = $1 ORDER BY id LIMIT 1`, [commune])).rows[0]
        .id as number;
      ids.event = (
        await db.query(
          `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity)
           VALUES ($1, $2, $3, 'everyone', 'Nhà văn hóa', 'Đoàn xã', now() + interval '7 days', now() + interval '7 days 2 hours', 5000)
           RETURNING id`,
          [commune, topic, `Lớp ${tag}`],
        )
      ).rows[0].id as number;
    } finally {
      await db.end();
    }
    expect(ids.households.length).toBeGreaterThan(0);

    const visitAction = actionId("recordVisitAction", "app/(portal)/visits/actions.ts");
    const signUpAction = actionId("signUpForClassAction", "app/(public)/schedule/actions.ts");
    const today = vietnamIsoDay();
    const serverPid = server.proc.pid;

    type Kind = "visit" | "signup";
    type Submission = { kind: Kind; key: string; answer: Outcome; detail: string; submit: () => ReturnType<typeof callAction> };
    const submissions: Submission[] = [];
    let n = 0;
    function next(kind: Kind): Submission {
      const i = n++;
      const key = randomUUID();
      const submit =
        kind === "visit"
          ? () =>
              callAction(
                volunteer.request,
                "/visits/new",
                visitAction,
                {
                  household: String(ids.households[i % ids.households.length]),
                  idempotencyKey: key,
                  visitedOn: today,
                  outcome: "not_home",
                  notes: `${tag} ${i}`,
                },
                /"ok":true,"visitId":\d+/,
              )
          : () =>
              callAction(
                anonymous,
                `/schedule/${ids.event}`,
                signUpAction,
                {
                  eventId: String(ids.event),
                  idempotencyKey: key,
                  fullName: `Người học ${tag} ${i}`,
                  phone: `09${String(10_000_000 + i).slice(-8)}`,
                  villageId: "0",
                  consent: "yes",
                },
                /^\/schedule\/registered\/[A-Z0-9]+/,
                { "X-Forwarded-For": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
              );
      const s: Submission = { kind, key, answer: "error", detail: "", submit };
      submissions.push(s);
      return s;
    }

    let running = true;
    async function worker(kind: Kind) {
      while (running) {
        const s = next(kind);
        ({ outcome: s.answer, detail: s.detail } = await s.submit());
        // A person reads the error before doing anything else.
        await pause(s.answer === "error" ? 200 : 10);
      }
    }

    // One of each first, with the database up: the requests are right and the routes are warm.
    for (const kind of ["visit", "signup"] as const) {
      const s = next(kind);
      ({ outcome: s.answer, detail: s.detail } = await s.submit());
      expect(`${kind}: ${s.answer} ${s.answer === "saved" ? "" : s.detail}`.trim()).toBe(`${kind}: saved`);
    }
    expect((await health(anonymous)).status).toBe(200);
    const workers = [...Array(4)].flatMap(() => [worker("visit"), worker("signup")]);
    /** Submissions from `from` on that have been answered `answer`, of each kind. */
    const answered = (from: number, answer: Outcome) => {
      const since = submissions.slice(from).filter((s) => s.answer === answer);
      return Math.min(since.filter((s) => s.kind === "visit").length, since.filter((s) => s.kind === "signup").length);
    };
    // The load is under way: each kind has been saved several times.
    await expect.poll(() => answered(0, "saved"), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    const beforeStop = submissions.length;
    await pg.command("stop", /^stopped$/);
    const down = await health(anonymous);
    // The outage reaches the people submitting: each kind has failed a few times.
    await expect.poll(() => answered(beforeStop, "error"), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const stillDown = await health(anonymous);
    await pg.command("start", /^started$/);
    const restartedAt = submissions.length;
    // Recovery without restarting the portal: the same server answers again.
    const upAfter = Date.now();
    await expect
      .poll(async () => (await health(anonymous)).status, {
        timeout: 30_000,
        intervals: [100],
        message: "health after the restart",
      })
      .toBe(200);
    const recoveryMs = Date.now() - upAfter;
    const up = await health(anonymous);
    // Submissions are saved again, of each kind.
    await expect.poll(() => answered(restartedAt, "saved"), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    running = false;
    await Promise.all(workers);

    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const keysOf = (kind: Kind, answer?: Outcome) =>
        submissions.filter((s) => s.kind === kind && (!answer || s.answer === answer)).map((s) => s.key);
      const found = async (kind: Kind, keys: string[]) =>
        Number(
          (
            await c.query(
              `SELECT count(*) AS n FROM ${kind === "visit" ? "visit" : "registration"} WHERE idempotency_key = ANY($1::uuid[])`,
              [keys],
            )
          ).rows[0].n,
        );
      const sent = submissions.length;
      const count = (answer: Outcome) => submissions.filter((s) => s.answer === answer).length;
      const saved = count("saved");
      const errors = count("error");
      const refused = submissions.filter((s) => s.answer === "refused");
      const errorsAfterRestart = submissions.slice(restartedAt).filter((s) => s.answer === "error").length;
      const foundSaved = (await found("visit", keysOf("visit", "saved"))) + (await found("signup", keysOf("signup", "saved")));
      // An error can come after the commit (the answer was lost with the connection): then the row
      // is there, and the retry below finds it instead of storing it again.
      const committedDespiteError =
        (await found("visit", keysOf("visit", "error"))) + (await found("signup", keysOf("signup", "error")));

      // Each person whose submission failed presses "save" again: the same idempotency key.
      const failed = submissions.filter((s) => s.answer === "error");
      let retriedSaved = 0;
      const retryProblems: string[] = [];
      for (const s of failed) {
        const r = await s.submit();
        if (r.outcome === "saved") retriedSaved++;
        else retryProblems.push(`${s.kind} ${s.key}: ${r.outcome} ${r.detail}`);
      }
      const allVisits = keysOf("visit");
      const allSignups = keysOf("signup");
      const stored = (await found("visit", allVisits)) + (await found("signup", allSignups));
      // No submission stored twice under another key either.
      const visitRows = Number((await c.query(`SELECT count(*) AS n FROM visit WHERE notes LIKE $1`, [`${tag} %`])).rows[0].n);
      const signupRows = Number(
        (await c.query(`SELECT count(*) AS n FROM registration WHERE event_id = $1`, [ids.event])).rows[0].n,
      );

      console.log(
        `fault e2e (HTTP, next start, pid ${serverPid}): sent ${sent} (${allVisits.length} visits, ${allSignups.length} sign-ups; ` +
          `${beforeStop} before the stop, ${restartedAt - beforeStop} while down), answered saved ${saved}, found in the database ${foundSaved}, ` +
          `errors ${errors} (${committedDespiteError} of them committed before the answer was lost, ${errorsAfterRestart} after the restart), ` +
          `refused ${refused.length}; retried with the same key: ${retriedSaved} of ${errors} saved; ${stored} rows for ${sent} submissions; ` +
          `health ${down.status}/${stillDown.status} while down, ${up.status} ${recoveryMs} ms after the restart`,
      );
      if (refused.length)
        console.log(
          `refused: ${refused
            .slice(0, 3)
            .map((s) => `${s.kind} ${s.detail}`)
            .join(" | ")}`,
        );
      if (retryProblems.length) console.log(`retries not saved: ${retryProblems.slice(0, 5).join(" | ")}`);

      expect(down.status).toBe(503);
      expect(down.ok).toBe(false);
      expect(stillDown.status).toBe(503);
      expect(up.status).toBe(200);
      // The portal was not restarted: the same process served everything.
      expect(server.running).toBe(true);
      expect(server.proc.pid).toBe(serverPid);
      expect(refused).toEqual([]);
      expect(errors).toBeGreaterThan(0); // the outage really hit submissions
      expect(saved).toBeGreaterThan(0);
      expect(foundSaved).toBe(saved); // every "saved" is in the database (keys are unique: exactly once)
      expect(retryProblems).toEqual([]);
      expect(retriedSaved).toBe(errors); // every error could be retried successfully
      expect(stored).toBe(sent); // and then each submission is stored exactly once
      expect(visitRows).toBe(allVisits.length);
      expect(signupRows).toBe(allSignups.length);
    } finally {
      await c.end();
    }
  });
});
