import { db } from "@/lib/db";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";

/** A volunteer's assigned households, most in need first: never visited, then longest since a visit. */
export async function listMyAssignedHouseholds(user: CurrentUser, { take = 50 }: { take?: number } = {}) {
  requireRole(user, ["volunteer", "branch_leader"]);
  const communeId = communeOf(user);
  const rows = await db.assignment.findMany({
    where: { communeId, volunteerId: user.id, active: true },
    orderBy: [{ household: { lastVisitOn: { sort: "asc", nulls: "first" } } }, { householdId: "asc" }],
    take,
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
        },
      },
    },
  });
  return rows.map((r) => r.household);
}
