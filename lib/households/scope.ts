import type { CurrentUser } from "@/lib/auth/user";
import { communeOf, requireRole } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Roles that see the whole household registry of their commune, contact details included. */
export const REGISTRY_ROLES = ["admin", "official", "branch_leader"] as const;
/** Roles that may see the registry at all; volunteers get the limited view. */
export const REGISTRY_VIEW_ROLES = [...REGISTRY_ROLES, "volunteer"] as const;

/** The `where` that confines household reads to the user's own commune (refusing other roles). */
export function householdScope(user: CurrentUser): Prisma.HouseholdWhereInput {
  requireRole(user, REGISTRY_VIEW_ROLES);
  return { communeId: communeOf(user) };
}

/**
 * Whether the user may see a household's phone numbers and members' birth years: registry roles
 * always; a volunteer only for households actively assigned to them (DESIGN.md: collect and show
 * only what the work needs).
 */
export async function maySeeContactDetails(user: CurrentUser, householdId: number): Promise<boolean> {
  if ((REGISTRY_ROLES as readonly string[]).includes(user.role)) return true;
  if (user.role !== "volunteer") return false;
  const communeId = communeOf(user);
  const today = todayInVietnam();
  const [assigned, onWalkList] = await Promise.all([
    db.assignment.count({ where: { communeId, householdId, volunteerId: user.id, active: true } }),
    // A walk list of a campaign that has not ended is an assignment for the day.
    db.walkListStop.count({
      where: {
        householdId,
        walkList: { communeId, campaign: { endsOn: { gte: today } }, volunteers: { some: { userId: user.id } } },
      },
    }),
  ]);
  return assigned + onWalkList > 0;
}
