// Recording and correcting a visit. Everything a visit changes is written in one transaction: the
// visit and what was done, the members' (and the business's) new skills, the household's last
// visit and follow-up, the family's status, and the audit log. A visit is saved by many phones at
// once on a Volunteer Saturday, on a small server: recording one is 6 statements (BEGIN, one read
// of everything checked and of a visit already stored under the key, one write, the family's
// status, the audit row, COMMIT), so a transaction holds its connection briefly (docs/decisions/0009-visit-saves.md).
import { forbidden, notFound, Refusal } from "@/lib/validation/refusal";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan, rolesWith } from "@/lib/auth/capabilities";
import { db, WRITE_TRANSACTION, type DbClient } from "@/lib/db";
import { recomputeFamilyStatuses } from "@/lib/families/recompute";
import { addDays, todayInVietnam } from "@/lib/format/dates";
import { Prisma } from "@/lib/generated/prisma/client";
import type { FamilyStatus, SkillScope, VisitOutcome } from "@/lib/generated/prisma/enums";
import { visitRefusal } from "@/lib/visits/errors";
import { correctionRefusal, followUpFor, MAX_BACKDATE_DAYS } from "@/lib/visits/rules";
import type { VisitEdit, VisitInput } from "@/lib/visits/schemas";

/** Roles a co-volunteer must have: people who go out on visits. */
const FIELD_ROLES = rolesWith("field:work");

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

/** A visit already stored under the idempotency key of a submission. */
type StoredUnderKey = { id: number; communeId: number; volunteerId: number };

type FoundForVisit = {
  id: number | null;
  businessId: number | null;
  memberIds: number[];
  skills: { id: number; scope: SkillScope }[];
  co: number;
  campaign: number;
  stored: StoredUnderKey | null;
};

/**
 * Everything a visit is checked against, within the user's commune, in one statement: the
 * household (null id: not in the commune), its business and members, the skills, co-volunteers
 * and campaign named, and the visit already stored under `key` (a retry, a double tap). Runs inside
 * the transaction that writes the visit, and holds the household's members (FOR KEY SHARE) until
 * it ends: a member removed meanwhile is either already gone here ("memberInvalid") or waits for
 * the visit to be saved.
 */
async function readForVisit(
  tx: DbClient,
  communeId: number,
  householdId: number,
  input: Fields,
  key: string | null,
): Promise<FoundForVisit> {
  const skillIds = [...new Set(input.items.map((i) => i.skillId))];
  const coVolunteerIds = [...new Set(input.coVolunteerIds)];
  const [found] = await tx.$queryRaw<FoundForVisit[]>`
    WITH members AS (
      SELECT id FROM member WHERE household_id = ${householdId} AND commune_id = ${communeId} FOR KEY SHARE
    )
    SELECT h.id, b.id AS "businessId",
      ARRAY(SELECT id FROM members) AS "memberIds",
      (SELECT coalesce(json_agg(json_build_object('id', s.id, 'scope', s.scope)), '[]'::json) FROM skill s
        WHERE s.commune_id = ${communeId} AND s.active AND s.id = ANY(${skillIds}::int[])) AS skills,
      (SELECT count(*)::int FROM app_user u
        WHERE u.id = ANY(${coVolunteerIds}::int[]) AND u.commune_id = ${communeId} AND u.active
          AND u.role::text = ANY(${[...FIELD_ROLES]}::text[])) AS co,
      (SELECT count(*)::int FROM campaign c
        WHERE c.id = ${input.campaignId}::int AND c.commune_id = ${communeId}
          AND c.starts_on <= ${input.visitedOn}::date AND c.ends_on >= ${input.visitedOn}::date) AS campaign,
      (SELECT json_build_object('id', x.id, 'communeId', x.commune_id, 'volunteerId', x.volunteer_id)
        FROM visit x WHERE x.idempotency_key = ${key}::uuid) AS stored
    FROM (VALUES (1)) AS one
      LEFT JOIN household h ON h.id = ${householdId} AND h.commune_id = ${communeId}
      LEFT JOIN household_business b ON b.household_id = h.id`;
  return found;
}

/**
 * Re-checks everything the client sent against what `readForVisit` found: ids from a form are
 * hostile. `keepDate` is a date that stays acceptable however old (a correction that does not move
 * the visit).
 */
function checkVisit(user: CurrentUser, found: FoundForVisit, input: Fields, now: Date, keepDate?: Date): CheckedVisit {
  const today = todayInVietnam(now);
  const sameAsBefore = keepDate?.getTime() === input.visitedOn.getTime();
  if (!sameAsBefore && input.visitedOn > today) throw visitRefusal("visitedOn", "dateFuture");
  if (!sameAsBefore && input.visitedOn < addDays(today, -MAX_BACKDATE_DAYS)) throw visitRefusal("visitedOn", "dateTooOld");
  if (input.outcome === "done" && input.items.length === 0) throw visitRefusal("items", "itemsRequired");
  const skillIds = [...new Set(input.items.map((i) => i.skillId))];
  const coVolunteerIds = [...new Set(input.coVolunteerIds)];
  if (coVolunteerIds.includes(user.id)) throw visitRefusal("coVolunteers", "coVolunteerInvalid");
  if (found.id === null) throw visitRefusal("household", "householdNotFound");

  if (found.skills.length !== skillIds.length || skillIds.length !== input.items.length)
    throw visitRefusal("items", "itemsInvalid");
  const memberIds = new Set(found.memberIds);
  const items: CheckedItem[] = input.items.map((item) => {
    const scope = found.skills.find((s) => s.id === item.skillId)!.scope;
    if (scope === "business") {
      if (found.businessId === null) throw visitRefusal("items", "noBusiness");
      return { skillId: item.skillId, scope, memberIds: [] };
    }
    if (item.memberIds.length === 0) throw visitRefusal("items", "memberRequired");
    if (!item.memberIds.every((m) => memberIds.has(m))) throw visitRefusal("items", "memberInvalid");
    return { skillId: item.skillId, scope, memberIds: [...new Set(item.memberIds)] };
  });
  if (found.co !== coVolunteerIds.length) throw visitRefusal("coVolunteers", "coVolunteerInvalid");
  if (input.campaignId !== null && found.campaign === 0) throw visitRefusal("campaign", "campaignInvalid");

  return {
    householdId: found.id,
    businessId: found.businessId,
    visitedOn: input.visitedOn,
    outcome: input.outcome,
    items,
    coVolunteerIds,
    campaignId: input.campaignId,
    notes: input.notes,
  };
}

/** The visit's rows of what was done: one per member helped, one (no member) per business skill. */
function itemRows(v: CheckedVisit): { skillId: number; memberId: number | null }[] {
  return v.items.flatMap((item): { skillId: number; memberId: number | null }[] =>
    item.scope === "business"
      ? [{ skillId: item.skillId, memberId: null }]
      : item.memberIds.map((memberId) => ({ skillId: item.skillId, memberId })),
  );
}

/**
 * What was done, who came along, and — when it worked — the skills gained (a skill a member or the
 * business already had keeps its first date and visit): data-modifying CTEs of the statement that
 * writes the visit, for the visit in the CTE `v`.
 */
function visitDetails(communeId: number, v: CheckedVisit): Prisma.Sql {
  const rows = itemRows(v);
  const done = v.outcome === "done";
  const items = Prisma.sql`unnest(${rows.map((r) => r.skillId)}::int[], ${rows.map((r) => r.memberId)}::int[]) AS i(skill_id, member_id)`;
  return Prisma.sql`
    items AS (
      INSERT INTO visit_item (commune_id, visit_id, skill_id, member_id)
      SELECT ${communeId}, v.id, i.skill_id, i.member_id FROM v, ${items}
    ), co AS (
      INSERT INTO visit_co_volunteer (visit_id, user_id) SELECT v.id, u FROM v, unnest(${v.coVolunteerIds}::int[]) AS u
    ), member_skills AS (
      INSERT INTO member_skill (commune_id, member_id, skill_id, acquired_on, visit_id)
      SELECT ${communeId}, i.member_id, i.skill_id, ${v.visitedOn}::date, v.id FROM v, ${items}
      WHERE ${done} AND i.member_id IS NOT NULL
      ON CONFLICT DO NOTHING
    ), business_skills AS (
      INSERT INTO business_skill (commune_id, business_id, skill_id, acquired_on)
      SELECT ${communeId}, ${v.businessId}::int, i.skill_id, ${v.visitedOn}::date FROM v, ${items}
      WHERE ${done} AND i.member_id IS NULL AND ${v.businessId}::int IS NOT NULL
      ON CONFLICT DO NOTHING
    )`;
}

/** The household's last visit and pending follow-up are those of its latest visit (with `extra`, visits this statement writes). */
function refreshHousehold(householdId: number, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    UPDATE household SET (last_visit_on, follow_up_on) = (
        SELECT visited_on, follow_up_on FROM (
          SELECT visited_on, follow_up_on, created_at, id FROM visit WHERE household_id = ${householdId} ${extra}
        ) latest ORDER BY visited_on DESC, created_at DESC, id DESC LIMIT 1),
      version = version + 1, updated_at = now() AT TIME ZONE 'UTC'
    WHERE id = ${householdId}`;
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

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** The id of a visit stored under a submission's key: only its recorder's retry may land on it. */
function ownStored(user: CurrentUser, communeId: number, stored: StoredUnderKey): number {
  // Keys are random UUIDs made on the phone: someone else's key is never a retry.
  if (stored.communeId !== communeId || stored.volunteerId !== user.id) throw visitRefusal("idempotencyKey", "keyTaken");
  return stored.id;
}

/** The visit already recorded under `key` by this user, if any (the loser of a double tap's race). */
async function visitByKey(user: CurrentUser, communeId: number, key: string): Promise<number | null> {
  const found = await db.visit.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, communeId: true, volunteerId: true },
  });
  return found ? ownStored(user, communeId, found) : null;
}

export type RecordVisitResult = { visitId: number; duplicate: boolean };

/** Thrown inside the transaction when the key was stored meanwhile: nothing of this attempt is kept. */
class KeyStoredMeanwhile extends Error {}

/** The family's status before and after a recomputation of one household (null: not a digital family). */
function familyChange(changes: { before: FamilyStatus; after: FamilyStatus }[]) {
  return { familyBefore: changes[0]?.before ?? null, familyAfter: changes[0]?.after ?? null };
}

/**
 * Records one visit inside `tx`. A submission whose key is already stored (a retry, a double tap)
 * writes nothing and answers the stored visit. A refusal (visitRefusal) is thrown before
 * anything of this visit is written: the transaction stays usable.
 */
async function recordIn(
  tx: DbClient,
  user: CurrentUser,
  communeId: number,
  input: VisitInput,
  now: Date,
): Promise<RecordVisitResult> {
  const found = await readForVisit(tx, communeId, input.householdId, input, input.idempotencyKey);
  // A retry or a double tap lands on the visit stored, however the world changed since.
  if (found.stored) return { visitId: ownStored(user, communeId, found.stored), duplicate: true };
  const v = checkVisit(user, found, input, now);
  // The visit, what was done, the skills gained and the household's last visit, in one statement.
  const [visit] = await tx.$queryRaw<{ id: number }[]>`
    WITH v AS (
      INSERT INTO visit (commune_id, household_id, volunteer_id, campaign_id, visited_on, outcome, notes, follow_up_on, idempotency_key)
      VALUES (${communeId}, ${v.householdId}, ${user.id}, ${v.campaignId}::int, ${v.visitedOn}::date,
              ${v.outcome}::"VisitOutcome", ${v.notes}::text, ${followUpFor(v.outcome, v.visitedOn)}::date,
              ${input.idempotencyKey}::uuid)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, visited_on, follow_up_on, created_at
    ), ${visitDetails(communeId, v)},
    household AS (
      ${refreshHousehold(v.householdId, Prisma.sql`UNION ALL SELECT visited_on, follow_up_on, created_at, id FROM v`)}
        AND EXISTS (SELECT 1 FROM v)
    )
    SELECT id FROM v`;
  if (!visit) throw new KeyStoredMeanwhile();
  const { familyBefore, familyAfter } = familyChange(await recomputeFamilyStatuses(tx, communeId, [v.householdId], now));
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
}

/**
 * Records a visit. A second call with the same idempotency key (a double tap, or a retry after a
 * lost response) records nothing and returns the visit already stored.
 */
export async function recordVisit(user: CurrentUser, input: VisitInput, now: Date = new Date()): Promise<RecordVisitResult> {
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  try {
    return await db.$transaction((tx) => recordIn(tx, user, communeId, input, now), WRITE_TRANSACTION);
  } catch (err) {
    // Two copies of the same submission racing: the loser finds the winner's visit.
    if (err instanceof KeyStoredMeanwhile || isUniqueViolation(err)) {
      const winner = await visitByKey(user, communeId, input.idempotencyKey);
      if (winner !== null) return { visitId: winner, duplicate: true };
    }
    throw err;
  }
}

/**
 * Records the visits a phone kept while offline, in order, in one transaction: one connection and
 * one commit for the whole queue (docs/decisions/0012). Each visit is answered on its own: saved
 * (or found under its key), or refused with its reason while the others are saved. If a key was
 * stored meanwhile by another copy of the same queue, the transaction is tried again (then, if
 * that races too, each visit on its own), which finds it.
 */
export async function recordVisits(
  user: CurrentUser,
  inputs: VisitInput[],
  now: Date = new Date(),
): Promise<(RecordVisitResult | Refusal)[]> {
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  if (inputs.length === 0) return [];
  const one = async (record: () => Promise<RecordVisitResult>) => {
    try {
      return await record();
    } catch (err) {
      if (err instanceof Refusal) return err;
      throw err;
    }
  };
  // A copy of the same queue racing this one (two tabs, a retry) makes the shared transaction give
  // up at the first key it stored: once that copy has committed, a second try finds every key.
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const results: (RecordVisitResult | Refusal)[] = [];
        for (const input of inputs) results.push(await one(() => recordIn(tx, user, communeId, input, now)));
        return results;
      }, WRITE_TRANSACTION);
    } catch (err) {
      if (!(err instanceof KeyStoredMeanwhile || isUniqueViolation(err))) throw err;
    }
  }
  const results: (RecordVisitResult | Refusal)[] = [];
  for (const input of inputs) results.push(await one(() => recordVisit(user, input, now)));
  return results;
}

/**
 * Corrects a visit: the volunteer who recorded it within 24 hours, or a branch leader or admin of
 * the commune at any time. The form carries the household's version: if the household changed
 * meanwhile (another visit, another correction), the correction is refused rather than applied over
 * what the person did not see.
 */
export async function updateVisit(user: CurrentUser, edit: VisitEdit, now: Date = new Date()): Promise<{ visitId: number }> {
  requireCan(user, "visit:record");
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
  const refusal = correctionRefusal(user, visit, now);
  if (refusal === "notRecorder") forbidden();
  if (refusal === "editWindowClosed") throw visitRefusal(null, "editWindowClosed");

  return db.$transaction(async (tx) => {
    const v = checkVisit(user, await readForVisit(tx, communeId, visit.householdId, edit, null), edit, now, visit.visitedOn);
    const locked = await tx.household.updateMany({
      where: { id: visit.householdId, communeId, version: edit.version },
      data: { version: { increment: 1 } },
    });
    if (locked.count === 0) {
      // A retry of a correction whose answer was lost finds the household moved on by its own
      // first attempt: the visit already says what the form says, so it is done, not stale.
      if (sameVisit(visit, v)) return { visitId: visit.id };
      throw visitRefusal(null, "stale");
    }

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
    await tx.$executeRaw`
      WITH items AS (DELETE FROM visit_item WHERE visit_id = ${visit.id}),
      co AS (DELETE FROM visit_co_volunteer WHERE visit_id = ${visit.id})
      UPDATE visit SET visited_on = ${v.visitedOn}::date, outcome = ${v.outcome}::"VisitOutcome", notes = ${v.notes}::text,
        campaign_id = ${v.campaignId}::int, follow_up_on = ${followUpFor(v.outcome, v.visitedOn)}::date
      WHERE id = ${visit.id}`;
    await tx.$executeRaw`
      WITH v AS (SELECT ${visit.id}::int AS id), ${visitDetails(communeId, v)},
      household AS (${refreshHousehold(visit.householdId)})
      SELECT 1`;
    const { familyBefore, familyAfter } = familyChange(await recomputeFamilyStatuses(tx, communeId, [visit.householdId], now));
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
  }, WRITE_TRANSACTION);
}

/** Whether the stored visit already is what a correction asks for. */
function sameVisit(
  stored: {
    visitedOn: Date;
    outcome: VisitOutcome;
    campaignId: number | null;
    notes: string | null;
    items: { skillId: number; memberId: number | null }[];
    coVolunteers: { userId: number }[];
  },
  v: CheckedVisit,
): boolean {
  const pairs = (list: { skillId: number; memberId: number | null }[]) =>
    list
      .map((i) => `${i.skillId}:${i.memberId ?? ""}`)
      .sort()
      .join();
  return (
    stored.visitedOn.getTime() === v.visitedOn.getTime() &&
    stored.outcome === v.outcome &&
    stored.campaignId === v.campaignId &&
    stored.notes === v.notes &&
    pairs(stored.items) === pairs(itemRows(v)) &&
    stored.coVolunteers
      .map((c) => c.userId)
      .sort()
      .join() === [...v.coVolunteerIds].sort().join()
  );
}
