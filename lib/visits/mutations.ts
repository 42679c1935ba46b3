// Recording and correcting a visit. Everything a visit changes is written in one transaction: the
// visit and what was done, the members' (and the business's) new skills, the household's last
// visit and follow-up, the family's status, and the audit log.
import { forbidden, notFound } from "next/navigation";
import { audit } from "@/lib/audit/log";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { DbClient } from "@/lib/families/defaults";
import { recomputeFamilies } from "@/lib/families/recompute";
import { todayInVietnam } from "@/lib/format/dates";
import type { FamilyStatus, SkillScope, VisitOutcome } from "@/lib/generated/prisma/enums";
import { VisitInputError } from "@/lib/visits/errors";
import { addDays, CORRECTOR_ROLES, followUpFor, MAX_BACKDATE_DAYS, VISIT_ROLES, withinEditWindow } from "@/lib/visits/rules";
import type { VisitEdit, VisitInput } from "@/lib/visits/schemas";

/** Roles a co-volunteer must have: people who go out on visits. */
const FIELD_ROLES = ["volunteer", "branch_leader"] as const;

type CheckedItem = { skillId: number; scope: SkillScope; memberIds: number[] };
type CheckedVisit = {
  householdId: number;
  businessId: number | null;
  visitedOn: Date;
  outcome: VisitOutcome;
  items: CheckedItem[];
  coVolunteerIds: number[];
  campaignId: number | null;
  notes: string | null;
};

type Fields = Omit<VisitInput, "idempotencyKey" | "householdId">;

/**
 * Re-checks everything the client sent against the database, within the user's commune: ids from
 * a form are hostile. `keepDate` is a date that stays acceptable however old (a correction that
 * does not move the visit). Runs inside the transaction that writes the visit, and holds the
 * household's members (FOR KEY SHARE) until it ends: a member removed meanwhile is either already
 * gone here ("memberInvalid") or waits for the visit to be saved.
 */
async function checkVisit(
  tx: DbClient,
  user: CurrentUser,
  communeId: number,
  householdId: number,
  input: Fields,
  now: Date,
  keepDate?: Date,
): Promise<CheckedVisit> {
  const household = await tx.household.findFirst({
    where: { id: householdId, communeId },
    select: { id: true, business: { select: { id: true } } },
  });
  if (!household) throw new VisitInputError("household", "householdNotFound");
  const members = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM member WHERE household_id = ${household.id} AND commune_id = ${communeId} FOR KEY SHARE`;

  const today = todayInVietnam(now);
  const sameAsBefore = keepDate?.getTime() === input.visitedOn.getTime();
  if (!sameAsBefore && input.visitedOn > today) throw new VisitInputError("visitedOn", "dateFuture");
  if (!sameAsBefore && input.visitedOn < addDays(today, -MAX_BACKDATE_DAYS)) throw new VisitInputError("visitedOn", "dateTooOld");

  if (input.outcome === "done" && input.items.length === 0) throw new VisitInputError("items", "itemsRequired");
  const skillIds = [...new Set(input.items.map((i) => i.skillId))];
  const skills = await tx.skill.findMany({
    where: { communeId, active: true, id: { in: skillIds } },
    select: { id: true, scope: true },
  });
  if (skills.length !== skillIds.length || skillIds.length !== input.items.length)
    throw new VisitInputError("items", "itemsInvalid");
  const memberIds = new Set(members.map((m) => m.id));
  const items: CheckedItem[] = input.items.map((item) => {
    const scope = skills.find((s) => s.id === item.skillId)!.scope;
    if (scope === "business") {
      if (!household.business) throw new VisitInputError("items", "noBusiness");
      return { skillId: item.skillId, scope, memberIds: [] };
    }
    if (item.memberIds.length === 0) throw new VisitInputError("items", "memberRequired");
    if (!item.memberIds.every((m) => memberIds.has(m))) throw new VisitInputError("items", "memberInvalid");
    return { skillId: item.skillId, scope, memberIds: [...new Set(item.memberIds)] };
  });

  const coVolunteerIds = [...new Set(input.coVolunteerIds)];
  if (coVolunteerIds.includes(user.id)) throw new VisitInputError("coVolunteers", "coVolunteerInvalid");
  if (coVolunteerIds.length) {
    const found = await tx.user.count({
      where: { id: { in: coVolunteerIds }, communeId, active: true, role: { in: [...FIELD_ROLES] } },
    });
    if (found !== coVolunteerIds.length) throw new VisitInputError("coVolunteers", "coVolunteerInvalid");
  }

  if (input.campaignId !== null) {
    const campaign = await tx.campaign.count({
      where: { id: input.campaignId, communeId, startsOn: { lte: input.visitedOn }, endsOn: { gte: input.visitedOn } },
    });
    if (campaign === 0) throw new VisitInputError("campaign", "campaignInvalid");
  }

  return {
    householdId: household.id,
    businessId: household.business?.id ?? null,
    visitedOn: input.visitedOn,
    outcome: input.outcome,
    items,
    coVolunteerIds,
    campaignId: input.campaignId,
    notes: input.notes,
  };
}

/** What was done, who came along, and — when it worked — the skills gained. */
async function writeVisitDetails(tx: DbClient, communeId: number, visitId: number, v: CheckedVisit): Promise<void> {
  await tx.visitItem.createMany({
    data: v.items.flatMap((item): { communeId: number; visitId: number; skillId: number; memberId: number | null }[] =>
      item.scope === "business"
        ? [{ communeId, visitId, skillId: item.skillId, memberId: null }]
        : item.memberIds.map((memberId) => ({ communeId, visitId, skillId: item.skillId, memberId })),
    ),
  });
  if (v.coVolunteerIds.length) {
    await tx.visitCoVolunteer.createMany({ data: v.coVolunteerIds.map((userId) => ({ visitId, userId })) });
  }
  if (v.outcome !== "done") return;
  // A skill a member already had keeps its first date and visit.
  const memberSkills = v.items.flatMap((item) =>
    item.memberIds.map((memberId) => ({ communeId, memberId, skillId: item.skillId, acquiredOn: v.visitedOn, visitId })),
  );
  if (memberSkills.length) await tx.memberSkill.createMany({ data: memberSkills, skipDuplicates: true });
  const businessSkills = v.items.filter((i) => i.scope === "business");
  if (businessSkills.length && v.businessId !== null) {
    await tx.businessSkill.createMany({
      data: businessSkills.map((i) => ({ communeId, businessId: v.businessId!, skillId: i.skillId, acquiredOn: v.visitedOn })),
      skipDuplicates: true,
    });
  }
}

/**
 * Removes the member skills `visitId` gave and, for each, restores the record of the earliest other
 * successful visit that also gave it (a later visit stores no row of its own for a skill the member
 * already had).
 */
async function takeBackMemberSkills(tx: DbClient, communeId: number, visitId: number): Promise<void> {
  const given = await tx.memberSkill.findMany({ where: { visitId }, select: { memberId: true, skillId: true } });
  if (given.length === 0) return;
  await tx.memberSkill.deleteMany({ where: { visitId } });
  const sources = await tx.visitItem.findMany({
    where: {
      communeId,
      visitId: { not: visitId },
      visit: { outcome: "done" },
      OR: given.map((g) => ({ memberId: g.memberId, skillId: g.skillId })),
    },
    select: { memberId: true, skillId: true, visit: { select: { id: true, visitedOn: true } } },
    orderBy: [{ visit: { visitedOn: "asc" } }, { visit: { createdAt: "asc" } }, { visitId: "asc" }],
  });
  const restored = new Map<string, { communeId: number; memberId: number; skillId: number; acquiredOn: Date; visitId: number }>();
  for (const s of sources) {
    const key = `${s.memberId}:${s.skillId}`;
    if (s.memberId === null || restored.has(key)) continue;
    restored.set(key, {
      communeId,
      memberId: s.memberId,
      skillId: s.skillId,
      acquiredOn: s.visit.visitedOn,
      visitId: s.visit.id,
    });
  }
  if (restored.size) await tx.memberSkill.createMany({ data: [...restored.values()], skipDuplicates: true });
}

/** The household's last visit and pending follow-up are those of its latest visit. */
async function refreshHousehold(tx: DbClient, householdId: number): Promise<void> {
  const last = await tx.visit.findFirst({
    where: { householdId },
    orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { visitedOn: true, followUpOn: true },
  });
  await tx.household.update({
    where: { id: householdId },
    data: { lastVisitOn: last?.visitedOn ?? null, followUpOn: last?.followUpOn ?? null, version: { increment: 1 } },
  });
}

async function familyStatusOf(tx: DbClient, householdId: number): Promise<FamilyStatus | null> {
  return (await tx.digitalFamily.findUnique({ where: { householdId }, select: { status: true } }))?.status ?? null;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** The visit already recorded under `key` by this user, if any (a retry or a double tap). */
async function visitByKey(user: CurrentUser, communeId: number, key: string): Promise<number | null> {
  const found = await db.visit.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, communeId: true, volunteerId: true },
  });
  if (!found) return null;
  // Keys are random UUIDs made on the phone: someone else's key is never a retry.
  if (found.communeId !== communeId || found.volunteerId !== user.id) throw new VisitInputError("idempotencyKey", "keyTaken");
  return found.id;
}

export type RecordVisitResult = { visitId: number; duplicate: boolean };

/**
 * Records a visit. A second call with the same idempotency key (a double tap, or a retry after a
 * lost response) records nothing and returns the visit already stored.
 */
export async function recordVisit(user: CurrentUser, input: VisitInput, now: Date = new Date()): Promise<RecordVisitResult> {
  requireRole(user, VISIT_ROLES);
  const communeId = communeOf(user);
  const existing = await visitByKey(user, communeId, input.idempotencyKey);
  if (existing !== null) return { visitId: existing, duplicate: true };

  try {
    return await db.$transaction(async (tx) => {
      const v = await checkVisit(tx, user, communeId, input.householdId, input, now);
      const familyBefore = await familyStatusOf(tx, v.householdId);
      const visit = await tx.visit.create({
        data: {
          communeId,
          householdId: v.householdId,
          volunteerId: user.id,
          campaignId: v.campaignId,
          visitedOn: v.visitedOn,
          outcome: v.outcome,
          notes: v.notes,
          followUpOn: followUpFor(v.outcome, v.visitedOn),
          idempotencyKey: input.idempotencyKey,
        },
        select: { id: true },
      });
      await writeVisitDetails(tx, communeId, visit.id, v);
      await refreshHousehold(tx, v.householdId);
      await recomputeFamilies(tx, communeId, [v.householdId], now);
      const familyAfter = await familyStatusOf(tx, v.householdId);
      await audit(
        tx,
        user,
        "visit.record",
        "Visit",
        visit.id,
        {
          householdId: v.householdId,
          outcome: v.outcome,
          items: v.items.map((i) => ({ skillId: i.skillId, memberIds: i.memberIds })),
          familyBefore,
          familyAfter,
        },
        {
          after: {
            householdId: v.householdId,
            visitedOn: v.visitedOn.toISOString().slice(0, 10),
            outcome: v.outcome,
            campaignId: v.campaignId,
            notes: v.notes,
          },
        },
      );
      return { visitId: visit.id, duplicate: false };
    });
  } catch (err) {
    // Two copies of the same submission racing: the loser finds the winner's visit.
    if (isUniqueViolation(err)) {
      const winner = await visitByKey(user, communeId, input.idempotencyKey);
      if (winner !== null) return { visitId: winner, duplicate: true };
    }
    throw err;
  }
}

/**
 * Corrects a visit: the volunteer who recorded it within 24 hours, or a branch leader or admin of
 * the commune at any time. The form carries the household's version: if the household changed
 * meanwhile (another visit, another correction), the correction is refused rather than applied over
 * what the person did not see.
 */
export async function updateVisit(user: CurrentUser, edit: VisitEdit, now: Date = new Date()): Promise<{ visitId: number }> {
  requireRole(user, VISIT_ROLES);
  const communeId = communeOf(user);
  const visit = await db.visit.findFirst({
    where: { id: edit.visitId, communeId },
    select: {
      id: true,
      householdId: true,
      volunteerId: true,
      createdAt: true,
      visitedOn: true,
      outcome: true,
      campaignId: true,
      notes: true,
      items: { select: { skillId: true, memberId: true, skill: { select: { scope: true } } } },
      coVolunteers: { select: { userId: true } },
    },
  });
  if (!visit) notFound();
  if (!(CORRECTOR_ROLES as readonly string[]).includes(user.role)) {
    if (visit.volunteerId !== user.id) forbidden();
    if (!withinEditWindow(visit.createdAt, now)) throw new VisitInputError(null, "editWindowClosed");
  }

  return db.$transaction(async (tx) => {
    const v = await checkVisit(tx, user, communeId, visit.householdId, edit, now, visit.visitedOn);
    const locked = await tx.household.updateMany({
      where: { id: visit.householdId, communeId, version: edit.version },
      data: { version: { increment: 1 } },
    });
    if (locked.count === 0) throw new VisitInputError(null, "stale");
    const familyBefore = await familyStatusOf(tx, visit.householdId);

    // Undo what the visit gave. A member's skill carries the first visit that gave it: where another
    // successful visit gave the same skill, that visit's record takes its place. Business skills
    // carry no visit id: those dated on the visit's day for the skills it recorded are taken to be its own.
    await takeBackMemberSkills(tx, communeId, visit.id);
    const oldBusinessSkills = visit.items.filter((i) => i.skill.scope === "business").map((i) => i.skillId);
    if (visit.outcome === "done" && oldBusinessSkills.length && v.businessId !== null) {
      await tx.businessSkill.deleteMany({
        where: { businessId: v.businessId, skillId: { in: oldBusinessSkills }, acquiredOn: visit.visitedOn },
      });
    }
    await tx.visitItem.deleteMany({ where: { visitId: visit.id } });
    await tx.visitCoVolunteer.deleteMany({ where: { visitId: visit.id } });

    await tx.visit.update({
      where: { id: visit.id },
      data: {
        visitedOn: v.visitedOn,
        outcome: v.outcome,
        notes: v.notes,
        campaignId: v.campaignId,
        followUpOn: followUpFor(v.outcome, v.visitedOn),
      },
    });
    await writeVisitDetails(tx, communeId, visit.id, v);
    await refreshHousehold(tx, visit.householdId);
    await recomputeFamilies(tx, communeId, [visit.householdId], now);
    const familyAfter = await familyStatusOf(tx, visit.householdId);
    await audit(
      tx,
      user,
      "visit.update",
      "Visit",
      visit.id,
      { householdId: visit.householdId, familyBefore, familyAfter },
      {
        before: {
          visitedOn: visit.visitedOn.toISOString().slice(0, 10),
          outcome: visit.outcome,
          campaignId: visit.campaignId,
          notes: visit.notes,
          items: visit.items.map((i) => ({ skillId: i.skillId, memberId: i.memberId })),
          coVolunteerIds: visit.coVolunteers.map((c) => c.userId),
        },
        after: {
          visitedOn: v.visitedOn.toISOString().slice(0, 10),
          outcome: v.outcome,
          campaignId: v.campaignId,
          notes: v.notes,
          items: v.items.map((i) => ({ skillId: i.skillId, memberIds: i.memberIds })),
          coVolunteerIds: v.coVolunteerIds,
        },
      },
    );
    return { visitId: visit.id };
  });
}
