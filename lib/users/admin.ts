import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";

/** The administrator's overview of their commune: users by role, villages and branches. */
export async function getAdminOverview(user: CurrentUser) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const [byRole, villages, branches] = await Promise.all([
    db.user.groupBy({ by: ["role"], where: { communeId }, _count: { _all: true } }),
    db.village.findMany({
      where: { communeId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, _count: { select: { households: true } } },
    }),
    db.youthBranch.findMany({
      where: { communeId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, targetFamilies: true, _count: { select: { families: true, volunteers: true } } },
    }),
  ]);
  return {
    usersByRole: Object.fromEntries(byRole.map((r) => [r.role, r._count._all])) as Record<string, number>,
    villages: villages.map((v) => ({ id: v.id, name: v.name, households: v._count.households })),
    branches: branches.map((b) => ({
      id: b.id,
      name: b.name,
      target: b.targetFamilies,
      adopted: b._count.families,
      volunteers: b._count.volunteers,
    })),
  };
}
