// The city-sized database the benchmarks share (bench:city, bench:saturday): the embedded
// PostgreSQL in .data-bench/ (or BENCH_DATABASE_URL), seeded once by bench/lib/city-seed.ts and
// reused while complete at the same BENCH_SCALE.
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { seedCity } from "@/bench/lib/city-seed";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";

const DB_NAME = "congdanso_bench";
// The embedded server's settings, modest for a 2-core machine with a few GB of memory.
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: "512MB",
  effective_cache_size: "2GB",
  work_mem: "16MB",
  maintenance_work_mem: "512MB",
  max_wal_size: "8GB",
  random_page_cost: "1.1",
};

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type Marker = { scale: number; seconds: number; seeded_at: Date; counts: Record<string, number> };

async function readMarker(c: pg.Client): Promise<Marker | null> {
  const exists = await c.query(`SELECT to_regclass('public.bench_seed') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return null;
  const r = await c.query(`SELECT scale, seconds, seeded_at, counts FROM bench_seed LIMIT 1`);
  return (r.rows[0] as Marker | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------
// The database: embedded (tuned once, data kept in .data-bench/) or BENCH_DATABASE_URL.

export type CityDatabase = { url: string; describe: string; stop: () => Promise<void> };

/** The embedded server in `<root>/.data-bench/` (tuned once), or BENCH_DATABASE_URL. */
export async function openCityDatabase({ root, pgPort }: { root: string; pgPort: number }): Promise<CityDatabase> {
  const DATA_DIR = path.join(root, ".data-bench");
  if (process.env.BENCH_DATABASE_URL) {
    const url = process.env.BENCH_DATABASE_URL;
    if (!/@(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(url) && !process.env.BENCH_ALLOW_REMOTE)
      throw new Error("BENCH_DATABASE_URL is not on localhost (set BENCH_ALLOW_REMOTE=1 if you mean it)");
    return { url, describe: "BENCH_DATABASE_URL", stop: async () => {} };
  }
  await mkdir(DATA_DIR, { recursive: true });
  await chmod(DATA_DIR, 0o755); // as root, PostgreSQL runs as the `postgres` user
  const start = () => startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), port: pgPort });
  let server: EmbeddedServer = await start();
  const admin = server.url("postgres");
  const tuned = await withClient(admin, async (c) => {
    const r = await c.query(`SELECT setting FROM pg_settings WHERE name = 'shared_buffers'`);
    const want = await c.query(`SELECT pg_size_bytes($1) / 8192 AS pages`, [PG_SETTINGS.shared_buffers]);
    if (String(r.rows[0].setting) === String(want.rows[0].pages)) return true;
    for (const [k, v] of Object.entries(PG_SETTINGS)) await c.query(`ALTER SYSTEM SET ${k} = '${v}'`);
    return false;
  });
  if (!tuned) {
    await server.stop();
    server = await start();
  }
  await ensureDatabase(admin, DB_NAME);
  return {
    url: server.url(DB_NAME),
    describe: `embedded, .data-bench/, port ${pgPort}`,
    stop: () => server.stop(),
  };
}

async function recreateDatabase(url: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  await withClient(admin.toString(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DB_NAME}"`);
  });
}

/** The city at `scale`: the seeded data when it is there at that scale, else seeded now (migrations applied either way). */
export async function prepareCityData(
  db: { url: string; describe: string },
  { root, scale, log }: { root: string; scale: number; log: (line: string) => void },
): Promise<Marker> {
  const out = log;
  const SCALE = scale;
  const ROOT = root;
  let marker = await withClient(db.url, readMarker);
  const wanted = marker && Number(marker.scale) === SCALE && !process.env.BENCH_RESEED;
  if (!wanted) {
    if (process.env.BENCH_DATABASE_URL) {
      const used = await withClient(db.url, (c) =>
        c
          .query(`SELECT to_regclass('public.household') IS NOT NULL AS t`)
          .then(async (r) =>
            r.rows[0].t ? Number((await c.query(`SELECT count(*) AS n FROM household`)).rows[0].n) > 0 : false,
          ),
      );
      if (used)
        throw new Error("BENCH_DATABASE_URL holds data that the bench did not seed at this scale; give it an empty database");
    } else if (
      marker ||
      (await withClient(db.url, (c) => c.query(`SELECT to_regclass('public.household') IS NOT NULL AS t`))).rows[0].t
    ) {
      out(`  dropping the bench database (seeded at scale ${marker?.scale ?? "?"}, incomplete or BENCH_RESEED)`);
      await recreateDatabase(db.url);
    }
  }
  const applied = await applyMigrations(db.url, path.join(ROOT, "prisma/migrations"));
  if (applied.length) out(`  applied migrations: ${applied.join(", ")}`);
  // A migration over seeded data rewrites rows: set the visibility map and statistics again, as the
  // seed does, so index-only scans stay index-only.
  if (applied.length && wanted) await withClient(db.url, (c) => c.query("VACUUM ANALYZE"));
  if (!wanted) {
    out(`Seeding the city at BENCH_SCALE=${SCALE} (set-based SQL):`);
    const summary = await withClient(db.url, (c) => seedCity(c, SCALE, out));
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TABLE bench_seed (scale float8, seconds float8, seeded_at timestamptz, counts jsonb)`);
      await c.query(`INSERT INTO bench_seed VALUES ($1, $2, now(), $3)`, [
        SCALE,
        summary.seconds,
        JSON.stringify(summary.counts),
      ]);
    });
    out(`  seeded in ${summary.seconds.toFixed(0)} s`);
    marker = await withClient(db.url, readMarker);
  }
  return marker!;
}
