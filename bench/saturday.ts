// `npm run bench:saturday`: a Volunteer Saturday's saves against `next start` (issue 13). On the
// city-sized database of bench:city (bench/lib/city-db.ts; seeded once, kept in .data-bench/), in
// its largest commune, N volunteers signed in through the real credentials sign-in each send their
// visits over HTTP through the server action the visit form calls (recordVisitAction, by its id in
// the build's server-reference manifest), each with a fresh idempotency key:
//   - online volunteers send their visits one after another, as fast as the server answers;
//   - some volunteers come back online with a queue of visits and send it in one request, as the
//     phone does (sendQueuedVisitsAction, components/offline/sync.ts);
//   - a share of visits is sent twice with the same key: half as a double tap (both at once),
//     half as a retry after the answer (a lost answer).
// GET /api/health is measured alone just before and just after, in the same run: its rate is the
// machine's yardstick, since the load of other work on a shared machine moves both alike. Then
// the database is checked: every acknowledged visit is there exactly once, with what was sent.
//
// Targets (issue 13, one 2-core machine): 0 errors, 0 lost, 0 doubled; >= 300 acknowledged visits
// per second on an idle machine, and whatever the load >= 0.3 x the health rate of the same run.
//
// Environment: SAT_VOLUNTEERS (200), SAT_VISITS (visits each volunteer sends online, 15),
// SAT_BURSTERS (volunteers coming back online with a queue, 40), SAT_BURST (visits in a queue, 30),
// SAT_BURST_SPREAD_MS (bursts are released over this time from the start, 4000), SAT_DUPLICATES
// (share sent twice, 0.1), SAT_HEALTH_SECONDS (5), SAT_HEALTH_CONCURRENCY (16), SAT_COMMUNE (a
// commune id instead of the largest), SAT_SIGNIN_CONCURRENCY (4), SAT_PHONE_CONNECTIONS (6); and as bench:city: BENCH_SCALE
// (1), BENCH_DATABASE_URL, BENCH_PG_PORT (54390), BENCH_PORT (3170 here), NEXT_DIST_DIR
// (.next-bench), BENCH_BUILD (1 forces a build, 0 never builds), BENCH_OUT (where to write the
// figures; docs/bench-saturday.txt when run at the defaults).
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { openCityDatabase, prepareCityData, withClient } from "@/bench/lib/city-db";
import { BENCH_PASSWORD } from "@/bench/lib/city-seed";
import { ensureBuild, signIn, startServer, type Server } from "@/bench/lib/server";
import { ms, stats } from "@/bench/lib/stats";
import { actionFormData, serverActionId } from "@/lib/testing/server-action-http";

const ROOT = path.resolve(__dirname, "..");
const env = (name: string, fallback: number) => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
const SCALE = env("BENCH_SCALE", 1);
const PG_PORT = env("BENCH_PG_PORT", 54390);
const PORT = env("BENCH_PORT", 3170);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const VOLUNTEERS = env("SAT_VOLUNTEERS", 200);
const VISITS = env("SAT_VISITS", 15);
const BURSTERS = Math.min(VOLUNTEERS, env("SAT_BURSTERS", 40));
const BURST = env("SAT_BURST", 30);
const BURST_SPREAD_MS = env("SAT_BURST_SPREAD_MS", 4000);
const DUPLICATES = env("SAT_DUPLICATES", 0.1);
const HEALTH_SECONDS = env("SAT_HEALTH_SECONDS", 5);
const HEALTH_CONCURRENCY = env("SAT_HEALTH_CONCURRENCY", 16);
const SIGNIN_CONCURRENCY = env("SAT_SIGNIN_CONCURRENCY", 4);
const PHONE_CONNECTIONS = env("SAT_PHONE_CONNECTIONS", 6);
const TARGET_RATE = 300;
const TARGET_RATIO = 0.3;
const DEFAULTS = ["SAT_VOLUNTEERS", "SAT_VISITS", "SAT_BURSTERS", "SAT_BURST", "SAT_DUPLICATES", "SAT_COMMUNE", "BENCH_SCALE"];
const ACTION_PAGE = "/visits/new";

const reportError = console.error.bind(console);
const lines: string[] = [];
function out(line = "") {
  lines.push(line);
  console.log(line);
}

/** Runs `tasks` with at most `n` at a time. */
async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

// ---------------------------------------------------------------------------------------------
// CPU time of the server, PostgreSQL and this process, from /proc (Linux), to say where a save's
// time goes.

const TICK_MS = 10; // USER_HZ is 100 on Linux
type ProcStat = { pid: number; ppid: number; own: number; children: number };
function procStats(): ProcStat[] {
  const all: ProcStat[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // ppid, utime, stime, cutime, cstime (fields 4, 14-17 of proc(5))
      all.push({
        pid: Number(d),
        ppid: Number(f[1]),
        own: Number(f[11]) + Number(f[12]),
        children: Number(f[13]) + Number(f[14]),
      });
    } catch {
      // gone
    }
  }
  return all;
}
/** CPU milliseconds used so far by a process and all its descendants, those ended included. */
function treeCpuMs(root: number): number {
  const all = procStats();
  const kids = new Map<number, ProcStat[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const top = all.find((p) => p.pid === root);
  if (!top) return 0;
  let ticks = top.children;
  const walk = (p: ProcStat) => {
    ticks += p.own;
    for (const k of kids.get(p.pid) ?? []) walk(k);
  };
  walk(top);
  return ticks * TICK_MS;
}
/** The postmaster serving `port` (its command line names the port). */
function postmasterPid(port: number): number {
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
      if (/\/postgres$/.test(cmd[0]) && cmd.includes("-p") && cmd[cmd.indexOf("-p") + 1] === String(port)) return Number(d);
    } catch {
      // gone
    }
  }
  return 0;
}
type Cpu = { server: number; postgres: number; bench: number };

// ---------------------------------------------------------------------------------------------
// The health yardstick

type Rate = { perSecond: number; latency: ReturnType<typeof stats>; errors: number };

async function healthRate(origin: string, seconds: number, concurrency: number): Promise<Rate> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const r = await fetch(`${origin}/api/health`);
          await r.arrayBuffer();
          if (r.status === 200) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { perSecond: latencies.length / ((performance.now() - t0) / 1000), latency: stats(latencies), errors };
}

// ---------------------------------------------------------------------------------------------
// The saves

type Visit = { key: string; household: number; items: { skill: number; member: number }[]; campaign: number | null };
type Answer = { key: string; visitId: number | null; error: string | null; ms: number; copy: "first" | "double-tap" | "retry" };

/**
 * A phone: its own connections, at most 6 to the site as a browser keeps (HTTP/1.1), kept alive.
 * A queue of 30 released at once goes out over those 6, as it would from a real phone.
 */
function phone(): Agent {
  return new Agent({ keepAlive: true, maxSockets: PHONE_CONNECTIONS });
}

function post(url: URL, agent: Agent, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The visit form's fields for `v`, as the form sends them. */
function visitFields(today: string, v: Visit): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    idempotencyKey: v.key,
    household: String(v.household),
    item: v.items.map((i) => String(i.skill)),
    outcome: "done",
    visitedOn: today,
    campaign: v.campaign === null ? "" : String(v.campaign),
    notes: "",
  };
  for (const i of v.items) fields[`for-${i.skill}`] = String(i.member);
  return fields;
}

let requests = 0;

/** Posts one server action call; its answer's RSC payload. */
async function callAction(origin: string, actionId: string, cookie: string, agent: Agent, encoded: Response) {
  requests++;
  const body = Buffer.from(await encoded.arrayBuffer());
  return post(
    new URL(ACTION_PAGE, origin),
    agent,
    {
      "Next-Action": actionId,
      Origin: origin,
      Accept: "text/x-component",
      cookie,
      "content-type": encoded.headers.get("content-type")!,
    },
    body,
  );
}

/** One visit through recordVisitAction, as the visit form sends it. */
async function send(
  origin: string,
  actionId: string,
  who: { cookie: string; agent: Agent },
  today: string,
  v: Visit,
  copy: Answer["copy"],
) {
  // The multipart body and its boundary, as the browser encodes the action's arguments.
  const encoded = new Response(actionFormData(visitFields(today, v)));
  const t = performance.now();
  let visitId: number | null = null;
  let error: string | null = null;
  try {
    const r = await callAction(origin, actionId, who.cookie, who.agent, encoded);
    const id = /"visitId":(\d+)/.exec(r.body)?.[1];
    if (r.status === 200 && id && /"ok":true/.test(r.body)) visitId = Number(id);
    else error = `HTTP ${r.status} ${/"formError":"(\w+)"/.exec(r.body)?.[1] ?? r.body.slice(0, 120).replace(/\s+/g, " ")}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  return { key: v.key, visitId, error, ms: performance.now() - t, copy } satisfies Answer;
}

/**
 * A phone's queue through sendQueuedVisitsAction, in one request as components/offline/sync.ts
 * sends it: the arguments are plain values, so React's reply encoding is their JSON as text.
 */
async function sendQueue(
  origin: string,
  actionId: string,
  who: { cookie: string; agent: Agent; userId: number },
  today: string,
  vs: Visit[],
  copy: Answer["copy"],
): Promise<Answer[]> {
  const batch = vs.map((v) =>
    Object.entries(visitFields(today, v)).flatMap(([k, val]) => (Array.isArray(val) ? val : [val]).map((one) => [k, one])),
  );
  const encoded = new Response(JSON.stringify([who.userId, batch]), { headers: { "content-type": "text/plain;charset=UTF-8" } });
  const t = performance.now();
  let ids: (number | null)[] = vs.map(() => null);
  let error: string | null = null;
  try {
    const r = await callAction(origin, actionId, who.cookie, who.agent, encoded);
    // The answer is one line of the RSC payload: `<row>:{"ok":…,"answers":[…]}`.
    const line = r.body.split("\n").find((l) => l.includes('"answers"'));
    const answer = line
      ? (JSON.parse(line.slice(line.indexOf(":") + 1)) as { answers: { ok: boolean; visitId?: number }[] })
      : null;
    if (r.status !== 200 || !answer) error = `HTTP ${r.status} ${r.body.slice(0, 120).replace(/\s+/g, " ")}`;
    else ids = vs.map((_, i) => (answer.answers[i]?.ok ? (answer.answers[i].visitId ?? null) : null));
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ms = performance.now() - t;
  return vs.map((v, i) => ({ key: v.key, visitId: ids[i], error: ids[i] === null ? (error ?? "refused") : null, ms, copy }));
}

async function main() {
  const started = Date.now();
  out(`Volunteer Saturday benchmark (npm run bench:saturday), ${new Date().toISOString().slice(0, 16)}Z`);
  out(
    `  machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ` +
      `the load generator runs on the same machine`,
  );
  const db = await openCityDatabase({ root: ROOT, pgPort: PG_PORT });
  let server: Server | undefined;
  try {
    const marker = await prepareCityData(db, { root: ROOT, scale: SCALE, log: out });
    out(
      `  database: ${db.describe}; city at BENCH_SCALE=${SCALE}: ${marker.counts.household.toLocaleString("en")} households, ` +
        `${marker.counts.visit.toLocaleString("en")} visits`,
    );

    // The commune, its volunteers, and the visits they will send.
    const plan = await withClient(db.url, async (c) => {
      const communeId = process.env.SAT_COMMUNE
        ? Number(process.env.SAT_COMMUNE)
        : Number(
            (await c.query(`SELECT commune_id FROM household GROUP BY commune_id ORDER BY count(*) DESC, commune_id LIMIT 1`))
              .rows[0].commune_id,
          );
      const commune = (
        await c.query(
          `SELECT c.name, (SELECT count(*) FROM household h WHERE h.commune_id = c.id)::int AS households,
                  (SELECT count(*) FROM visit v WHERE v.commune_id = c.id)::int AS visits
             FROM commune c WHERE c.id = $1`,
          [communeId],
        )
      ).rows[0] as { name: string; households: number; visits: number };
      // The bench's own volunteers in that commune (the seed gives a commune one per 200 households).
      const hash = (await c.query(`SELECT password_hash FROM app_user WHERE id = 1`)).rows[0].password_hash as string;
      const branch = (await c.query(`SELECT id FROM youth_branch WHERE commune_id = $1 ORDER BY id LIMIT 1`, [communeId])).rows[0]
        .id as number;
      await c.query(
        `WITH u AS (
           INSERT INTO app_user (commune_id, username, name, password_hash, role)
           SELECT $1::int, 'bench-sat-' || $1::int || '-' || k, 'Đoàn viên thứ bảy ' || k, $2, 'volunteer'::"Role"
             FROM generate_series(1, $3) k
           ON CONFLICT (username) DO NOTHING
           RETURNING id)
         INSERT INTO volunteer_profile (user_id, commune_id, branch_id, is_leader, joined_on)
         SELECT id, $1::int, $4::int, false, current_date - 30 FROM u`,
        [communeId, hash, VOLUNTEERS, branch],
      );
      const households = (
        await c.query(
          `SELECT h.id, m.id AS head FROM household h JOIN member m ON m.household_id = h.id AND m.is_head
            WHERE h.commune_id = $1 ORDER BY h.id`,
          [communeId],
        )
      ).rows as { id: number; head: number }[];
      const skills = (
        await c.query(`SELECT id FROM skill WHERE commune_id = $1 AND scope = 'member' AND active ORDER BY sort_order, id`, [
          communeId,
        ])
      ).rows.map((r) => r.id as number);
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
      const campaign =
        ((
          await c.query(
            `SELECT id FROM campaign WHERE commune_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date
              ORDER BY (kind = 'volunteer_saturday') DESC, id LIMIT 1`,
            [communeId, today],
          )
        ).rows[0]?.id as number | undefined) ?? null;
      return { communeId, commune, households, skills, today, campaign };
    });
    out(
      `  commune: ${plan.commune.name} (id ${plan.communeId}), the largest: ${plan.commune.households.toLocaleString("en")} households, ` +
        `${plan.commune.visits.toLocaleString("en")} visits before this run; visits dated ${plan.today}` +
        (plan.campaign ? `, in the running campaign ${plan.campaign}` : ", no campaign running"),
    );

    const rnd = () => Math.random();
    const newVisit = (): Visit => {
      const h = plan.households[Math.floor(rnd() * plan.households.length)];
      const n = 1 + Math.floor(rnd() * 2);
      const first = Math.floor(rnd() * plan.skills.length);
      const items = Array.from({ length: n }, (_, i) => ({
        skill: plan.skills[(first + i) % plan.skills.length],
        member: h.head,
      }));
      return { key: randomUUID(), household: h.id, items, campaign: plan.campaign };
    };

    if (process.env.BENCH_BUILD !== "0") await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);
    const actionId = serverActionId(ROOT, DIST_DIR, "recordVisitAction", "app/(portal)/visits/actions.ts");
    const queueActionId = serverActionId(ROOT, DIST_DIR, "sendQueuedVisitsAction", "app/(portal)/visits/actions.ts");
    server = await startServer({ root: ROOT, distDir: DIST_DIR, port: PORT, databaseUrl: db.url });
    const origin = server.origin;

    const t = performance.now();
    const cookies: string[] = await pool(
      SIGNIN_CONCURRENCY,
      Array.from({ length: VOLUNTEERS }, (_, k) => () => signIn(origin, `bench-sat-${plan.communeId}-${k + 1}`, BENCH_PASSWORD)),
    );
    const userIds = await withClient(db.url, async (c) => {
      const rows = (await c.query(`SELECT id, username FROM app_user WHERE username LIKE $1`, [`bench-sat-${plan.communeId}-%`]))
        .rows as { id: number; username: string }[];
      return new Map(rows.map((r) => [r.username, r.id]));
    });
    const phones = cookies.map((cookie, k) => ({
      cookie,
      agent: phone(),
      userId: userIds.get(`bench-sat-${plan.communeId}-${k + 1}`)!,
    }));
    out(
      `  ${VOLUNTEERS} volunteers signed in through /api/auth/callback/credentials in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // Warm-up: the action's code loaded and compiled, a few connections opened (checked, not timed).
    const sent = new Map<string, Visit>();
    const answers: Answer[] = [];
    for (let i = 0; i < 10; i++) {
      const v = newVisit();
      sent.set(v.key, v);
      const a = await send(origin, actionId, phones[i % VOLUNTEERS], plan.today, v, "first");
      if (a.error) throw new Error(`the warm-up save failed: ${a.error}`);
      answers.push(a);
    }
    await healthRate(origin, 1, HEALTH_CONCURRENCY);

    const pgPid =
      new URL(db.url).hostname === "127.0.0.1" || new URL(db.url).hostname === "localhost"
        ? postmasterPid(Number(new URL(db.url).port))
        : 0;
    const cpuNow = (): Cpu => ({
      server: treeCpuMs(server!.pid),
      postgres: pgPid ? treeCpuMs(pgPid) : NaN,
      bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    const load0 = loadavg();
    const h0 = cpuNow();
    const before = await healthRate(origin, HEALTH_SECONDS, HEALTH_CONCURRENCY);
    const h1 = cpuNow();
    const healthCount = Math.max(1, before.latency.n);
    const healthCpu = { server: (h1.server - h0.server) / healthCount, postgres: (h1.postgres - h0.postgres) / healthCount };

    // The Saturday.
    const pgStats = () =>
      withClient(db.url, async (c) => {
        const r = await c.query(
          `SELECT xact_commit + xact_rollback AS xacts, tup_returned + tup_fetched AS read, blks_hit + blks_read AS blocks,
                  tup_inserted + tup_updated + tup_deleted AS written
             FROM pg_stat_database WHERE datname = current_database()`,
        );
        return Object.fromEntries(Object.entries(r.rows[0]).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
      });
    const pg0 = await pgStats();
    const cpu0 = cpuNow();
    const timed: Answer[] = [];
    let dupCount = 0;
    const burstKeys = new Set<string>();
    const once = async (who: (typeof phones)[number], v: Visit) => {
      sent.set(v.key, v);
      if (rnd() >= DUPLICATES) return void timed.push(await send(origin, actionId, who, plan.today, v, "first"));
      dupCount++;
      if (dupCount % 2 === 1) {
        const both = await Promise.all([
          send(origin, actionId, who, plan.today, v, "first"),
          send(origin, actionId, who, plan.today, v, "double-tap"),
        ]);
        timed.push(...both);
      } else {
        timed.push(await send(origin, actionId, who, plan.today, v, "first"));
        timed.push(await send(origin, actionId, who, plan.today, v, "retry"));
      }
    };
    // A phone back online sends its queue in one request; sent twice like a single visit is.
    let queuesSentTwice = 0;
    const queue = async (who: (typeof phones)[number], vs: Visit[]) => {
      for (const v of vs) {
        sent.set(v.key, v);
        burstKeys.add(v.key);
      }
      if (rnd() >= DUPLICATES) return void timed.push(...(await sendQueue(origin, queueActionId, who, plan.today, vs, "first")));
      dupCount += vs.length;
      queuesSentTwice++;
      if (queuesSentTwice % 2 === 1) {
        const both = await Promise.all([
          sendQueue(origin, queueActionId, who, plan.today, vs, "first"),
          sendQueue(origin, queueActionId, who, plan.today, vs, "double-tap"),
        ]);
        timed.push(...both.flat());
      } else {
        timed.push(...(await sendQueue(origin, queueActionId, who, plan.today, vs, "first")));
        timed.push(...(await sendQueue(origin, queueActionId, who, plan.today, vs, "retry")));
      }
    };
    const requests0 = requests;
    const w0 = performance.now();
    await Promise.all(
      phones.map(async (who, k) => {
        if (k < BURSTERS) {
          await sleep((BURST_SPREAD_MS * k) / Math.max(1, BURSTERS));
          await queue(who, Array.from({ length: BURST }, newVisit));
        }
        for (let i = 0; i < VISITS; i++) await once(who, newVisit());
      }),
    );
    const seconds = (performance.now() - w0) / 1000;
    const timedRequests = requests - requests0;
    const cpu1 = cpuNow();
    // PostgreSQL publishes other sessions' counters within a second of their transactions.
    await sleep(1500);
    const pg1 = await pgStats();
    const load1 = loadavg();
    const after = await healthRate(origin, HEALTH_SECONDS, HEALTH_CONCURRENCY);
    answers.push(...timed);

    // The database against the answers.
    const acked = new Map<string, number>();
    const disagreements: string[] = [];
    for (const a of answers)
      if (a.visitId !== null) {
        const prev = acked.get(a.key);
        if (prev !== undefined && prev !== a.visitId) disagreements.push(`${a.key}: ${prev} and ${a.visitId}`);
        acked.set(a.key, a.visitId);
      }
    const keys = [...sent.keys()];
    const stored = await withClient(db.url, async (c) => {
      const rows = (
        await c.query(
          `SELECT v.idempotency_key::text AS key, v.id, v.household_id, v.volunteer_id,
                  (SELECT count(*) FROM visit_item i WHERE i.visit_id = v.id)::int AS items
             FROM visit v WHERE v.idempotency_key = ANY($1::uuid[])`,
          [keys],
        )
      ).rows as { key: string; id: number; household_id: number; items: number }[];
      return rows;
    });
    const byKey = new Map<string, (typeof stored)[number][]>();
    for (const r of stored) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    let lost = 0;
    let doubled = 0;
    let wrong = 0;
    let savedUnacked = 0;
    for (const [key, id] of acked) {
      const rows = byKey.get(key) ?? [];
      if (rows.length === 0) lost++;
      if (rows.length > 1) doubled += rows.length - 1;
      const v = sent.get(key)!;
      if (rows.length === 1 && (rows[0].id !== id || rows[0].household_id !== v.household || rows[0].items !== v.items.length))
        wrong++;
    }
    for (const key of byKey.keys()) if (!acked.has(key)) savedUnacked++;

    // Figures over the timed phase.
    const timedAcked = new Set(timed.filter((a) => a.visitId !== null).map((a) => a.key));
    const errors = timed.filter((a) => a.error);
    const errorKinds = new Map<string, number>();
    for (const e of errors) errorKinds.set(e.error!.slice(0, 80), (errorKinds.get(e.error!.slice(0, 80)) ?? 0) + 1);
    const latency = stats(timed.map((a) => a.ms));
    const rate = timedAcked.size / seconds;
    const yardstick = (before.perSecond + after.perSecond) / 2;
    const ratio = rate / yardstick;
    const visitsTimed = new Set(timed.map((a) => a.key)).size;
    const cpu = {
      server: (cpu1.server - cpu0.server) / visitsTimed,
      postgres: (cpu1.postgres - cpu0.postgres) / visitsTimed,
      bench: (cpu1.bench - cpu0.bench) / visitsTimed,
    };

    out();
    out(
      `Workload: ${VOLUNTEERS} volunteers; ${VOLUNTEERS - BURSTERS} online sending ${VISITS} visits each one after another; ` +
        `${BURSTERS} coming back online over ${BURST_SPREAD_MS / 1000} s, each sending its ${BURST} queued visits in one request, then ${VISITS} more; ` +
        `${Math.round(DUPLICATES * 100)} % of visits sent twice with the same key (half at once, half after the answer); 1-2 items each; each phone over at most ${PHONE_CONNECTIONS} connections.`,
    );
    out(
      `  ${visitsTimed.toLocaleString("en")} visits in ${timedRequests.toLocaleString("en")} requests (${dupCount} sent twice) ` +
        `in ${seconds.toFixed(1)} s; the server's pool: ${process.env.DATABASE_POOL_SIZE ?? 10} connections`,
    );
    out(
      `  load average (1, 5, 15 min): before ${load0.map((l) => l.toFixed(2)).join(", ")}; after ${load1.map((l) => l.toFixed(2)).join(", ")}`,
    );
    out();
    out(`  ${"".padEnd(44)} ${"per s".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
    const row = (name: string, perSecond: number, s: ReturnType<typeof stats>) =>
      out(
        `  ${name.padEnd(44)} ${(Number.isNaN(perSecond) ? "" : perSecond.toFixed(0)).padStart(8)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.max).padStart(8)}`,
      );
    row(`GET /api/health before (${HEALTH_CONCURRENCY} at a time)`, before.perSecond, before.latency);
    row(`acknowledged visits`, rate, latency);
    // From the phone's side: a save sent alone, and one in a queue of BURST over 6 connections
    // (its wait behind the rest of its own queue included).
    const alone = timed.filter((a) => !burstKeys.has(a.key));
    const queued = timed.filter((a) => burstKeys.has(a.key));
    if (alone.length) row(`  sent alone, recordVisitAction (${alone.length} requests)`, NaN, stats(alone.map((a) => a.ms)));
    if (queued.length)
      row(
        `  a queue of ${BURST} in one sendQueuedVisitsAction (${queued.length / BURST} requests)`,
        NaN,
        stats(queued.map((a) => a.ms)),
      );
    row(`GET /api/health after (${HEALTH_CONCURRENCY} at a time)`, after.perSecond, after.latency);
    out(`  (latency in ms, per visit: a queued visit waits for its whole queue; the duplicates' second copies included)`);
    out();
    out(
      `  errors: ${errors.length}${errorKinds.size ? ` (${[...errorKinds].map(([k, n]) => `${n}× ${k}`).join("; ")})` : ""}; ` +
        `health errors: ${before.errors + after.errors}`,
    );
    out(
      `  database: ${stored.length.toLocaleString("en")} rows for ${acked.size.toLocaleString("en")} acknowledged visits ` +
        `(${answers.length - timed.length} of them warm-up); lost ${lost}, doubled ${doubled}, differing from what was sent ${wrong}, ` +
        `saved but not acknowledged ${savedUnacked}; copies answered with different visits: ${disagreements.length}`,
    );
    out(
      `  CPU per visit: server ${cpu.server.toFixed(1)} ms, PostgreSQL ${cpu.postgres.toFixed(1)} ms, this load generator ${cpu.bench.toFixed(1)} ms ` +
        `(${cpus().length} cores = ${(1000 * cpus().length).toFixed(0)} ms of CPU per second)`,
    );
    const per = (k: string) => ((pg1[k] - pg0[k]) / visitsTimed).toFixed(1);
    out(
      `  PostgreSQL per visit (pg_stat_database): ${per("xacts")} transactions (each statement outside one counts), ` +
        `${per("read")} rows read, ${per("written")} rows written, ${per("blocks")} buffer blocks`,
    );
    out(`  CPU per GET /api/health: server ${healthCpu.server.toFixed(2)} ms, PostgreSQL ${healthCpu.postgres.toFixed(2)} ms`);
    out();
    const ok = (b: boolean) => (b ? "meets" : "MISSES");
    const correct = errors.length === 0 && lost === 0 && doubled === 0 && wrong === 0 && disagreements.length === 0;
    out(`  correctness (0 errors, 0 lost, 0 doubled): ${ok(correct)}`);
    out(
      `  visits/s ÷ health/s of the same run = ${rate.toFixed(0)} ÷ ${yardstick.toFixed(0)} = ${ratio.toFixed(2)}: ${ok(ratio >= TARGET_RATIO)} the ${TARGET_RATIO} target`,
    );
    out(
      `  ${rate.toFixed(0)} visits/s ${ok(rate >= TARGET_RATE)} the ${TARGET_RATE}/s target for an idle machine` +
        (load0[0] > 0.5 ? ` (the machine was not idle: load ${load0[0].toFixed(2)} before)` : ""),
    );
    out();
    out(`Finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    const atDefaults = DEFAULTS.every((k) => process.env[k] === undefined);
    const target = process.env.BENCH_OUT ?? (atDefaults ? path.join(ROOT, "docs/bench-saturday.txt") : "");
    if (target) {
      await writeFile(target, lines.join("\n") + "\n");
      console.log(`(written to ${path.relative(ROOT, target)})`);
    }
    if (!correct) process.exitCode = 1;
    for (const p of phones) p.agent.destroy();
  } finally {
    await server?.stop();
    console.error = () => {};
    await db.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    reportError(err);
    process.exit(1);
  },
);
