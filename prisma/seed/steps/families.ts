// Digital families: each youth branch adopts 5–9 households, more enrol on their own; an adopted
// family has had help, so some of its adults' gaps are filled. Their status and the day each level
// was reached follow from the members' skills.
import { addDays } from "@/lib/format/dates";
import { DEFAULT_CRITERIA } from "@/lib/families/defaults";
import { computeFamilyStatus, familyStatusRank, type StatusCriterion } from "@/lib/families/status";
import type { FamilyStatus } from "@/lib/generated/prisma/client";
import { TU_KY_BRANCHES, TU_KY_VILLAGES } from "@/prisma/seed/names";
import { MEMBER_SKILLS } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import type { HouseholdIds, PHousehold, PMember } from "@/prisma/seed/steps/households";

export type PFamily = { household: number; branchIdx: number | null; enrolledOn: Date; boost: number };

/** The enrolled families, the demo resident's first; fills some of their adults' gaps in `households`. */
export function planFamilies({ householdCount, today, year }: PlanContext, households: readonly PHousehold[]): PFamily[] {
  const fr = new Rng("families");
  const taken = new Set<number>([0]);
  const byVillage = TU_KY_VILLAGES.map((_, v) =>
    fr.shuffle(households.map((_, i) => i).filter((i) => households[i].villageIdx === v)),
  );
  const anyOrder = fr.shuffle(households.map((_, i) => i));
  const takeFrom = (pools: number[][]): number | undefined => {
    for (const pool of pools) {
      while (pool.length) {
        const h = pool.pop()!;
        if (!taken.has(h)) {
          taken.add(h);
          return h;
        }
      }
    }
    return undefined;
  };
  const families: PFamily[] = [{ household: 0, branchIdx: 0, enrolledOn: addDays(today, -fr.int(150, 300)), boost: 0.45 }];
  TU_KY_BRANCHES.forEach(([, villageName], b) => {
    const v = villageName === null ? -1 : TU_KY_VILLAGES.findIndex(([n]) => n === villageName);
    const want = fr.int(5, 9) - (b === 0 ? 1 : 0);
    for (let i = 0; i < want; i++) {
      const h = takeFrom(v >= 0 ? [byVillage[v], anyOrder] : [anyOrder]);
      if (h === undefined) break;
      families.push({ household: h, branchIdx: b, enrolledOn: addDays(today, -fr.int(30, 330)), boost: 0.45 });
    }
  });
  // Some households enrol on their own: a few only recently, from where the program has most to do.
  const criteria: StatusCriterion[] = DEFAULT_CRITERIA.map(({ skillKey, level, rule }) => ({ skillKey, level, rule }));
  const startingOut = anyOrder.filter(
    (h) =>
      computeFamilyStatus({
        members: households[h].members.map((m) => ({ birthYear: m.birthYear, skillKeys: [...m.skills.keys()] })),
        criteria,
        year,
      }).status === "enrolled",
  );
  const unbranched = Math.round(householdCount * 0.06);
  for (let i = 0; i < unbranched; i++) {
    const recent = fr.chance(0.3);
    const h = takeFrom(recent ? [startingOut, anyOrder] : [anyOrder]);
    if (h === undefined) break;
    families.push(
      recent
        ? { household: h, branchIdx: null, enrolledOn: addDays(today, -fr.int(5, 40)), boost: 0 }
        : { household: h, branchIdx: null, enrolledOn: addDays(today, -fr.int(41, 240)), boost: 0.2 },
    );
  }
  // Adopted families have had help: fill some of their adults' gaps.
  for (const f of families) {
    const boost = f.boost;
    if (boost === 0) continue;
    for (const m of households[f.household].members) {
      if (m.age < 18) continue;
      for (const key of MEMBER_SKILLS) {
        const p = key === "ai_basics" ? boost / 3 : boost;
        if (!m.skills.has(key) && fr.chance(p)) m.skills.set(key, { on: addDays(today, -fr.int(1, 300)), visitKey: null });
      }
    }
  }
  return families;
}

/** The families with their status and the day each level was reached, from the members' skills. */
export async function writeFamilies(
  tx: Tx,
  { communeId, criteria, branchIds }: CommuneIds,
  { householdIds }: HouseholdIds,
  families: readonly PFamily[],
  households: readonly PHousehold[],
  year: number,
): Promise<void> {
  await tx.digitalFamily.createMany({
    data: families.map((f) => {
      const dates = familyStatusDates(households[f.household].members, criteria, year, f.enrolledOn);
      return {
        communeId,
        householdId: householdIds[f.household],
        branchId: f.branchIdx === null ? null : branchIds[f.branchIdx],
        enrolledOn: f.enrolledOn,
        ...dates,
      };
    }),
  });
}

/**
 * The family's status now and the first day it reached each level, replaying its members' skills
 * in the order they were acquired. A level reached before enrolment counts from enrolment.
 */
function familyStatusDates(
  members: readonly PMember[],
  criteria: readonly StatusCriterion[],
  year: number,
  enrolledOn: Date,
): { status: FamilyStatus; inProgressOn: Date | null; digitalOn: Date | null; smartOn: Date | null } {
  const days = [...new Set(members.flatMap((m) => [...m.skills.values()].map((s) => s.on.getTime())))].sort((a, b) => a - b);
  const reached: (Date | null)[] = [null, null, null, null];
  let status: FamilyStatus = "enrolled";
  for (const day of days) {
    status = computeFamilyStatus({
      members: members.map((m) => ({
        birthYear: m.birthYear,
        skillKeys: [...m.skills].filter(([, s]) => s.on.getTime() <= day).map(([k]) => k),
      })),
      criteria,
      year,
    }).status;
    for (let r = 1; r <= familyStatusRank(status); r++) reached[r] ??= new Date(Math.max(day, enrolledOn.getTime()));
  }
  return { status, inProgressOn: reached[1], digitalOn: reached[2], smartOn: reached[3] };
}
