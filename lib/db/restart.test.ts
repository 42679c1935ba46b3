// Fault test: PostgreSQL restarts while volunteers record visits and residents sign up for
// classes. The app's own Prisma client (lib/db.ts, the same pool a running portal uses) must
// recover without the app being restarted; every submission answered "saved" must be stored
// exactly once; every other one must have failed with an error that a retry (same idempotency key,
// as the real forms send) turns into exactly one stored row.
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { createPrismaClient, type Db } from "@/lib/db";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { todayInVietnam } from "@/lib/format/dates";
import { freePort } from "@/lib/testing/ports";
import { settled } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";
import { registerForClass, RegistrationInputSchema } from "@/lib/training/registrations";
import { recordVisit } from "@/lib/visits/mutations";
import { ensureCommuneDefaults } from "@/lib/families/defaults";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = "visit" | "signup";
type Submission = { kind: Kind; key: string; answer: "saved" | "error" | "refused"; submit: () => Promise<boolean> };

let dir: string;
let port: number;
let server: EmbeddedServer | undefined;
let db: Db;

async function startServer() {
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cds-faults-"));
  await chmod(dir, 0o755); // the server runs as the `postgres` user when we are root
  port = await freePort();
  await startServer();
  await ensureDatabase(server!.url("postgres"), "faults");
  const url = server!.url("faults");
  await applyMigrations(url, MIGRATIONS);
  db = createPrismaClient(url);
  // The client every lib function uses (lib/db.ts), exactly as in the running portal.
  process.env.DATABASE_URL = url;
  (globalThis as { db?: Db }).db = db;
});

/** A commune with households, a volunteer and an upcoming class: what the submissions need. */
async function fixtures() {
  const commune = await db.commune.create({ data: { code: "fault-test", name: "Xã Thử", province: "Hải Phòng" } });
  await ensureCommuneDefaults(db, commune.id);
  const village = await db.village.create({ data: { communeId: commune.id, name: "Thôn 1", code: "t1" } });
  await db.household.createMany({
    data: [...Array(500)].map((_, i) => ({
      communeId: commune.id,
      villageId: village.id,
      headName: `Chủ hộ ${i}`,
      address: `Số ${i}, Thôn 1`,
    })),
  });
  const row = await db.user.create({
    data: { communeId: commune.id, username: "fault-volunteer", name: "Đoàn viên thử", passwordHash: "-", role: "volunteer" },
  });
  const volunteer = currentUserOf(row);
  const topic = await db.trainingTopic.findFirstOrThrow({ where: { communeId: commune.id } });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const event = await db.trainingEvent.create({
    data: {
      communeId: commune.id,
      topicId: topic.id,
      title: "Lớp thử",
      audience: "everyone",
      place: "Nhà văn hoá",
      organiser: "Trung tâm Chính trị",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      capacity: 100,
    },
  });
  const households = (
    await db.household.findMany({ where: { communeId: commune.id }, select: { id: true }, orderBy: { id: "asc" } })
  ).map((h) => h.id);
  return { communeId: commune.id, volunteer, households, event };
}

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a PostgreSQL restart under load", () => {
  it("loses no saved submission, stores none twice, and recovers without restarting the app", async () => {
    const { communeId, volunteer, households, event } = await fixtures();
    const today = todayInVietnam().toISOString().slice(0, 10);

    let n = 0;
    const submissions: Submission[] = [];
    function next(kind: Kind): Submission {
      const i = n++;
      const key = randomUUID();
      const submit =
        kind === "visit"
          ? async () => {
              await recordVisit(volunteer, {
                householdId: households[i % households.length],
                idempotencyKey: key,
                visitedOn: new Date(`${today}T00:00:00Z`),
                outcome: "not_home",
                items: [],
                coVolunteerIds: [],
                campaignId: null,
                notes: `fault test ${i}`,
              });
              return true;
            }
          : async () => {
              const input = RegistrationInputSchema.parse({
                eventId: String(event.id),
                fullName: `Người thử ${i}`,
                phone: `09${String(10_000_000 + i).slice(-8)}`,
                villageId: "0",
                consent: "yes",
                idempotencyKey: key,
              });
              return (await settled(registerForClass(communeId, input, "Tôi đồng ý (fault test)"))).ok;
            };
      const s: Submission = { kind, key, answer: "error", submit };
      submissions.push(s);
      return s;
    }

    let running = true;
    async function worker(kind: Kind) {
      while (running) {
        const s = next(kind);
        try {
          s.answer = (await s.submit()) ? "saved" : "refused";
        } catch {
          s.answer = "error";
          await sleep(200); // a person reads the error before doing anything else
        }
        await sleep(10);
      }
    }

    expect((await health()).status).toBe(200);
    const workers = [...Array(4)].flatMap(() => [worker("visit"), worker("signup")]);
    await sleep(3_000);
    const beforeStop = submissions.length;
    await server!.stop();
    server = undefined;
    const down = await health();
    expect(down.status).toBe(503);
    expect((await down.json()).database.ok).toBe(false);
    await sleep(1_500);
    await startServer();
    const restartedAt = submissions.length;
    // Recovery without restarting anything on the app's side: the same pool answers again.
    const upAfter = Date.now();
    let up = await health();
    while (up.status !== 200 && Date.now() - upAfter < 30_000) {
      await sleep(100);
      up = await health();
    }
    expect(up.status).toBe(200);
    const recoveryMs = Date.now() - upAfter;
    await sleep(3_000);
    running = false;
    await Promise.all(workers);

    const keysOf = (kind: Kind, answer?: Submission["answer"]) =>
      submissions.filter((s) => s.kind === kind && (!answer || s.answer === answer)).map((s) => s.key);
    const found = async (kind: Kind, keys: string[]) =>
      kind === "visit"
        ? db.visit.count({ where: { idempotencyKey: { in: keys } } })
        : db.registration.count({ where: { idempotencyKey: { in: keys } } });

    const sent = submissions.length;
    const saved = submissions.filter((s) => s.answer === "saved").length;
    const errors = submissions.filter((s) => s.answer === "error").length;
    const refused = submissions.filter((s) => s.answer === "refused").length;
    const errorsAfterRestart = submissions.slice(restartedAt).filter((s) => s.answer === "error").length;
    const foundSaved = (await found("visit", keysOf("visit", "saved"))) + (await found("signup", keysOf("signup", "saved")));
    // An error can come after the commit (the answer was lost with the connection): then the row
    // is there, and the retry below finds it instead of storing it again.
    const committedDespiteError =
      (await found("visit", keysOf("visit", "error"))) + (await found("signup", keysOf("signup", "error")));

    // Each person whose submission failed presses "send" again: same idempotency key.
    let retriedSaved = 0;
    for (const s of submissions.filter((x) => x.answer === "error")) {
      if (await s.submit()) retriedSaved++;
    }
    const allVisits = keysOf("visit");
    const allSignups = keysOf("signup");
    const stored = (await found("visit", allVisits)) + (await found("signup", allSignups));
    const feed = await db.visit.count({ where: { notes: { startsWith: "fault test " } } });

    console.log(
      `fault test: sent ${sent} (${beforeStop} before the stop, ${restartedAt - beforeStop} while down), ` +
        `saved ${saved}, found ${foundSaved}, errors ${errors} (${committedDespiteError} of them committed), ` +
        `refused ${refused}, errors after the restart ${errorsAfterRestart}; after retrying the errors: ${retriedSaved} saved, ${stored} rows for ${sent} submissions; ` +
        `pool answered ${recoveryMs} ms after the restart`,
    );

    expect(refused).toBe(0);
    expect(errors).toBeGreaterThan(0); // the outage really hit submissions
    expect(saved).toBeGreaterThan(0);
    expect(foundSaved).toBe(saved); // every "saved" is in the database (keys are unique: exactly once)
    expect(retriedSaved).toBe(errors); // every error could be retried successfully
    expect(stored).toBe(sent); // and then each submission is stored exactly once
    expect(feed).toBe(allVisits.length); // no visit stored twice under another key
  });
});
