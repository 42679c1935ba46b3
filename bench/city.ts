// `npm run bench:city`: the official's home at the size of the whole city (DESIGN.md: 114
// communes, 1,000,000 households, 3,000,000 members, 5,000,000 visits). Seeds the dataset once
// (bench/lib/city-seed.ts; kept in .data-bench/ and reused while complete), then measures in the
// same run:
//   (a) the page: GET /official from a production build served by `next start`, signed in as an
//       official (Tứ Kỳ, ≈ 8,800 households; and the city's largest commune);
//   (b) what it computes, called directly: the lib entry point behind /official, and the SQL
//       statements it sends, timed on their own (all at once, as the page runs them, and one by
//       one), with EXPLAIN (ANALYZE, BUFFERS) of the slowest.
// Prints a table with p50 / p95 / mean and the page-to-SQL ratio; at BENCH_SCALE=1 also writes it
// to docs/bench-city.txt.
//
// Environment: BENCH_SCALE (1; 0.01 to develop), BENCH_RUNS (30), BENCH_WARMUP (5),
// BENCH_DATABASE_URL (a dedicated, empty or bench-seeded database instead of the embedded one),
// BENCH_PG_PORT (54390), BENCH_PORT (3160), NEXT_DIST_DIR (.next-bench), BENCH_BUILD (1 forces a
// build, 0 never builds), BENCH_PAGE (0 skips the page), BENCH_RESEED (1 seeds again),
// BENCH_TRY_INDEXES ("CREATE INDEX …; CREATE INDEX …": measured again with them, then dropped
// unless BENCH_KEEP_INDEXES=1), BENCH_OFFICIAL_FN ("@/lib/x#fn": the entry point to measure),
// BENCH_EXPLAIN (3: how many of the slowest statements to EXPLAIN), BENCH_OUT (where to write).
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { captureSql, label, type Captured } from "@/bench/lib/capture";
import { openCityDatabase, PG_SETTINGS, prepareCityData, withClient } from "@/bench/lib/city-db";
import { BENCH_PASSWORD, BENCH_USERS } from "@/bench/lib/city-seed";
import { resolveOfficialHome } from "@/bench/lib/official-home";
import { ensureBuild, getPage, signIn, startServer, type Server } from "@/bench/lib/server";
import { ms, stats, time, type Stats } from "@/bench/lib/stats";
import type { CurrentUser } from "@/lib/auth/user";

const ROOT = path.resolve(__dirname, "..");
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54390);
const PORT = Number(process.env.BENCH_PORT ?? 3160);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const TARGET_P95 = 300;
const EXPLAIN_TOP = Number(process.env.BENCH_EXPLAIN ?? 3);

const lines: string[] = [];
function out(line = "") {
  lines.push(line);
  console.log(line);
}

// ---------------------------------------------------------------------------------------------
// Measuring

type SqlFigures = {
  statements: { label: string; p50: number; p95: number; execMs: number; plan: string; sql: Captured }[];
  parallel: Stats;
  sequential: Stats;
};

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };
function scans(n: PlanNode, acc: string[] = []): string[] {
  if (/Scan/.test(n["Node Type"])) acc.push(`${n["Node Type"]} ${n["Index Name"] ?? n["Relation Name"] ?? ""}`.trim());
  for (const p of n.Plans ?? []) scans(p, acc);
  return acc;
}

async function measureSql(url: string, captured: Captured[]): Promise<SqlFigures> {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(2, captured.length) });
  try {
    // As the page runs them: all at once, each on its own connection.
    const parallel = stats(await time(RUNS, WARMUP, () => Promise.all(captured.map((s) => pool.query(s.text, s.values)))));
    const client = await pool.connect();
    try {
      const statements: SqlFigures["statements"] = [];
      const seqRuns: number[] = Array(RUNS).fill(0);
      for (const s of captured) {
        const t = await time(RUNS, 2, () => client.query(s.text, s.values));
        t.forEach((v, i) => (seqRuns[i] += v));
        const st = stats(t);
        const ex = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values);
        const plan = ex.rows[0]["QUERY PLAN"][0];
        statements.push({
          label: label(s.text),
          p50: st.p50,
          p95: st.p95,
          execMs: plan["Execution Time"] as number,
          plan: [...new Set(scans(plan.Plan as PlanNode))].join(", "),
          sql: s,
        });
      }
      return { statements, parallel, sequential: stats(seqRuns) };
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

async function explainText(url: string, s: Captured): Promise<string[]> {
  return withClient(url, async (c) => {
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
    return r.rows.map((row) => String(row["QUERY PLAN"]));
  });
}

type Subject = { user: CurrentUser; login: string; commune: string; households: number };
/** One thing measured: an official, and the page's query string (the period shown). */
type Case = { subject: Subject; index: number; search: Record<string, string>; what: string };

/** `load`: the machine's 1-minute load average when the case was measured (other work shares the 2 cores). */
type Figures = { lib: Stats; sql: SqlFigures; load: number[]; page?: Stats; ttfb?: Stats; bytes?: number };

const row = (name: string, s: Stats) =>
  `  ${name.padEnd(46)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.mean).padStart(8)} ${ms(s.max).padStart(8)}`;

function report(k: Case, entry: string, f: Figures) {
  const { subject } = k;
  const qs = new URLSearchParams(k.search).toString();
  out();
  out(`${subject.commune}: ${subject.households.toLocaleString("en")} households; signed in as ${subject.login}; ${k.what}`);
  out(`  load average while measured: ${f.load.map((l) => l.toFixed(1)).join(", ")} (on ${cpus().length} cores)`);
  out(`  ${"".padEnd(46)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"mean".padStart(8)} ${"max".padStart(8)}`);
  if (f.page && f.ttfb) {
    out(row(`GET /official${qs ? `?${qs}` : ""}, whole page`, f.page));
    out(row("  first byte", f.ttfb));
  }
  out(row(`${entry}`, f.lib));
  out(row(`raw SQL: its ${f.sql.statements.length} statements at once (pool)`, f.sql.parallel));
  out(row(`raw SQL: the same one after another`, f.sql.sequential));
  if (f.page) {
    out(
      `  page p95 / raw SQL p95 (at once): ${(f.page.p95 / f.sql.parallel.p95).toFixed(1)}x; ` +
        `page p95 ${f.page.p95 <= TARGET_P95 ? "meets" : "MISSES"} the ${TARGET_P95} ms target` +
        (f.bytes ? `; page ${(f.bytes / 1024).toFixed(0)} KB of HTML` : ""),
    );
  }
  out(`  statements, one by one (ms: p50, p95, EXPLAIN ANALYZE execution; scans):`);
  const sorted = [...f.sql.statements].sort((a, b) => b.p50 - a.p50);
  for (const s of sorted)
    out(
      `    ${ms(s.p50).padStart(7)} ${ms(s.p95).padStart(7)} ${ms(s.execMs).padStart(7)}  ${s.label}\n${" ".repeat(30)}${s.plan}`,
    );
  return sorted;
}

type Run = (u: CurrentUser, search?: Record<string, string>) => Promise<unknown>;

async function measureLib(k: Case, run: Run, url: string) {
  const captured = await captureSql(() => run(k.subject.user, k.search));
  const lib = stats(await time(RUNS, WARMUP, () => run(k.subject.user, k.search)));
  const sql = await measureSql(url, captured);
  return { lib, sql, load: [loadavg()[0]] };
}

async function measurePage(server: Server, cookie: string, search: Record<string, string>) {
  const qs = new URLSearchParams(search).toString();
  const url = `${server.origin}/official${qs ? `?${qs}` : ""}`;
  const first = await getPage(url, cookie);
  if (first.status !== 200) throw new Error(`GET /official answered ${first.status}`);
  const ttfb: number[] = [];
  const totals: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) await getPage(url, cookie);
  for (let i = 0; i < RUNS; i++) {
    const r = await getPage(url, cookie);
    if (r.status !== 200) throw new Error(`GET /official answered ${r.status}`);
    ttfb.push(r.ttfb);
    totals.push(r.total);
    bytes = r.bytes;
  }
  return { page: stats(totals), ttfb: stats(ttfb), bytes, load: loadavg()[0] };
}

async function main() {
  const started = Date.now();
  out(`City-sized benchmark of the official's home (npm run bench:city), ${new Date().toISOString().slice(0, 16)}Z`);
  out(
    `  BENCH_SCALE=${SCALE}; ${RUNS} timed runs after ${WARMUP} warm-ups; times in ms; machine: ${cpus().length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
  );
  out(
    "  GET /official = the production build (next start) on the same database, signed in, whole streamed body read;\n" +
      "  lib = the page's entry point called in this process (same Prisma client and pool size as the app);\n" +
      "  raw SQL at once = the statements that call sent, replayed with pg, all in parallel as the page runs them;\n" +
      "  one after another = their sum on one connection; EXPLAIN = PostgreSQL's own execution time of each.",
  );
  const db = await openCityDatabase({ root: ROOT, pgPort: PG_PORT });
  try {
    const marker = await prepareCityData(db, { root: ROOT, scale: SCALE, log: out });
    const version = await withClient(db.url, (c) => c.query(`SHOW server_version`).then((r) => r.rows[0].server_version));
    const settings = await withClient(db.url, (c) =>
      c
        .query(`SELECT name, current_setting(name) AS v FROM pg_settings WHERE name = ANY($1)`, [Object.keys(PG_SETTINGS)])
        .then((r) => r.rows.map((x) => `${x.name}=${x.v}`).join(", ")),
    );
    out(`  PostgreSQL ${version} (${db.describe}): ${settings}`);
    const c = marker.counts;
    out(
      `  dataset: ${c.commune} communes, ${c.village.toLocaleString("en")} villages, ${c.household.toLocaleString("en")} households, ` +
        `${c.member.toLocaleString("en")} members, ${c.visit.toLocaleString("en")} visits (${c.visit_item.toLocaleString("en")} items), ` +
        `${c.member_skill.toLocaleString("en")} member skills, ${c.digital_family.toLocaleString("en")} digital families, ` +
        `${c.youth_branch.toLocaleString("en")} branches, ${c.app_user.toLocaleString("en")} users, ${c.household_business.toLocaleString("en")} businesses, ` +
        `${c.training_event.toLocaleString("en")} classes, ${c.registration.toLocaleString("en")} registrations, ${c.attendance.toLocaleString("en")} attendances`,
    );
    out(`  seeded in ${Number(marker.seconds).toFixed(0)} s on ${new Date(marker.seeded_at).toISOString().slice(0, 16)}Z`);

    // The lib functions read DATABASE_URL when the Prisma client is first used.
    process.env.DATABASE_URL = db.url;
    const entry = await resolveOfficialHome();
    out(`  what /official computes: ${entry.name}`);

    const subjects: Subject[] = await withClient(db.url, async (cl) => {
      const r = await cl.query(
        `SELECT u.id, u.name, u.role, u.commune_id, u.username, c.name AS commune,
                (SELECT count(*) FROM household h WHERE h.commune_id = u.commune_id)::int AS households
           FROM app_user u JOIN commune c ON c.id = u.commune_id WHERE u.id = ANY($1) ORDER BY u.id`,
        [[BENCH_USERS.official.id, BENCH_USERS.officialLargest.id]],
      );
      return r.rows.map((u) => ({
        user: {
          id: u.id,
          name: u.name,
          role: u.role,
          communeId: u.commune_id,
          memberId: null,
          username: u.username,
          phone: null,
        },
        login: u.username,
        commune: u.commune,
        households: u.households,
      }));
    });

    // Each official on the page's default period; when the page takes a period, Tứ Kỳ on a whole
    // year too (a longer period reads more rows and draws longer trends).
    const cases: Case[] = subjects.map((subject, index) => ({ subject, index, search: {}, what: "default period" }));
    if (entry.name.includes("period")) {
      const y = new Date().getUTCFullYear();
      cases.push({ subject: subjects[0], index: 0, search: { from: `${y}-01-01`, to: `${y}-12-31` }, what: "this year" });
    }
    const figures: Figures[] = [];
    for (const k of cases) figures.push(await measureLib(k, entry.run, db.url));

    let server: Server | undefined;
    const cookies: string[] = [];
    if (process.env.BENCH_PAGE !== "0") {
      try {
        if (process.env.BENCH_BUILD !== "0") await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);
        server = await startServer({ root: ROOT, distDir: DIST_DIR, port: PORT, databaseUrl: db.url });
        for (const s of subjects) cookies.push(await signIn(server.origin, s.login, BENCH_PASSWORD));
      } catch (err) {
        // The figures of the lib and its SQL still stand; say plainly that the page was not measured.
        out(`  THE PAGE WAS NOT MEASURED: ${String(err).split("\n").slice(0, 30).join("\n    ")}`);
        await server?.stop();
        server = undefined;
      }
    }
    try {
      if (server)
        for (const [i, f] of figures.entries()) {
          const { load, ...page } = await measurePage(server, cookies[cases[i].index], cases[i].search);
          Object.assign(f, page);
          f.load.push(load);
        }
      for (const [i, k] of cases.entries()) {
        const sorted = report(k, entry.name, figures[i]);
        // The plans of the slowest statements, for the largest commune (where indexes matter most).
        if (k.subject.user.id === BENCH_USERS.officialLargest.id && !Object.keys(k.search).length)
          for (const [n, slow] of sorted.slice(0, EXPLAIN_TOP).entries()) {
            out(`  slowest statement #${n + 1}, EXPLAIN (ANALYZE, BUFFERS):`);
            out(slow.sql.text.replace(/\s+/g, " ").replace(/^/, "    "));
            for (const l of (await explainText(db.url, slow.sql)).slice(0, 80)) out(`    ${l}`);
          }
      }

      const tryIndexes = (process.env.BENCH_TRY_INDEXES ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean);
      if (tryIndexes.length) {
        out();
        out(`With the candidate indexes (created now, ${process.env.BENCH_KEEP_INDEXES ? "kept" : "dropped afterwards"}):`);
        const names: string[] = [];
        await withClient(db.url, async (cl) => {
          for (const sql of tryIndexes) {
            const t = performance.now();
            await cl.query(sql);
            const name = /INDEX\s+(?:CONCURRENTLY\s+)?(?:IF NOT EXISTS\s+)?("?[\w]+"?)/i.exec(sql)?.[1];
            if (name) names.push(name);
            out(`  ${sql}  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
          }
          await cl.query("ANALYZE");
        });
        try {
          for (const k of cases) {
            const f: Figures = await measureLib(k, entry.run, db.url);
            if (server) {
              const { load, ...page } = await measurePage(server, cookies[k.index], k.search);
              Object.assign(f, page);
              f.load.push(load);
            }
            report(k, entry.name, f);
          }
        } finally {
          if (!process.env.BENCH_KEEP_INDEXES)
            await withClient(db.url, async (cl) => {
              for (const n of names) await cl.query(`DROP INDEX IF EXISTS ${n}`);
            });
        }
      }
    } finally {
      await server?.stop();
    }
    out();
    out(`Finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    const target = process.env.BENCH_OUT ?? (SCALE === 1 ? path.join(ROOT, "docs/bench-city.txt") : "");
    if (target) {
      await writeFile(target, lines.join("\n") + "\n");
      console.log(`(written to ${path.relative(ROOT, target)})`);
    }
  } finally {
    const { db: prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => {});
    // The app's pool reports each idle connection the server closes; expected here.
    console.error = () => {};
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
