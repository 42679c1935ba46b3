// Who may do what with campaigns (DESIGN.md roles; issue 3 item 5), and the `where` that confines
// campaign reads to what a user may see.
import { forbidden, notFound } from "@/lib/validation/refusal";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The user's youth branch in their own commune, or null (officials, admins, or no profile). */
export async function branchOf(client: DbClient, user: CurrentUser): Promise<number | null> {
  if (user.role !== "volunteer" && user.role !== "branch_leader") return null;
  const communeId = communeOf(user);
  const p = await client.volunteerProfile.findFirst({
    where: { userId: user.id, communeId, branch: { communeId } },
    select: { branchId: true },
  });
  return p?.branchId ?? null;
}

/** The campaigns a user may see: their commune's; for a volunteer, only their branch's. */
export async function campaignScope(client: DbClient, user: CurrentUser): Promise<Prisma.CampaignWhereInput> {
  requireCan(user, "campaign:read");
  const communeId = communeOf(user);
  if (user.role !== "volunteer") return { communeId };
  const branchId = await branchOf(client, user);
  return { communeId, branches: { some: { branchId: branchId ?? -1 } } };
}

/**
 * Loads a campaign the user may manage (404 for an id outside their commune, 403 for a branch
 * leader whose branch does not take part).
 */
export async function requireManagedCampaign(client: DbClient, user: CurrentUser, campaignId: number) {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const c = await client.campaign.findFirst({
    where: { id: campaignId, communeId },
    select: { id: true, version: true, targetSkillId: true, targetMinAge: true, branches: { select: { branchId: true } } },
  });
  if (!c) notFound();
  if (user.role === "branch_leader") {
    const mine = await branchOf(client, user);
    if (mine === null || !c.branches.some((b) => b.branchId === mine)) forbidden();
  }
  return c;
}

/** Loads a campaign for field work: the user's branch must take part (403), in their commune (404). */
export async function requireFieldCampaign(client: DbClient, user: CurrentUser, campaignId: number) {
  requireCan(user, "field:work");
  const communeId = communeOf(user);
  const c = await client.campaign.findFirst({
    where: { id: campaignId, communeId },
    select: {
      id: true,
      name: true,
      startsOn: true,
      endsOn: true,
      targetSkillId: true,
      targetMinAge: true,
      branches: { select: { branchId: true } },
    },
  });
  if (!c) notFound();
  const mine = await branchOf(client, user);
  if (mine === null || !c.branches.some((b) => b.branchId === mine)) forbidden();
  return c;
}
