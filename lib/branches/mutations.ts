import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { leaderBranch } from "@/lib/branches/leader";
import { BranchTargetSchema } from "@/lib/branches/schemas";
import { db } from "@/lib/db";
import { parseInput, Refusal } from "@/lib/validation/refusal";

/**
 * Sets a branch's target of adopted families (at least five). A branch leader sets only their
 * own branch's; the admin any branch of the commune. A form loaded before someone else's change
 * (stale version) is refused rather than overwriting it.
 */
export async function setBranchTarget(user: CurrentUser, input: Record<string, unknown>): Promise<{ target: number }> {
  requireCan(user, "branch:target");
  const communeId = communeOf(user);
  const { branchId, target, version } = parseInput(BranchTargetSchema, input);
  return db.$transaction(async (tx) => {
    if (user.role === "branch_leader") {
      const mine = await leaderBranch(tx, user);
      if (!mine || mine.id !== branchId) throw new Refusal("target", "branchNotFound");
    }
    const branch = await tx.youthBranch.findFirst({ where: { id: branchId, communeId }, select: { targetFamilies: true } });
    if (!branch) throw new Refusal("target", "branchNotFound");
    const updated = await tx.youthBranch.updateMany({
      where: { id: branchId, communeId, version },
      data: { targetFamilies: target, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new Refusal("target", "stale");
    await audit(tx, user, "set_target", "youth_branch", branchId, { from: branch.targetFamilies, to: target });
    return { target };
  });
}
