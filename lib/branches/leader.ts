import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import type { DbClient } from "@/lib/db";

export type LeaderBranch = { id: number; name: string };

/**
 * The branch a branch leader leads (their volunteer profile's branch, in their own commune), or
 * null when their account is not attached to one. Refuses every other role.
 */
export async function leaderBranch(client: DbClient, user: CurrentUser): Promise<LeaderBranch | null> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const profile = await client.volunteerProfile.findFirst({
    where: { userId: user.id, communeId, branch: { communeId } },
    select: { branch: { select: { id: true, name: true } } },
  });
  return profile?.branch ?? null;
}
