// Keeps each digital family's status equal to what its members' skills and the commune's
// criteria give (lib/families/status.ts). Called in the same transaction as any change to a
// skill, a member, or the criteria.
import type { DbClient } from "@/lib/families/defaults";
import { computeFamilyStatus, familyStatusRank } from "@/lib/families/status";
import { todayInVietnam } from "@/lib/format/dates";

/** The commune's criteria in the shape computeFamilyStatus takes. */
export async function loadCriteria(tx: DbClient, communeId: number) {
  const rows = await tx.familyCriterion.findMany({
    where: { communeId, skill: { active: true } },
    select: { level: true, rule: true, skill: { select: { key: true } } },
  });
  return rows.map((r) => ({ level: r.level, rule: r.rule, skillKey: r.skill.key }));
}

/**
 * Recomputes the families of `householdIds` (or of the whole commune). A level's date is set when
 * it is first reached and cleared if the family falls below it (e.g. after the criteria change).
 * Returns how many families changed status.
 */
export async function recomputeFamilies(
  tx: DbClient,
  communeId: number,
  householdIds?: readonly number[],
  now: Date = new Date(),
): Promise<number> {
  const today = todayInVietnam(now);
  const criteria = await loadCriteria(tx, communeId);
  const families = await tx.digitalFamily.findMany({
    where: { communeId, ...(householdIds ? { householdId: { in: [...householdIds] } } : {}) },
    select: {
      id: true,
      status: true,
      inProgressOn: true,
      digitalOn: true,
      smartOn: true,
      household: {
        select: { members: { select: { birthYear: true, skills: { select: { skill: { select: { key: true } } } } } } },
      },
    },
  });
  let changed = 0;
  for (const f of families) {
    const { status } = computeFamilyStatus({
      year: today.getUTCFullYear(),
      criteria,
      members: f.household.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) })),
    });
    const rank = familyStatusRank(status);
    const dates = {
      inProgressOn: rank >= 1 ? (f.inProgressOn ?? today) : null,
      digitalOn: rank >= 2 ? (f.digitalOn ?? today) : null,
      smartOn: rank >= 3 ? (f.smartOn ?? today) : null,
    };
    const same =
      status === f.status &&
      (Object.keys(dates) as (keyof typeof dates)[]).every((k) => (dates[k]?.getTime() ?? null) === (f[k]?.getTime() ?? null));
    if (same) continue;
    await tx.digitalFamily.update({ where: { id: f.id }, data: { status, ...dates, version: { increment: 1 } } });
    if (status !== f.status) changed++;
  }
  return changed;
}
