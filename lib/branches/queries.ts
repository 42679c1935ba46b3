import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { leaderBranch, type LeaderBranch } from "@/lib/branches/leader";
import { thisMonth } from "@/lib/drilldown/period";
import type { DateRange } from "@/lib/indicators/period";
import { FAMILY_STATUS_ORDER } from "@/lib/families/status";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";

export const BRANCH_FAMILIES_PAGE_SIZE = 20;

/** The branch a branch leader leads, with its adoption progress and its volunteers' activity. */
export async function getMyBranchOverview(user: CurrentUser, now: Date = new Date()) {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const mine = await leaderBranch(db, user);
  if (!mine) return null;
  const [branch, families, volunteers] = await Promise.all([
    db.youthBranch.findUniqueOrThrow({
      where: { id: mine.id },
      select: { id: true, name: true, targetFamilies: true, version: true, village: { select: { name: true } } },
    }),
    db.digitalFamily.groupBy({ by: ["status"], where: { communeId, branchId: mine.id }, _count: { _all: true } }),
    branchVolunteerActivity(communeId, mine.id, thisMonth(now)),
  ]);
  const byStatus = Object.fromEntries(families.map((f) => [f.status, f._count._all])) as Partial<Record<FamilyStatus, number>>;
  const adopted = families.reduce((n, f) => n + f._count._all, 0);
  const certified = (byStatus.digital ?? 0) + (byStatus.smart ?? 0);
  return {
    branch,
    adopted,
    certified,
    byStatus: Object.fromEntries(FAMILY_STATUS_ORDER.map((s) => [s, byStatus[s] ?? 0])) as Record<FamilyStatus, number>,
    targetMet: adopted >= branch.targetFamilies,
    month: thisMonth(now),
    volunteers,
  };
}

export type BranchVolunteerActivity = {
  id: number;
  name: string;
  isLeader: boolean;
  /** Households actively assigned to them. */
  assigned: number;
  /** Visits they recorded in the period, and the distinct households those visits helped. */
  visits: number;
  households: number;
  /** Their latest visit ever (not only in the period). */
  lastVisitOn: Date | null;
};

async function branchVolunteerActivity(
  communeId: number,
  branchId: number,
  period: DateRange,
): Promise<BranchVolunteerActivity[]> {
  // Counted per volunteer from the (volunteer_id, visited_on) and (commune_id, volunteer_id, active) indexes.
  return db.$queryRaw<BranchVolunteerActivity[]>`
    SELECT u.id, u.name, p.is_leader AS "isLeader",
           (SELECT count(*)::int FROM assignment a
              WHERE a.commune_id = ${communeId} AND a.volunteer_id = u.id AND a.active) AS assigned,
           (SELECT count(*)::int FROM visit v
              WHERE v.volunteer_id = u.id AND v.commune_id = ${communeId}
                AND v.visited_on >= ${period.from}::date AND v.visited_on <= ${period.to}::date) AS visits,
           (SELECT count(DISTINCT v.household_id)::int FROM visit v
              WHERE v.volunteer_id = u.id AND v.commune_id = ${communeId}
                AND v.visited_on >= ${period.from}::date AND v.visited_on <= ${period.to}::date) AS households,
           (SELECT max(v.visited_on) FROM visit v WHERE v.volunteer_id = u.id AND v.commune_id = ${communeId}) AS "lastVisitOn"
    FROM volunteer_profile p JOIN app_user u ON u.id = p.user_id
    WHERE p.commune_id = ${communeId} AND p.branch_id = ${branchId}
    ORDER BY u.name, u.id`;
}

/** The leader's branch's volunteers and their activity this month (the /branch table and its export). */
export async function listMyBranchVolunteers(
  user: CurrentUser,
  now: Date = new Date(),
): Promise<{ branch: LeaderBranch; month: DateRange; rows: BranchVolunteerActivity[] } | null> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const mine = await leaderBranch(db, user);
  if (!mine) return null;
  const month = thisMonth(now);
  return { branch: mine, month, rows: await branchVolunteerActivity(communeId, mine.id, month) };
}

/** The families the leader's branch has adopted, newest first, a page at a time. */
export async function listMyBranchFamilies(user: CurrentUser, { page = 1 }: { page?: number } = {}) {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const mine = await leaderBranch(db, user);
  if (!mine) return { rows: [], total: 0, page: 1, pages: 1 };
  const where = { communeId, branchId: mine.id };
  const size = BRANCH_FAMILIES_PAGE_SIZE;
  const total = await db.digitalFamily.count({ where });
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db.digitalFamily.findMany({
    where,
    orderBy: [{ enrolledOn: "desc" }, { id: "desc" }],
    skip: (current - 1) * size,
    take: size,
    select: {
      id: true,
      status: true,
      enrolledOn: true,
      inProgressOn: true,
      digitalOn: true,
      smartOn: true,
      household: { select: { id: true, headName: true, address: true, village: { select: { name: true } } } },
    },
  });
  return { rows, total, page: current, pages };
}

/** Every branch of the admin's commune with its target, for setting targets. */
export async function listBranchTargets(user: CurrentUser) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const [branches, adopted] = await Promise.all([
    db.youthBranch.findMany({
      where: { communeId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, targetFamilies: true, version: true },
    }),
    db.digitalFamily.groupBy({ by: ["branchId"], where: { communeId, branchId: { not: null } }, _count: { _all: true } }),
  ]);
  const count = new Map(adopted.map((a) => [a.branchId, a._count._all]));
  return branches.map((b) => ({ ...b, adopted: count.get(b.id) ?? 0 }));
}
