// A branch leader gives households of the commune to the volunteers of their own branch. A
// household may have several volunteers (pairs go out together), but each volunteer holds it at
// most once; reassigning moves it from one volunteer to another in one transaction.
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { leaderBranch } from "@/lib/branches/leader";
import { db, type DbClient } from "@/lib/db";
import { parseInput, Refusal } from "@/lib/validation/refusal";
import { AssignSchema, ReassignSchema, UnassignSchema } from "@/lib/assignments/schemas";

/** A volunteer (active account) of the given branch, in the commune. */
async function branchVolunteer(tx: DbClient, communeId: number, branchId: number, volunteerId: number) {
  return tx.volunteerProfile.findFirst({
    where: { userId: volunteerId, communeId, branchId, user: { active: true, communeId } },
    select: { userId: true },
  });
}

/** Locks the household row (in the commune) so that assignments to it are made one at a time. */
async function lockHousehold(tx: DbClient, communeId: number, householdId: number) {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM household WHERE id = ${householdId} AND commune_id = ${communeId} FOR UPDATE`;
  return rows.length > 0;
}

export async function assignHousehold(user: CurrentUser, input: Record<string, unknown>): Promise<{ assignmentId: number }> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const { householdId, volunteerId } = parseInput(AssignSchema, input);
  return db.$transaction(async (tx) => {
    const branch = await leaderBranch(tx, user);
    if (!branch) throw new Refusal(null, "noBranch");
    if (!(await branchVolunteer(tx, communeId, branch.id, volunteerId))) throw new Refusal("volunteerId", "volunteerInvalid");
    if (!(await lockHousehold(tx, communeId, householdId))) throw new Refusal("householdId", "householdNotFound");
    const existing = await tx.assignment.count({ where: { communeId, householdId, volunteerId, active: true } });
    if (existing > 0) throw new Refusal("volunteerId", "alreadyAssigned");
    const created = await tx.assignment.create({
      data: { communeId, householdId, volunteerId, assignedById: user.id, active: true },
      select: { id: true },
    });
    await audit(tx, user, "assign", "assignment", created.id, { householdId, volunteerId });
    return { assignmentId: created.id };
  });
}

/** The active assignment, if it belongs to a volunteer of the leader's branch. */
async function ownActiveAssignment(tx: DbClient, communeId: number, branchId: number, assignmentId: number) {
  return tx.assignment.findFirst({
    where: { id: assignmentId, communeId, active: true, volunteer: { volunteer: { branchId } } },
    select: { id: true, householdId: true, volunteerId: true },
  });
}

/** Moves a household from one of the branch's volunteers to another. */
export async function reassignHousehold(user: CurrentUser, input: Record<string, unknown>): Promise<{ assignmentId: number }> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const { assignmentId, volunteerId } = parseInput(ReassignSchema, input);
  return db.$transaction(async (tx) => {
    const branch = await leaderBranch(tx, user);
    if (!branch) throw new Refusal(null, "noBranch");
    const current = await ownActiveAssignment(tx, communeId, branch.id, assignmentId);
    if (!current) throw new Refusal(null, "assignmentGone");
    if (current.volunteerId === volunteerId) throw new Refusal("volunteerId", "sameVolunteer");
    if (!(await branchVolunteer(tx, communeId, branch.id, volunteerId))) throw new Refusal("volunteerId", "volunteerInvalid");
    await lockHousehold(tx, communeId, current.householdId);
    // Only the assignment still active is moved: a second submission of the same form finds none.
    const closed = await tx.assignment.updateMany({ where: { id: current.id, active: true }, data: { active: false } });
    if (closed.count === 0) throw new Refusal(null, "assignmentGone");
    const already = await tx.assignment.findFirst({
      where: { communeId, householdId: current.householdId, volunteerId, active: true },
      select: { id: true },
    });
    const next =
      already ??
      (await tx.assignment.create({
        data: { communeId, householdId: current.householdId, volunteerId, assignedById: user.id, active: true },
        select: { id: true },
      }));
    await audit(tx, user, "reassign", "assignment", next.id, {
      householdId: current.householdId,
      from: current.volunteerId,
      to: volunteerId,
      previous: current.id,
    });
    return { assignmentId: next.id };
  });
}

export async function unassignHousehold(user: CurrentUser, input: Record<string, unknown>): Promise<{ assignmentId: number }> {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const { assignmentId } = parseInput(UnassignSchema, input);
  return db.$transaction(async (tx) => {
    const branch = await leaderBranch(tx, user);
    if (!branch) throw new Refusal(null, "noBranch");
    const current = await ownActiveAssignment(tx, communeId, branch.id, assignmentId);
    if (!current) throw new Refusal(null, "assignmentGone");
    const closed = await tx.assignment.updateMany({ where: { id: current.id, active: true }, data: { active: false } });
    if (closed.count === 0) throw new Refusal(null, "assignmentGone");
    await audit(tx, user, "unassign", "assignment", current.id, {
      householdId: current.householdId,
      volunteerId: current.volunteerId,
    });
    return { assignmentId: current.id };
  });
}
