// Household search at scale: loads 100,000 households (about 300,000 members) into a fresh
// database, then times the real searchHouseholds() for typical queries, beside a baseline: the
// same SQL with index scans turned off (a sequential scan), and a naive ILIKE '%…%' on the
// unaccented head name. Repeated at the demo size (2,000). Prints median / p95 wall-clock
// milliseconds and PostgreSQL's own execution time from EXPLAIN (ANALYZE, FORMAT JSON).
//
// Uses TEST_DATABASE_URL's server when set (an admin URL; a database is created and dropped),
// otherwise an embedded PostgreSQL on a free port in a temporary directory.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { withClient } from "@/bench/lib/city-db";
import { stats, time } from "@/bench/lib/stats";
import type { CurrentUser } from "@/lib/auth/user";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import type { HouseholdQuery } from "@/lib/households/search";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Untimed runs first, to warm caches and the connection pool. */
const WARMUP = 2;
const SIZES = (process.env.BENCH_SIZES ?? "100000,2000").split(",").map(Number);

type Case = { name: string; query: Partial<HouseholdQuery>; naive?: string };

const CASES: Case[] = [
  { name: "unaccented name", query: { q: "nguyen thi huong" }, naive: "nguyen thi huong" },
  { name: "typo in name", query: { q: "nguyen thi huogn" }, naive: "nguyen thi huogn" },
  { name: "phone prefix", query: { q: "0912" } },
  { name: "place name (tu ky)", query: { q: "tu ky" } },
  { name: "filters only (village + never visited)", query: { village: -1, visit: "never" } },
  { name: "page 50, sorted by head", query: { sort: "head", page: 50 } },
  { name: "page 50, by last visit, newest first", query: { sort: "lastVisit", dir: "desc", page: 50 } },
];

// ---------------------------------------------------------------------------------------------
// Capturing the SQL that searchHouseholds sends, so that EXPLAIN runs exactly the same statement.

type Captured = { text: string; values: unknown[] };
let captured: Captured | null = null;
const originalQuery = pg.Client.prototype.query;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
  const first = args[0];
  const text: string | undefined = typeof first === "string" ? first : first?.text;
  if (text && text.includes("/* searchHouseholds */")) {
    captured = { text, values: (typeof first === "string" ? args[1] : first.values) ?? [] };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (originalQuery as any).apply(this, args);
};

// ---------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đỗ",
  "Đặng",
  "Bùi",
  "Ngô",
  "Dương",
  "Đinh",
  "Lương",
  "Trịnh",
  "Phan",
  "Mạc",
];
const MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Đình", "Ngọc"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Bích", "Phương", "Diệu"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Hải",
  "Hùng",
  "Khánh",
  "Long",
  "Nam",
  "Phong",
  "Quân",
  "Sơn",
  "Thắng",
  "Tuấn",
  "Việt",
];
const GIVEN_F = [
  "Anh",
  "Chi",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Nga",
  "Oanh",
  "Thảo",
  "Trang",
  "Yến",
];
const VILLAGES = [
  "Thôn Tứ Kỳ",
  "Thôn Đông",
  "Thôn Tây",
  "Thôn Nam",
  "Thôn Bắc",
  "Thôn Quang Khải",
  "Thôn Hưng Đạo",
  "Thôn Đại Hợp",
  "Thôn Ngọc Sơn",
  "Thôn Phượng Kỳ",
  "Thôn Dân Chủ",
  "Thôn Kỳ Sơn",
];
const PREFIXES = ["086", "096", "097", "098", "032", "033", "034", "035", "091", "094", "088", "090", "093", "070", "077", "081"];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]::text[]`;

/** Loads `n` households with ~3 members each into commune 1, in SQL (INSERT … SELECT generate_series). */
async function load(url: string, n: number): Promise<{ communeId: number; villageId: number }> {
  return withClient(url, async (c) => {
    await c.query("SELECT setseed(0.20261011)");
    const { rows } = await c.query(
      `INSERT INTO commune (code, name, province) VALUES ('bench', 'Xã Tứ Kỳ', 'Hải Phòng') RETURNING id`,
    );
    const communeId = rows[0].id as number;
    await c.query(
      `INSERT INTO village (commune_id, name, code) SELECT $1, v, 'v' || i FROM unnest(${arr(VILLAGES)}) WITH ORDINALITY AS t(v, i)`,
      [communeId],
    );
    const t0 = Date.now();
    await c.query(
      `WITH v AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(name ORDER BY id) AS names FROM village WHERE commune_id = $1),
       g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
             FROM generate_series(1, $2::int) AS i)
       INSERT INTO household (commune_id, village_id, head_name, address, phone, last_visit_on, updated_at)
       SELECT $1, v.ids[1 + (g.i % array_length(v.ids, 1))],
              CASE WHEN g.r1 < 0.7
                THEN (${arr(FAMILY)})[1 + floor(g.r2 * ${FAMILY.length})::int] || ' ' || (${arr(MIDDLE_M)})[1 + floor(g.r3 * ${MIDDLE_M.length})::int] || ' ' || (${arr(GIVEN_M)})[1 + floor(g.r4 * ${GIVEN_M.length})::int]
                ELSE (${arr(FAMILY)})[1 + floor(g.r2 * ${FAMILY.length})::int] || ' ' || (${arr(MIDDLE_F)})[1 + floor(g.r3 * ${MIDDLE_F.length})::int] || ' ' || (${arr(GIVEN_F)})[1 + floor(g.r4 * ${GIVEN_F.length})::int]
              END,
              'Số ' || (1 + floor(g.r5 * 300)::int) || ', xóm ' || (1 + g.i % 9) || ', ' || v.names[1 + (g.i % array_length(v.ids, 1))],
              CASE WHEN g.r6 < 0.9 THEN (${arr(PREFIXES)})[1 + floor(g.r6 / 0.9 * ${PREFIXES.length})::int] || lpad(floor(g.r7 * 10000000)::int::text, 7, '0') END,
              CASE WHEN g.r7 < 0.3 THEN NULL ELSE current_date - floor(g.r5 * 400)::int END,
              now()
       FROM g, v`,
      [communeId, n],
    );
    // Members: the head, then 0–4 others (3 on average) sharing the head's family name.
    await c.query(
      `INSERT INTO member (commune_id, household_id, full_name, birth_year, gender, phone, is_head, updated_at)
       SELECT h.commune_id, h.id,
              CASE WHEN k = 0 THEN h.head_name
                   WHEN r < 0.5 THEN split_part(h.head_name, ' ', 1) || ' ' || (${arr(MIDDLE_M)})[1 + floor(r * 2 * ${MIDDLE_M.length})::int] || ' ' || (${arr(GIVEN_M)})[1 + floor(random() * ${GIVEN_M.length})::int]
                   ELSE split_part(h.head_name, ' ', 1) || ' ' || (${arr(MIDDLE_F)})[1 + floor((r - 0.5) * 2 * ${MIDDLE_F.length})::int] || ' ' || (${arr(GIVEN_F)})[1 + floor(random() * ${GIVEN_F.length})::int]
              END,
              CASE WHEN k = 0 THEN 1950 + floor(r * 40)::int ELSE 1950 + floor(random() * 75)::int END,
              (CASE WHEN r < 0.5 THEN 'male' ELSE 'female' END)::"Gender",
              CASE WHEN k = 0 THEN h.phone WHEN random() < 0.5 THEN '09' || lpad(floor(random() * 100000000)::int::text, 8, '0') END,
              k = 0, now()
       FROM household h, LATERAL (SELECT k, random() AS r FROM generate_series(0, (h.id % 5)) AS k) m
       WHERE h.commune_id = $1`,
      [communeId],
    );
    await c.query(
      `INSERT INTO digital_family (commune_id, household_id, status, enrolled_on)
       SELECT commune_id, id, (ARRAY['enrolled','in_progress','digital','smart'])[1 + floor(random() * 4)::int]::"FamilyStatus", current_date - 100
       FROM household WHERE commune_id = $1 AND random() < 0.4`,
      [communeId],
    );
    await c.query("ANALYZE");
    const members = (await c.query("SELECT count(*)::int AS n FROM member")).rows[0].n as number;
    console.log(
      `  loaded ${n.toLocaleString("en")} households, ${members.toLocaleString("en")} members in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const villageId = (await c.query("SELECT min(id) AS id FROM village WHERE commune_id = $1", [communeId])).rows[0]
      .id as number;
    return { communeId, villageId };
  });
}

/** PostgreSQL's own execution time of `sql`, optionally with index scans off (the baseline). */
async function explain(c: pg.Client, sql: Captured, seqscan: boolean): Promise<{ ms: number; plan: string }> {
  await c.query("BEGIN");
  try {
    if (seqscan)
      await c.query("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");
    const r = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.values);
    const plan = r.rows[0]["QUERY PLAN"][0];
    const nodes: string[] = [];
    const walk = (n: { "Node Type": string; "Index Name"?: string; Plans?: unknown[] }) => {
      if (/Scan/.test(n["Node Type"])) nodes.push(n["Index Name"] ? `${n["Node Type"]} ${n["Index Name"]}` : n["Node Type"]);
      for (const p of (n.Plans ?? []) as (typeof n)[]) walk(p);
    };
    walk(plan.Plan);
    return { ms: plan["Execution Time"] as number, plan: [...new Set(nodes)].join(", ") };
  } finally {
    await c.query("ROLLBACK");
  }
}

/** Runs `fn` with index and bitmap scans off: the baseline is a sequential scan. */
async function naiveScan(c: pg.Client, fn: () => Promise<unknown>) {
  await c.query("BEGIN");
  try {
    await c.query("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");
    await fn();
  } finally {
    await c.query("ROLLBACK");
  }
}

async function timeSql(c: pg.Client, sql: Captured, runs: number, seqscan: boolean): Promise<number[]> {
  return time(runs, WARMUP, async () => {
    await c.query("BEGIN");
    if (seqscan)
      await c.query("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");
    await c.query(sql.text, sql.values);
    await c.query("ROLLBACK");
  });
}

const f = (n: number) => n.toFixed(n < 10 ? 2 : 1).padStart(8);

async function benchSize(adminUrl: (db: string) => string, n: number) {
  const dbName = `cds_bench_${n}_${process.pid}`;
  await withClient(adminUrl("postgres"), (c) =>
    c.query(`DROP DATABASE IF EXISTS "${dbName}"`).then(() => c.query(`CREATE DATABASE "${dbName}"`)),
  );
  const url = adminUrl(dbName);
  try {
    console.log(`\n== ${n.toLocaleString("en")} households ==`);
    await applyMigrations(url, path.resolve("prisma/migrations"));
    const { communeId, villageId } = await load(url, n);

    // The real lib function, through the app's own Prisma client.
    process.env.DATABASE_URL = url;
    const { createPrismaClient } = await import("@/lib/db");
    const globalForDb = globalThis as { db?: ReturnType<typeof createPrismaClient> };
    await globalForDb.db?.$disconnect();
    globalForDb.db = createPrismaClient(url);
    const { searchHouseholds } = await import("@/lib/households/search");
    const official: CurrentUser = {
      id: 1,
      name: "bench",
      role: "official",
      communeId,
      memberId: null,
      username: null,
      phone: null,
    };

    console.log(
      "  query                                    rows   total | search() median    p95 | db exec | seqscan median  db exec | ratio | naive ILIKE median | plan",
    );
    await withClient(url, async (c) => {
      for (const k of CASES) {
        const query = { ...k.query, ...(k.query.village === -1 ? { village: villageId } : {}) };
        captured = null;
        const result = await searchHouseholds(official, query);
        const sql = captured as Captured | null;
        const wall = stats(await time(RUNS, WARMUP, () => searchHouseholds(official, query)));
        let line = `  ${k.name.padEnd(40)} ${String(result.rows.length).padStart(4)} ${String(result.total).padStart(7)} | ${f(wall.p50)} ${f(wall.p95)} |`;
        if (sql && process.env.BENCH_PLAN) {
          const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
          console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
        }
        if (sql) {
          const indexed = await explain(c, sql, false);
          const seq = await explain(c, sql, true);
          const seqWall = stats(await timeSql(c, sql, Math.max(3, Math.floor(RUNS / 3)), true));
          line += ` ${f(indexed.ms)} | ${f(seqWall.p50)}     ${f(seq.ms)} | ${(seq.ms / indexed.ms).toFixed(1).padStart(5)}x |`;
          if (k.naive) {
            const naive = stats(
              await time(Math.max(3, Math.floor(RUNS / 3)), WARMUP, () =>
                naiveScan(c, () =>
                  c.query(
                    `SELECT id, head_name FROM household WHERE commune_id = $1 AND f_unaccent(head_name) ILIKE '%' || f_unaccent($2) || '%'
                   ORDER BY head_name LIMIT 25`,
                    [communeId, k.naive],
                  ),
                ),
              ),
            );
            line += ` ${f(naive.p50)}          |`;
          } else line += `                    |`;
          line += ` ${indexed.plan}`;
        }
        console.log(line);
      }
    });
    await globalForDb.db?.$disconnect();
    globalForDb.db = undefined;
  } finally {
    await withClient(adminUrl("postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  }
}

export async function main() {
  let stop = async () => {};
  let adminUrl: (db: string) => string;
  if (process.env.TEST_DATABASE_URL) {
    const base = new URL(process.env.TEST_DATABASE_URL);
    adminUrl = (db) => {
      const u = new URL(base);
      u.pathname = `/${db}`;
      return u.toString();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "cds-bench-"));
    await chmod(dir, 0o755); // when run as root, PostgreSQL runs as the `postgres` user
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort() });
    adminUrl = server.url;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  console.log(`Household search benchmark (${RUNS} timed runs per query; times in ms)`);
  console.log(
    "  search() = the real searchHouseholds() wall clock; db exec = EXPLAIN ANALYZE execution time of the same SQL;\n" +
      "  seqscan = the same SQL with index and bitmap scans off (baseline); ratio = seqscan db exec / indexed db exec;\n" +
      "  naive ILIKE = f_unaccent(head_name) ILIKE '%…%' on the head name only, index scans off (sequential scan).\n" +
      "  (typo: one statement; its substring step finds nothing, so its similarity step runs.)",
  );
  try {
    for (const n of SIZES) await benchSize(adminUrl, n);
  } finally {
    await stop();
  }
}
