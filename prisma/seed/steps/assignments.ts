// Households assigned to volunteers by their branch's leader, from the branch's village first:
// 15 to the demo volunteer, 8–12 to every other volunteer, 4–6 to a leader.
import { addDays } from "@/lib/format/dates";
import { atLocal, need } from "@/prisma/seed/helpers";
import { TU_KY_VILLAGES } from "@/prisma/seed/names";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import type { HouseholdIds, PHousehold } from "@/prisma/seed/steps/households";
import type { Team } from "@/prisma/seed/steps/users";

export type PAssignment = { household: number; volunteer: number; by: number; at: Date };

export function planAssignments(
  { today }: PlanContext,
  households: readonly PHousehold[],
  { users, demoVolunteerIdx, fieldUsers, leaderOf, branchVillage }: Team,
): { assignments: PAssignment[]; assignedTo: Map<number, number> } {
  const ar = new Rng("assignments");
  const assignedTo = new Map<number, number>(); // household -> volunteer user index
  const assignments: PAssignment[] = [];
  const aByVillage = TU_KY_VILLAGES.map((_, v) =>
    ar.shuffle(households.map((_, i) => i).filter((i) => households[i].villageIdx === v && i !== 0)),
  );
  const aAny = ar.shuffle(households.map((_, i) => i).filter((i) => i !== 0));
  const volunteersInOrder = [demoVolunteerIdx, ...fieldUsers.filter((i) => i !== demoVolunteerIdx)];
  for (const v of volunteersInOrder) {
    const b = need(users[v].branchIdx ?? undefined, "branch");
    const want = v === demoVolunteerIdx ? 15 : users[v].isLeader ? ar.int(4, 6) : ar.int(8, 12);
    const pools = branchVillage[b] >= 0 ? [aByVillage[branchVillage[b]], aAny] : [aAny];
    for (let i = 0; i < want; i++) {
      let h: number | undefined;
      for (const pool of pools) {
        while (h === undefined && pool.length) {
          const c = pool.pop()!;
          if (!assignedTo.has(c)) h = c;
        }
        if (h !== undefined) break;
      }
      if (h === undefined) break;
      assignedTo.set(h, v);
      assignments.push({
        household: h,
        volunteer: v,
        by: leaderOf[b],
        at: atLocal(addDays(today, -ar.int(95, 110)), ar.int(8, 20), ar.int(0, 59)),
      });
    }
  }
  return { assignments, assignedTo };
}

export async function writeAssignments(
  tx: Tx,
  { communeId }: CommuneIds,
  { householdIds }: HouseholdIds,
  userIds: readonly number[],
  assignments: readonly PAssignment[],
): Promise<void> {
  await tx.assignment.createMany({
    data: assignments.map((a) => ({
      communeId,
      householdId: householdIds[a.household],
      volunteerId: userIds[a.volunteer],
      assignedById: userIds[a.by],
      assignedAt: a.at,
    })),
  });
}
