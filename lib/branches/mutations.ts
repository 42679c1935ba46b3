import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { leaderBranch } from "@/lib/branches/leader";
import { BranchTargetSchema } from "@/lib/branches/schemas";
import { db } from "@/lib/db";
import { fail, ok, parseInput, type MutationResult } from "@/lib/families/result";

/**
 * Sets a branch's target of adopted families (at least five). A branch leader sets only their
 * own branch's; the admin any branch of the commune. A form loaded before someone else's change
 * (stale version) is refused rather than overwriting it.
 */
export async function setBranchTarget(
  user: CurrentUser,
  input: Record<string, unknown>,
): Promise<MutationResult<{ target: number }>> {
  requireCan(user, "branch:target");
  const communeId = communeOf(user);
  const parsed = parseInput(BranchTargetSchema, input);
  if (!parsed.ok) return parsed;
  const { branchId, target, version } = parsed.data;
  return db.$transaction(async (tx) => {
    if (user.role === "branch_leader") {
      const mine = await leaderBranch(tx, user);
      if (!mine || mine.id !== branchId) return fail("branchNotFound", "target");
    }
    const branch = await tx.youthBranch.findFirst({ where: { id: branchId, communeId }, select: { targetFamilies: true } });
    if (!branch) return fail("branchNotFound", "target");
    const updated = await tx.youthBranch.updateMany({
      where: { id: branchId, communeId, version },
      data: { targetFamilies: target, version: { increment: 1 } },
    });
    if (updated.count === 0) return fail("stale", "target");
    await audit(tx, user, "set_target", "youth_branch", branchId, { from: branch.targetFamilies, to: target });
    return ok({ target });
  });
}
