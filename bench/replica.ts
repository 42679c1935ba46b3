// `npm run bench:replica`: the official's home and the city view at concurrency 20, from one
// production server reading on the primary only, then from the same server reading on the primary
// plus a streaming replica (DATABASE_REPLICA_URLS; decision 0026): same run, same dataset (the
// city of bench:city, BENCH_SCALE as there). Prints req/s, p50/p95, and where the database work
// ran: the CPU time of the primary's and the replica's PostgreSQL processes (and the app server's)
// over each phase. On one 2-core machine the server and both databases share the cores, so the
// req/s say little; the primary's share of the database CPU is the figure that counts.
//
// Environment: BENCH_SCALE (1; 0.02 to develop), BENCH_SECONDS (20 per page and layout),
// BENCH_CONCURRENCY (20), BENCH_PG_PORT (54390), BENCH_PORT (3160), NEXT_DIST_DIR (.next-bench),
// BENCH_BUILD (1 forces a build, 0 never builds), BENCH_OUT (where to write; at BENCH_SCALE=1
// docs/bench-replica.txt).
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { openCityDatabase, prepareCityData, withClient } from "@/bench/lib/city-db";
import { BENCH_PASSWORD, BENCH_USERS } from "@/bench/lib/city-seed";
import { ensureBuild, getPage, signIn, startServer, type Server } from "@/bench/lib/server";
import { ms, stats, type Stats } from "@/bench/lib/stats";
import { makeReplica, type Replica } from "@/lib/testing/replica";

const ROOT = path.resolve(__dirname, "..");
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54390);
const PORT = Number(process.env.BENCH_PORT ?? 3160);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const TICKS_PER_SECOND = 100; // Linux's USER_HZ

const lines: string[] = [];
function out(line = "") {
  lines.push(line);
  console.log(line);
}

/** CPU time (ticks) of a process and its children: a PostgreSQL server's postmaster and backends. */
function cpuTicks(pid: number | null): number {
  if (!pid) return 0;
  let total = 0;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(d) === pid || Number(f[1]) === pid) total += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const postmasterOf = (dataDir: string) => {
  try {
    return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
};

type Phase = {
  requests: Stats;
  perSecond: number;
  failures: number;
  cpu: { primary: number; replica: number; app: number };
  load: number;
};

/** CONCURRENCY clients, each GETting `url` again as soon as the last answer is read, for SECONDS. */
async function load(
  url: string,
  cookie: string,
  pids: { primary: number | null; replica: number | null; app: number },
): Promise<Phase> {
  for (let i = 0; i < CONCURRENCY; i++) await getPage(url, cookie); // warm-up
  const before = { primary: cpuTicks(pids.primary), replica: cpuTicks(pids.replica), app: cpuTicks(pids.app) };
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const r = await getPage(url, cookie).catch(() => null);
        if (!r || r.status !== 200) failures++;
        else times.push(r.total);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const seconds = (p: keyof typeof before) => (cpuTicks(pids[p]) - before[p]) / TICKS_PER_SECOND;
  return {
    requests: stats(times),
    perSecond: times.length / elapsed,
    failures,
    cpu: { primary: seconds("primary"), replica: seconds("replica"), app: seconds("app") },
    load: loadavg()[0],
  };
}

async function main() {
  out(`Reads on a streaming replica (npm run bench:replica), ${new Date().toISOString().slice(0, 16)}Z`);
  out(
    `  BENCH_SCALE=${SCALE}; ${CONCURRENCY} clients for ${SECONDS} s per page and layout; times in ms; machine: ` +
      `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average at start ${loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")}`,
  );
  const db = await openCityDatabase({ root: ROOT, pgPort: PG_PORT });
  let replica: Replica | undefined;
  let server: Server | undefined;
  try {
    const marker = await prepareCityData(db, { root: ROOT, scale: SCALE, log: out });
    const c = marker.counts;
    out(
      `  dataset: ${c.commune} communes, ${c.household.toLocaleString("en")} households, ${c.member.toLocaleString("en")} members, ` +
        `${c.visit.toLocaleString("en")} visits (${db.describe})`,
    );
    const primaryPid = process.env.BENCH_DATABASE_URL ? null : postmasterOf(path.join(ROOT, ".data-bench", "pg"));
    const t0 = Date.now();
    replica = await makeReplica(db.url, { parent: path.join(ROOT, ".data-bench") });
    const size = await withClient(db.url, (cl) => cl.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`));
    out(
      `  replica: pg_basebackup -R -X stream of ${size.rows[0].s} in ${((Date.now() - t0) / 1000).toFixed(0)} s, hot standby on its own port`,
    );
    if (process.env.BENCH_BUILD !== "0") await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);

    const pages = [
      { name: "official's home, Tứ Kỳ (/official)", path: "/official", login: BENCH_USERS.official.username },
      { name: "the city view (/city)", path: "/city", login: BENCH_USERS.city.username },
    ];
    const layouts: { name: string; env: Record<string, string> }[] = [
      { name: "primary only", env: { DATABASE_REPLICA_URLS: "" } },
      { name: "primary + replica", env: { DATABASE_REPLICA_URLS: replica.url } },
    ];
    const results: { layout: string; page: string; phase: Phase }[] = [];
    for (const layout of layouts) {
      server = await startServer({ root: ROOT, distDir: DIST_DIR, port: PORT, databaseUrl: db.url, env: layout.env });
      for (const page of pages) {
        const cookie = await signIn(server.origin, page.login, BENCH_PASSWORD);
        const first = await getPage(`${server.origin}${page.path}`, cookie);
        if (first.status !== 200) throw new Error(`GET ${page.path} answered ${first.status}`);
        const phase = await load(`${server.origin}${page.path}`, cookie, {
          primary: primaryPid,
          replica: replica.pid(),
          app: server.pid,
        });
        results.push({ layout: layout.name, page: page.name, phase });
      }
      await server.stop();
      server = undefined;
    }

    out();
    out(
      `  ${"page".padEnd(36)} ${"layout".padEnd(18)} ${"req/s".padStart(6)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"fail".padStart(5)}` +
        `   CPU s: ${"primary".padStart(7)} ${"replica".padStart(7)} ${"app".padStart(6)}  primary share  load`,
    );
    for (const r of results) {
      const { primary, replica: rep, app } = r.phase.cpu;
      const share = primary + rep > 0 ? `${((100 * primary) / (primary + rep)).toFixed(0)} %` : "n/a";
      out(
        `  ${r.page.padEnd(36)} ${r.layout.padEnd(18)} ${r.phase.perSecond.toFixed(1).padStart(6)} ${ms(r.phase.requests.p50).padStart(7)} ` +
          `${ms(r.phase.requests.p95).padStart(7)} ${String(r.phase.failures).padStart(5)}          ${primary.toFixed(1).padStart(7)} ` +
          `${rep.toFixed(1).padStart(7)} ${app.toFixed(1).padStart(6)}  ${share.padStart(13)}  ${r.phase.load.toFixed(2)}`,
      );
    }
    out();
    for (const page of pages) {
      const [one, two] = layouts.map((l) => results.find((r) => r.layout === l.name && r.page === page.name)!.phase);
      const perRequest = (p: Phase, k: "primary" | "replica") => (1000 * p.cpu[k]) / Math.max(1, p.requests.n);
      out(
        `  ${page.name}: with the replica, ${(two.perSecond / one.perSecond).toFixed(2)}x the req/s of the primary alone, ` +
          `p95 ${(two.requests.p95 / one.requests.p95).toFixed(2)}x; primary CPU per request ${perRequest(one, "primary").toFixed(1)} → ` +
          `${perRequest(two, "primary").toFixed(1)} ms, replica ${perRequest(two, "replica").toFixed(1)} ms`,
      );
    }
    out(
      `  load average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")}`,
    );
    const target = process.env.BENCH_OUT ?? (SCALE === 1 ? path.join(ROOT, "docs", "bench-replica.txt") : null);
    if (target) await writeFile(target, `${lines.join("\n")}\n`);
  } finally {
    await server?.stop();
    await replica?.remove();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
