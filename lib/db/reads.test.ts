// Reads on a streaming replica (docs/decisions/0026): a real second PostgreSQL, made from the test
// server with pg_basebackup (Debian's postgresql-15 client; the embedded binaries have none) and
// started with the embedded server's binaries as a hot standby. Writes go to the primary; the
// reads listed in lib/db/reads.ts go to the replica; when it is down they run on the primary.
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, freshEvent, inDaysVn, type World } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { makeReplica, type Replica } from "@/lib/testing/replica";
import { localToUtc } from "@/lib/format/dates";

const { db } = await import("@/lib/db");
const { readDb, DOWN_MS } = await import("@/lib/db/reads");
const { listUpcomingClasses } = await import("@/lib/training/schedule");

let t: TestDatabase;
let w: World;
let replica: Replica;

async function onReplica<T>(sql: string): Promise<T> {
  const c = new Client({ connectionString: replica.url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0] as T;
  } finally {
    await c.end();
  }
}

const inRecovery = async (client: typeof db) => (await client.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t, 5);
  replica = await makeReplica(t.url);
  process.env.DATABASE_REPLICA_URLS = replica.url;
}, 120_000);

afterAll(async () => {
  delete process.env.DATABASE_REPLICA_URLS;
  await replica?.remove();
  await t?.drop();
});

describe("reads on a streaming replica", () => {
  it("sends the listed reads to the replica and everything else to the primary", async () => {
    expect(await onReplica<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).toEqual({ r: true });
    expect(await inRecovery(readDb)).toBe(true);
    expect(await inRecovery(db)).toBe(false);
  });

  it("a class written on the primary shows on the public list once the replica has it, never before", async () => {
    await onReplica("SELECT pg_wal_replay_pause()");
    const day = inDaysVn(3);
    const ev = await freshEvent(w, localToUtc(day, "08:00"), localToUtc(day, "10:00"));
    // The primary has it at once (a form re-opened after saving reads there)…
    expect(await db.trainingEvent.count({ where: { id: ev.id } })).toBe(1);
    // …the public list reads the replica, whose replay is paused: not yet.
    expect((await listUpcomingClasses(w.a, 100)).map((c) => c.id)).not.toContain(ev.id);
    await onReplica("SELECT pg_wal_replay_resume()");
    await expect.poll(async () => (await listUpcomingClasses(w.a, 100)).map((c) => c.id), { timeout: 10_000 }).toContain(ev.id);
  });

  it("reads on the primary while the replica is down, and go back to it once it is up", async () => {
    await replica.stop();
    const started = Date.now();
    expect(await inRecovery(readDb)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The next reads do not try the replica again for a while: no request waits on it twice.
    const next = Date.now();
    await listUpcomingClasses(w.a);
    expect(Date.now() - next).toBeLessThan(1_000);
    await replica.start();
    await expect.poll(() => inRecovery(readDb), { timeout: DOWN_MS + 15_000, interval: 500 }).toBe(true);
  }, 60_000);

  it("under load: stopping the replica fails no read, and reads go back to it once it is up", async () => {
    // 20 readers at once, each reading again as soon as it has its answer (a busy dashboard hour).
    type Outcome = { at: number; ms: number; onReplica: boolean | null; error?: string };
    const outcomes: Outcome[] = [];
    let running = true;
    const reader = async () => {
      while (running) {
        const at = Date.now();
        try {
          const [onReplica] = await Promise.all([inRecovery(readDb), listUpcomingClasses(w.a, 20)]);
          outcomes.push({ at, ms: Date.now() - at, onReplica });
        } catch (err) {
          outcomes.push({ at, ms: Date.now() - at, onReplica: null, error: String(err) });
        }
      }
    };
    const readers = Array.from({ length: 20 }, reader);
    const until = (n: number) => expect.poll(() => outcomes.length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(n);
    // Steady: the last 50 reads all on the replica (an earlier test restarted it; its pool's old
    // connections fail once each, and those reads go to the primary, as they should).
    await expect
      .poll(() => outcomes.length >= 50 && outcomes.slice(-50).every((o) => o.onReplica === true), { timeout: 30_000 })
      .toBe(true);
    const steadyAt = Date.now();
    await until(outcomes.length + 100);
    const stoppedAt = Date.now();
    await replica.stop();
    // Reads keep answering, from the primary…
    await until(outcomes.length + 200);
    const restartAt = Date.now();
    await replica.start();
    // …and return to the replica once it is up again.
    await expect
      .poll(() => outcomes.filter((o) => o.at > restartAt && o.onReplica === true).length, { timeout: DOWN_MS + 20_000 })
      .toBeGreaterThan(20);
    running = false;
    await Promise.all(readers);

    expect(outcomes.filter((o) => o.error).map((o) => o.error)).toEqual([]);
    expect(outcomes.filter((o) => o.at > steadyAt && o.at + o.ms < stoppedAt).every((o) => o.onReplica)).toBe(true);
    // Within seconds of the stop, every read is on the primary; none took more than 5 s.
    expect(outcomes.filter((o) => o.at > stoppedAt + 5_000 && o.at < restartAt).every((o) => o.onReplica === false)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(5_000);
  }, 120_000);
});
