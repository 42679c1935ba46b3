// A youth branch adopts households as digital families (DESIGN.md: each branch adopts and keeps
// supporting at least five). A household has at most one family record, so at most one branch.
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { leaderBranch } from "@/lib/branches/leader";
import { db } from "@/lib/db";
import { recomputeFamilies } from "@/lib/families/recompute";
import { parseInput, Refusal } from "@/lib/validation/refusal";
import { AdoptSchema, ReleaseSchema, type AdoptQuery } from "@/lib/families/schemas";
import { todayInVietnam } from "@/lib/format/dates";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchHouseholds } from "@/lib/households/search";

export const ADOPT_PAGE_SIZE = 20;

/**
 * The leader's branch adopts a household of the commune: a new family record (enrolled today), or
 * the branch takes on a family that enrolled on its own. Its status is computed in the same
 * transaction. A household another branch has adopted cannot be taken.
 */
export async function adoptHousehold(
  user: CurrentUser,
  input: Record<string, unknown>,
  now: Date = new Date(),
): Promise<{ familyId: number; headName: string }> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const { householdId } = parseInput(AdoptSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const branch = await leaderBranch(tx, user);
      if (!branch) throw new Refusal(null, "noBranch");
      // Locks the household so that two branches adopting it at once are served one after the other.
      const [household] = await tx.$queryRaw<{ id: number; head_name: string }[]>`
        SELECT id, head_name FROM household WHERE id = ${householdId} AND commune_id = ${communeId} FOR UPDATE`;
      if (!household) throw new Refusal("householdId", "householdNotFound");
      const family = await tx.digitalFamily.findUnique({
        where: { householdId },
        select: { id: true, branchId: true, branch: { select: { name: true } } },
      });
      if (family?.branchId === branch.id) throw new Refusal("householdId", "alreadyOurs");
      if (family?.branch) throw new Refusal("householdId", "takenByOtherBranch", { branch: family.branch.name });
      const familyId = family
        ? (await tx.digitalFamily.update({ where: { id: family.id }, data: { branchId: branch.id, version: { increment: 1 } } }))
            .id
        : (
            await tx.digitalFamily.create({
              data: { communeId, householdId, branchId: branch.id, status: "enrolled", enrolledOn: todayInVietnam(now) },
            })
          ).id;
      await recomputeFamilies(tx, communeId, [householdId], now);
      await audit(tx, user, "adopt", "digital_family", familyId, { householdId, branchId: branch.id });
      return { familyId, headName: household.head_name };
    });
  } catch (err) {
    // The household row lock makes this rare; the unique household_id is the last word.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new Refusal("householdId", "takenMeanwhile");
    throw err;
  }
}

/**
 * The branch stops supporting a family. The household stays enrolled in the program with its
 * progress and dates (they describe the household, not the branch); any branch may adopt it again.
 */
export async function releaseFamily(user: CurrentUser, input: Record<string, unknown>): Promise<{ familyId: number }> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const { familyId } = parseInput(ReleaseSchema, input);
  return db.$transaction(async (tx) => {
    const branch = await leaderBranch(tx, user);
    if (!branch) throw new Refusal(null, "noBranch");
    const released = await tx.digitalFamily.updateMany({
      where: { id: familyId, communeId, branchId: branch.id },
      data: { branchId: null, version: { increment: 1 } },
    });
    if (released.count === 0) throw new Refusal("familyId", "notOurFamily");
    await audit(tx, user, "release", "digital_family", familyId, { branchId: branch.id });
    return { familyId };
  });
}

export type AdoptableRow = Awaited<ReturnType<typeof searchHouseholds>>["rows"][number] & {
  adoptedBy: { name: string; ours: boolean } | null;
};

/** Households of the commune to adopt, searched as in the registry, each with the branch that has it. */
export async function searchAdoptable(user: CurrentUser, query: Partial<AdoptQuery>) {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const branch = await leaderBranch(db, user);
  const page = await searchHouseholds(user, { ...query, size: ADOPT_PAGE_SIZE, sort: "relevance" });
  const families = await db.digitalFamily.findMany({
    where: { communeId, householdId: { in: page.rows.map((r) => r.id) }, branchId: { not: null } },
    select: { householdId: true, branchId: true, branch: { select: { name: true } } },
  });
  const by = new Map(families.map((f) => [f.householdId, f]));
  const rows: AdoptableRow[] = page.rows.map((r) => {
    const f = by.get(r.id);
    return { ...r, adoptedBy: f?.branch ? { name: f.branch.name, ours: f.branchId === branch?.id } : null };
  });
  return { ...page, rows, hasBranch: branch !== null };
}
