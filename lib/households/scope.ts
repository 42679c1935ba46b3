import type { CurrentUser } from "@/lib/auth/user";
import { can, requireCan } from "@/lib/auth/capabilities";
import { communeOf } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Roles that see the whole household registry of their commune, contact details included. */
/** Roles that may see the registry at all; volunteers get the limited view. */

/** The `where` that confines household reads to the user's own commune (refusing other roles). */
export function householdScope(user: CurrentUser): Prisma.HouseholdWhereInput {
  requireCan(user, "registry:read");
  return { communeId: communeOf(user) };
}

/**
 * Whether the user may see a household's phone numbers and members' birth years: registry roles
 * always; a volunteer only for households actively assigned to them (DESIGN.md: collect and show
 * only what the work needs).
 */
export async function maySeeContactDetails(user: CurrentUser, householdId: number): Promise<boolean> {
  if (can(user, "registry:edit")) return true;
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
