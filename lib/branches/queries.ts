import { db } from "@/lib/db";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";

/** The branch a branch leader leads, with its adoption progress and its volunteers. */
export async function getMyBranchOverview(user: CurrentUser) {
  requireRole(user, ["branch_leader"]);
  const communeId = communeOf(user);
  const profile = await db.volunteerProfile.findFirst({
    where: { userId: user.id, communeId },
    select: { branch: { select: { id: true, name: true, targetFamilies: true, village: { select: { name: true } } } } },
  });
  if (!profile) return null;
  const branch = profile.branch;
  const [families, volunteers] = await Promise.all([
    db.digitalFamily.groupBy({ by: ["status"], where: { communeId, branchId: branch.id }, _count: { _all: true } }),
    db.volunteerProfile.findMany({
      where: { communeId, branchId: branch.id },
      orderBy: { user: { name: "asc" } },
      select: { isLeader: true, user: { select: { id: true, name: true, _count: { select: { visits: true } } } } },
    }),
  ]);
  const adopted = families.reduce((n, f) => n + f._count._all, 0);
  const certified = families.filter((f) => f.status === "digital" || f.status === "smart").reduce((n, f) => n + f._count._all, 0);
  return {
    branch,
    adopted,
    certified,
    volunteers: volunteers.map((v) => ({ id: v.user.id, name: v.user.name, isLeader: v.isLeader, visits: v.user._count.visits })),
  };
}
