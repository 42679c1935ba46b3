// Consent to take part in the program, given on paper: by about a third of the households' heads
// on their first visit that went well, and by the demo resident.
import { addDays } from "@/lib/format/dates";
import { atLocal } from "@/prisma/seed/helpers";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import { RESIDENT_MEMBER, type HouseholdIds, type PHousehold } from "@/prisma/seed/steps/households";
import type { Team } from "@/prisma/seed/steps/users";
import type { PVisit } from "@/prisma/seed/steps/visits";

export type PConsent = { household: number; member: number; by: number; at: Date };

export function planConsents(
  { notAfterNow }: PlanContext,
  households: readonly PHousehold[],
  visits: readonly PVisit[],
): PConsent[] {
  const kr = new Rng("consent");
  const consents: PConsent[] = [];
  const firstDone = new Map<number, PVisit>();
  for (const v of visits) if (v.outcome === "done" && !firstDone.has(v.household)) firstDone.set(v.household, v);
  for (const [h, v] of firstDone) {
    if (h === 0 || !kr.chance(0.3)) continue;
    const mi = households[h].members.findIndex((m) => m.isHead);
    consents.push({
      household: h,
      member: mi,
      by: v.volunteer,
      at: notAfterNow(atLocal(v.visitedOn, kr.int(8, 17), kr.int(0, 59))),
    });
  }
  return consents;
}

/** The consents collected on visits, and the demo resident's own. */
export async function writeConsents(
  tx: Tx,
  { communeId }: CommuneIds,
  { memberIds }: HouseholdIds,
  userIds: readonly number[],
  consents: readonly PConsent[],
  { residentUserIdx, demoVolunteerIdx }: Pick<Team, "residentUserIdx" | "demoVolunteerIdx">,
  today: Date,
): Promise<void> {
  await tx.consent.createMany({
    data: [
      ...consents.map((c) => ({
        communeId,
        memberId: memberIds[c.household][c.member],
        purpose: "program_participation" as const,
        granted: true,
        method: "paper",
        recordedById: userIds[c.by],
        recordedAt: c.at,
      })),
      {
        communeId,
        memberId: memberIds[0][RESIDENT_MEMBER],
        userId: userIds[residentUserIdx],
        purpose: "program_participation" as const,
        granted: true,
        method: "paper",
        recordedById: userIds[demoVolunteerIdx],
        recordedAt: atLocal(addDays(today, -200), 9, 30),
      },
    ],
  });
}
