import { db } from "@/lib/db";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { leaderBranch } from "@/lib/branches/leader";

export const BRANCH_FAMILIES_PAGE_SIZE = 20;

/** The branch a branch leader leads, with its adoption progress and its volunteers. */
export async function getMyBranchOverview(user: CurrentUser) {
  requireRole(user, ["branch_leader"]);
  const communeId = communeOf(user);
  const mine = await leaderBranch(db, user);
  if (!mine) return null;
  const [branch, families, volunteers, assigned] = await Promise.all([
    db.youthBranch.findUniqueOrThrow({
      where: { id: mine.id },
      select: { id: true, name: true, targetFamilies: true, version: true, village: { select: { name: true } } },
    }),
    db.digitalFamily.groupBy({ by: ["status"], where: { communeId, branchId: mine.id }, _count: { _all: true } }),
    db.volunteerProfile.findMany({
      where: { communeId, branchId: mine.id },
      orderBy: { user: { name: "asc" } },
      select: { isLeader: true, user: { select: { id: true, name: true, _count: { select: { visits: true } } } } },
    }),
    db.assignment.groupBy({
      by: ["volunteerId"],
      where: { communeId, active: true, volunteer: { volunteer: { branchId: mine.id } } },
      _count: { _all: true },
    }),
  ]);
  const adopted = families.reduce((n, f) => n + f._count._all, 0);
  const certified = families.filter((f) => f.status === "digital" || f.status === "smart").reduce((n, f) => n + f._count._all, 0);
  const assignedBy = new Map(assigned.map((a) => [a.volunteerId, a._count._all]));
  return {
    branch,
    adopted,
    certified,
    targetMet: adopted >= branch.targetFamilies,
    volunteers: volunteers.map((v) => ({
      id: v.user.id,
      name: v.user.name,
      isLeader: v.isLeader,
      visits: v.user._count.visits,
      assigned: assignedBy.get(v.user.id) ?? 0,
    })),
  };
}

/** The families the leader's branch has adopted, newest first, a page at a time. */
export async function listMyBranchFamilies(user: CurrentUser, { page = 1 }: { page?: number } = {}) {
  requireRole(user, ["branch_leader"]);
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
  requireRole(user, ["admin"]);
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
