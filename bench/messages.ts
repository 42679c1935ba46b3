// `npm run bench:messages`: a big class day across the city. 10,000 class reminders (one class in
// each of the demo's 114 communes) fall due at once, as they do at 08:00 the day before, and the
// portal's own outbox worker sends them by SMS over SMPP to a local provider (the `smpp` package's
// server, lib/testing/smpp-server.ts) that takes at most BENCH_PER_SECOND submit_sm a second and
// answers "throttled" past that, as an SMSC does, and sends a delivery receipt for each message.
// The portal is the production build served as the README's quick start serves it
// (scripts/serve.ts: embedded PostgreSQL, demo data), with MESSAGE_CHANNEL=sms.
//
// Prints: messages/s and SMS parts/s against the provider's rate (the ratio is the share of the
// window used), the parts, p50/p95 from due to submit, retries and throttled submits, messages
// delivered exactly once / twice / not at all, receipts recorded, and the p95 of the public
// /schedule page during the burst next to before it, same run, with the load average.
//
// Environment: BENCH_MESSAGES (10000), BENCH_PER_SECOND (100: the provider's rate, also the
// portal's SMPP_PER_SECOND), BENCH_WINDOW (10: SMPP_WINDOW), BENCH_SECONDS (15: /schedule before
// the burst), BENCH_SCHEDULE_RATE (20: /schedule requests a second), BENCH_CONCURRENCY (4: the
// clients making them), BENCH_PORT (3180), BENCH_PG_PORT (54400),
// NEXT_DIST_DIR (.next-bench), BENCH_BUILD (1 forces a build), BENCH_OUT (docs/bench-messages.txt;
// "-" writes nothing).
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { startDemo } from "@/bench/lib/demo";
import { loadAverage, machineLine, report } from "@/bench/lib/report";
import { ensureBuild } from "@/bench/lib/server";
import { ms, stats } from "@/bench/lib/stats";
import { TICK_QUEUE } from "@/lib/outbox/queues";
import { startSmppServer } from "@/lib/testing/smpp-server";
import { registrationCode } from "@/lib/training/codes";

const ROOT = path.resolve(__dirname, "..");
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const PER_SECOND = Number(process.env.BENCH_PER_SECOND ?? 100);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SCHEDULE_RATE = Number(process.env.BENCH_SCHEDULE_RATE ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3180);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54400);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const DATA_DIR = path.join(ROOT, ".data-bench-messages");
const OUT = process.env.BENCH_OUT ?? path.join(ROOT, "docs/bench-messages.txt");
/** The embedded server's owner (lib/db/embedded.ts), on 127.0.0.1 only. */
const OWNER_URL = `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/congdanso`;
const DAY = 86_400_000;

const { out, save } = report();

const TITLES = [
  "Kích hoạt định danh điện tử VNeID mức 2",
  "Cài đặt và dùng ứng dụng Smart Hải Phòng",
  "Nhận diện lừa đảo trực tuyến",
  "Thanh toán không dùng tiền mặt",
];

/** One class tomorrow in each commune, its places shared out; their ids. */
async function seedClasses(client: pg.Client): Promise<number[]> {
  const communes = (await client.query<{ id: number }>("SELECT id FROM commune ORDER BY id")).rows.map((r) => r.id);
  const topic = (await client.query<{ id: number }>("SELECT id FROM training_topic ORDER BY id LIMIT 1")).rows[0].id;
  // 08:30 tomorrow in Vietnam (01:30 UTC).
  const day = new Date(Math.floor((Date.now() + 7 * 3_600_000) / DAY) * DAY + DAY);
  const startsAt = new Date(day.getTime() + 90 * 60_000);
  const eventIds: number[] = [];
  for (const [i, communeId] of communes.entries()) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity)
       VALUES ($1, $2, $3, 'everyone', $4, 'Trung tâm Chính trị', $5, $6, $7) RETURNING id`,
      [
        communeId,
        topic,
        TITLES[i % TITLES.length],
        // Every third place written out in full: its reminders need two SMS parts.
        i % 3 === 0 ? `Hội trường Nhà văn hóa thôn ${i + 1}, cạnh chợ và trạm y tế xã` : `Nhà văn hóa thôn ${i + 1}`,
        startsAt,
        new Date(startsAt.getTime() + 2 * 3_600_000),
        Math.ceil(MESSAGES / communes.length),
      ],
    );
    eventIds.push(rows[0].id);
  }
  // The people: distinct numbers, shared out over the classes.
  for (let from = 0; from < MESSAGES; from += 1000) {
    const n = Math.min(1000, MESSAGES - from);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const ev = eventIds[i % eventIds.length];
      const b = values.length;
      tuples.push(`((SELECT commune_id FROM training_event WHERE id = $${b + 1}), $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4})`);
      values.push(ev, `Người dự ${i + 1}`, `09${String(70_000_000 + i).padStart(8, "0")}`, registrationCode());
    }
    await client.query(
      `INSERT INTO registration (commune_id, event_id, full_name, phone, code) VALUES ${tuples.join(", ")}`,
      values,
    );
  }
  return eventIds;
}

/**
 * Residents opening /schedule: SCHEDULE_RATE requests a second in all from CONCURRENCY clients,
 * each on its own beat (a slow answer delays only its client), until `until` says stop; each
 * answer's ms.
 */
async function scheduleVisitors(origin: string, until: () => boolean): Promise<{ times: number[]; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  const beat = (CONCURRENCY / SCHEDULE_RATE) * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      let next = performance.now() + (i * beat) / CONCURRENCY;
      while (!until()) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        next += beat;
        const t = performance.now();
        try {
          const res = await fetch(`${origin}/schedule`, { headers: { "accept-language": "vi" } });
          await res.text();
          if (res.status === 200) times.push(performance.now() - t);
          else failures++;
        } catch {
          failures++;
        }
      }
    }),
  );
  return { times, failures };
}

async function main() {
  out(`A big class day: ${MESSAGES.toLocaleString("en")} reminders due at once, by SMPP (npm run bench:messages)`);
  out(`  ${new Date().toISOString().slice(0, 16)}Z; ${machineLine()}`);
  await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);
  const smsc = await startSmppServer({ perSecond: PER_SECOND, receiptDelayMs: 50 });
  out(`  provider: local SMPP server, ${PER_SECOND} submit_sm/s (past that: ESME_RTHROTTLED); portal: SMPP_WINDOW=${WINDOW}`);
  const demo = await startDemo({
    root: ROOT,
    distDir: DIST_DIR,
    dataDir: DATA_DIR,
    port: PORT,
    pgPort: PG_PORT,
    env: {
      OUTBOX_WORKER: "",
      MESSAGE_CHANNEL: "sms",
      SMPP_URL: smsc.url,
      SMPP_SYSTEM_ID: "congdanso",
      SMPP_PASSWORD: "secret",
      SMPP_SOURCE: "UBND TUKY",
      SMPP_PER_SECOND: String(PER_SECOND),
      SMPP_WINDOW: String(WINDOW),
    },
  });
  const client = new pg.Client({ connectionString: OWNER_URL });
  await client.connect();
  const boss = new PgBoss({ connectionString: OWNER_URL, schema: "pgboss", supervise: false, schedule: false, migrate: false });
  boss.on("error", () => {});
  try {
    // Before: /schedule with the outbox idle, once the server has served it a few times.
    for (let i = 0; i < 40; i++) await (await fetch(`${demo.origin}/schedule`)).text();
    const before = await (async () => {
      const end = performance.now() + SECONDS * 1000;
      return scheduleVisitors(demo.origin, () => performance.now() > end);
    })();
    const loadBefore = loadAverage();

    const eventIds = await seedClasses(client);
    const ours = `kind = 'class_reminder' AND split_part(dedupe_key, ':', 2)::int = ANY($1)`;
    const count = async (where: string) =>
      Number((await client.query(`SELECT count(*) AS n FROM outbox_message WHERE ${ours} AND ${where}`, [eventIds])).rows[0].n);
    // The portal's minute job (asked for now rather than at the next minute) makes the reminders
    // and queues those due: all of them from 08:00 in Vietnam.
    await boss.start();
    let done = false;
    const t0 = Date.now();
    const during = scheduleVisitors(demo.origin, () => done);
    await boss.send(TICK_QUEUE, {});
    while ((await count("true")) < MESSAGES) {
      if (Date.now() - t0 > 300_000) throw new Error(`the reminders were not made: ${await count("true")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const waiting = await count("send_after > now()");
    if (waiting > 0) {
      // Before 08:00 in Vietnam they wait for it: let it be 08:00 now.
      await client.query(`UPDATE outbox_message SET send_after = now() WHERE ${ours} AND send_after > now()`, [eventIds]);
      await boss.send(TICK_QUEUE, {});
    }
    out(
      `  ${MESSAGES.toLocaleString("en")} reminders made by the portal's minute job for ${eventIds.length} classes in ` +
        `${eventIds.length} communes${waiting > 0 ? " (before 08:00 in Vietnam: released at once, as 08:00 does)" : ""}`,
    );
    const deadline = t0 + Math.max(600_000, (MESSAGES / PER_SECOND) * 3000);
    let lastProgress = 0;
    for (;;) {
      const { rows } = await client.query<{ pending: string; receipts: string }>(
        `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                count(*) FILTER (WHERE status IN ('delivered', 'failed')) AS receipts
         FROM outbox_message WHERE ${ours}`,
        [eventIds],
      );
      const pending = Number(rows[0].pending);
      if (pending === 0) done = true;
      if (Date.now() - lastProgress > 10_000) {
        console.log(`  … ${((Date.now() - t0) / 1000).toFixed(0)} s: ${MESSAGES - pending} sent, ${rows[0].receipts} receipts`);
        lastProgress = Date.now();
      }
      if (Number(rows[0].receipts) === MESSAGES) break;
      if (Date.now() > deadline) {
        done = true;
        out(`  stopped waiting after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${pending} still pending`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    done = true;
    const burst = await during;
    const loadDuring = loadAverage();

    // What the provider took, and what the rows say.
    const { rows } = await client.query<{
      recipient: string;
      provider_id: string | null;
      status: string;
      attempts: number;
      parts: number | null;
      due: Date;
    }>(
      `SELECT recipient, provider_id, status, attempts, parts, greatest(created_at, send_after) AS due
       FROM outbox_message WHERE ${ours}`,
      [eventIds],
    );
    const partAt = new Map(smsc.parts.map((p) => [p.messageId, p.at]));
    const received = new Map<string, number>();
    for (const m of smsc.messages()) received.set(m.to, (received.get(m.to) ?? 0) + 1);
    const toIntl = (phone: string) => `84${phone.slice(1)}`;
    const dueToSubmit: number[] = [];
    let once = 0;
    let twice = 0;
    let missing = 0;
    let retries = 0;
    for (const r of rows) {
      const at = r.provider_id ? partAt.get(r.provider_id) : undefined;
      if (at !== undefined) dueToSubmit.push(at - r.due.getTime());
      const n = received.get(toIntl(r.recipient)) ?? 0;
      if (n === 1) once++;
      else if (n === 0) missing++;
      else twice++;
      retries += Math.max(0, r.attempts - 1);
    }
    const status = (s: string) => rows.filter((r) => r.status === s).length;
    const partsSent = smsc.parts.length;
    const lastAt = Math.max(...smsc.parts.map((p) => p.at));
    const firstAt = Math.min(...smsc.parts.map((p) => p.at));
    const seconds = (lastAt - firstAt) / 1000;
    const multi = rows.filter((r) => (r.parts ?? 0) > 1).length;
    const q = stats(dueToSubmit);
    const b = stats(before.times);
    const d = stats(burst.times);

    out();
    out(
      `  burst: the minute job at t0 made and queued them; first submit at +${((firstAt - t0) / 1000).toFixed(1)} s, ` +
        `last at +${((lastAt - t0) / 1000).toFixed(1)} s; rates below over first → last submit`,
    );
    out(
      `  messages/s ${(rows.length / seconds).toFixed(1)}; SMS parts ${partsSent.toLocaleString("en")} ` +
        `(${multi.toLocaleString("en")} messages in 2+ parts), parts/s ${(partsSent / seconds).toFixed(1)} = ` +
        `${((partsSent / seconds / PER_SECOND) * 100).toFixed(0)}% of the provider's ${PER_SECOND}/s`,
    );
    const sec = (n: number) => (n / 1000).toFixed(1);
    out(`  due → submit (s): p50 ${sec(q.p50)}, p95 ${sec(q.p95)}, max ${sec(q.max)} (n=${q.n})`);
    out(`  retries ${retries}; submits answered "throttled" ${smsc.throttled()}; binds ${smsc.binds}`);
    out(
      `  at the provider: ${once.toLocaleString("en")} delivered once, ${twice} more than once, ${missing} not at all; ` +
        `rows: ${status("delivered").toLocaleString("en")} delivered (receipt recorded), ${status("sent")} sent, ` +
        `${status("failed")} failed, ${status("pending")} pending`,
    );
    out();
    out(`  /schedule, ${SCHEDULE_RATE}/s (ms)             n      p50     p95     max   failures   load average`);
    const row = (name: string, s: typeof b, failures: number, load: string) =>
      out(
        `  ${name.padEnd(32)} ${String(s.n).padStart(6)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(7)} ${ms(s.max).padStart(7)} ${String(failures).padStart(10)}   ${load}`,
      );
    row(`before, ${SECONDS} s`, b, before.failures, loadBefore);
    row(`during the burst, ${((lastAt - t0) / 1000).toFixed(0)} s`, d, burst.failures, loadDuring);
    out(`  p95 during / before: ${(d.p95 / b.p95).toFixed(2)}×`);
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => {});
    await client.end().catch(() => {});
    await demo.stop();
    await smsc.close();
  }
  save(OUT);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
