// A volunteer's home: the households assigned to them, most in need first, each with what its
// members still lack for the commune's digital-family criteria. Only the page being shown is
// loaded (bounded by `size`), never the whole commune.
import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { loadCriteria } from "@/lib/families/recompute";
import { computeFamilyStatus, isAdult } from "@/lib/families/status";
import { todayInVietnam } from "@/lib/format/dates";
import type { CriterionLevel, FamilyStatus } from "@/lib/generated/prisma/enums";

export type MissingCriterion = {
  skillKey: string;
  nameVi: string;
  nameEn: string;
  level: CriterionLevel;
  /** Adults who do not have the skill yet (for an `any_adult` criterion, all of them). */
  adultsLacking: number;
};

export type AssignedHousehold = {
  id: number;
  headName: string;
  address: string;
  villageName: string;
  lastVisitOn: Date | null;
  followUpOn: Date | null;
  /** A follow-up is due today or overdue. */
  followUpDue: boolean;
  familyStatus: FamilyStatus | null;
  missing: MissingCriterion[];
};

export type AssignedPage = { rows: AssignedHousehold[]; total: number; page: number; size: number; pages: number };

/**
 * A volunteer's assigned households, most in need first: those whose follow-up is due (the most
 * overdue first), then those never visited, then the longest since a visit.
 */
export async function listMyAssignedHouseholds(
  user: CurrentUser,
  { page = 1, size = 20, now = new Date() }: { page?: number; size?: number; now?: Date } = {},
): Promise<AssignedPage> {
  requireCan(user, "field:work");
  const communeId = communeOf(user);
  const where = { communeId, volunteerId: user.id, active: true };
  const today = todayInVietnam(now);
  const todayText = today.toISOString().slice(0, 10);
  // Prisma's orderBy cannot sort on "follow-up due": the page's ids come from SQL, the rest from Prisma.
  const pageIds = (
    await db.$queryRaw<{ id: number }[]>`
      SELECT h.id FROM assignment a JOIN household h ON h.id = a.household_id
      WHERE a.commune_id = ${communeId} AND a.volunteer_id = ${user.id} AND a.active AND h.commune_id = ${communeId}
      ORDER BY CASE WHEN h.follow_up_on <= ${todayText}::date THEN h.follow_up_on END ASC NULLS LAST,
        h.last_visit_on ASC NULLS FIRST, h.id ASC
      LIMIT ${size} OFFSET ${(Math.max(1, page) - 1) * size}`
  ).map((r) => r.id);
  const [total, found, criteria, skills] = await Promise.all([
    db.assignment.count({ where }),
    db.assignment.findMany({
      where: { ...where, householdId: { in: pageIds } },
      select: {
        household: {
          select: {
            id: true,
            headName: true,
            address: true,
            lastVisitOn: true,
            followUpOn: true,
            village: { select: { name: true } },
            family: { select: { status: true } },
            members: { select: { birthYear: true, skills: { select: { skill: { select: { key: true } } } } } },
          },
        },
      },
    }),
    loadCriteria(db, communeId),
    db.skill.findMany({ where: { communeId, scope: "member" }, select: { key: true, nameVi: true, nameEn: true } }),
  ]);
  const order = new Map(pageIds.map((id, i) => [id, i]));
  const rows = found.sort((x, y) => order.get(x.household.id)! - order.get(y.household.id)!);
  const year = today.getUTCFullYear();
  const skillByKey = new Map(skills.map((s) => [s.key, s]));
  return {
    total,
    page,
    size,
    pages: Math.max(1, Math.ceil(total / size)),
    rows: rows.map(({ household: h }) => {
      const members = h.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) }));
      const { met } = computeFamilyStatus({ members, criteria, year });
      const adults = members.filter((m) => isAdult(m.birthYear, year));
      const missing = met
        .filter((c) => !c.met)
        .map((c) => {
          const skill = skillByKey.get(c.skillKey);
          return {
            skillKey: c.skillKey,
            nameVi: skill?.nameVi ?? c.skillKey,
            nameEn: skill?.nameEn ?? c.skillKey,
            level: c.level,
            adultsLacking: adults.filter((a) => !a.skillKeys.includes(c.skillKey)).length,
          };
        });
      return {
        id: h.id,
        headName: h.headName,
        address: h.address,
        villageName: h.village.name,
        lastVisitOn: h.lastVisitOn,
        followUpOn: h.followUpOn,
        followUpDue: h.followUpOn !== null && h.followUpOn <= today,
        familyStatus: h.family?.status ?? null,
        missing,
      };
    }),
  };
}
