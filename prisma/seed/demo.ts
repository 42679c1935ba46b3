// Demo data modelled on Tứ Kỳ commune, Hải Phòng city: villages, youth branches, households and
// their members' digital skills, visits, digital families, classes, the city contest and the
// other 113 communes and wards (aggregates only). Deterministic: every random choice comes from a
// seeded PRNG and every date is relative to `now`, so the same `now` gives the same data.
//
// Everything is planned in memory first, then written in batches inside one transaction, so a
// failed seed leaves nothing behind. Each part of the demo is one file of steps/, with its plan
// and its write; this file runs them in order. Each part draws from a random stream of its own,
// except phones (one book for the commune), so the plan's order is the data's: keep it.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { unsafeRecomputeEveryCommune } from "@/lib/families/recompute";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD } from "@/prisma/seed/constants";
import { planAssignments, writeAssignments } from "@/prisma/seed/steps/assignments";
import { planBusinesses, writeBusinesses } from "@/prisma/seed/steps/businesses";
import { planCity, writeCity } from "@/prisma/seed/steps/city";
import { writeCommune } from "@/prisma/seed/steps/commune";
import { seedComparisonCommunes } from "@/prisma/seed/steps/comparison";
import { planConsents, writeConsents } from "@/prisma/seed/steps/consent";
import { planContext, type Tx } from "@/prisma/seed/steps/context";
import { planFamilies, writeFamilies } from "@/prisma/seed/steps/families";
import { planHouseholds, writeHouseholds, writeMemberSkills } from "@/prisma/seed/steps/households";
import { planTraining, writeTraining } from "@/prisma/seed/steps/training";
import { planUsers, writeUsers } from "@/prisma/seed/steps/users";
import { planVisits, writeVisits } from "@/prisma/seed/steps/visits";

export {
  DEMO_COMMUNE,
  DEMO_CONTEST,
  DEMO_CONTEST_PARTICIPANTS,
  DEMO_PASSWORD,
  DEMO_USERS,
  VOLUNTEER_SATURDAY,
  type DemoUser,
} from "@/prisma/seed/constants";

export type SeedDemoOptions = {
  /** Households in the model commune (default 2,000). */
  households?: number;
  /** The reference date: visits, skills and classes are placed relative to it (default: now). */
  now?: Date;
};

/** Seeds the model commune and the city's other communes into an empty database, all or nothing. */
export async function seedDemo(db: PrismaClient | Db, opts: SeedDemoOptions = {}): Promise<void> {
  const householdCount = Math.max(1, Math.floor(opts.households ?? 2_000));
  const now = opts.now ?? new Date();
  // bcrypt is slow on purpose: hash once, outside the transaction, and reuse the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const plan = planDemo(householdCount, now);
  // Both client shapes run the same queries; the seed reads no omitted field.
  const client = db as unknown as PrismaClient;
  await client.$transaction((tx) => writeDemo(tx, plan, passwordHash), { maxWait: 10_000, timeout: 120_000 });
}

type Plan = ReturnType<typeof planDemo>;

/** The model commune in memory. Later steps add to earlier ones' households (skills, visits). */
function planDemo(householdCount: number, now: Date) {
  const ctx = planContext(householdCount, now);
  const households = planHouseholds(ctx);
  const families = planFamilies(ctx, households);
  const team = planUsers(ctx, households);
  const assigned = planAssignments(ctx, households, team);
  const { campaigns, visits } = planVisits(ctx, households, team, assigned);
  const businesses = planBusinesses(ctx, households);
  const training = planTraining(ctx, households, team.residentUserIdx);
  const city = planCity(ctx);
  const consents = planConsents(ctx, households, visits);
  return {
    today: ctx.today,
    year: ctx.year,
    households,
    families,
    team,
    assignments: assigned.assignments,
    campaigns,
    visits,
    businesses,
    training,
    city,
    consents,
  };
}

async function writeDemo(tx: Tx, plan: Plan, passwordHash: string): Promise<void> {
  const { today, year, households, team } = plan;
  const commune = await writeCommune(tx);
  const ids = await writeHouseholds(tx, commune, households);
  const userIds = await writeUsers(tx, commune, ids, team.users, passwordHash);
  await writeAssignments(tx, commune, ids, userIds, plan.assignments);
  const visitId = await writeVisits(tx, commune, ids, userIds, plan);
  await writeMemberSkills(tx, commune, ids, households, visitId);
  await writeFamilies(tx, commune, ids, plan.families, households, year);
  await writeBusinesses(tx, commune, ids, plan.businesses);
  const city = await writeCity(tx, commune, plan.city);
  await writeTraining(tx, commune, ids, userIds, plan.training, {
    officialIdx: team.officialIdx,
    otherCommuneId: city.otherCommuneId,
  });
  await writeConsents(tx, commune, ids, userIds, plan.consents, team, today);
  await seedComparisonCommunes(
    tx,
    plan.city.otherCommunes.map((c, i) => ({ id: city.otherIds[i], code: c.code, name: c.name })),
    today,
    year,
    passwordHash,
  );
  // Last: every family's status from its members' skills under its commune's criteria, the rule
  // the app keeps (no step writes a status the skills do not give; issue 16).
  await unsafeRecomputeEveryCommune(tx, today);
}
