// Creating and editing households and their members. Registry roles only (volunteers cannot);
// every id is re-checked against the user's commune (an id from elsewhere is "not found"); every
// write is audited in its own transaction; a stale version is refused, never overwritten; a
// change to members' skills recomputes the family's status in the same transaction.
//
// Refusals are keys in `householdErrors`: beside a field ("consentRequired", "villageRequired",
// "skillInvalid", "headRequired"), or above the form ("stale", "staleMember", "cannotRemoveHead",
// and "duplicates", whose Refusal carries the probable duplicates as its data).
import { notFound, Refusal } from "@/lib/validation/refusal";
import { z } from "zod";
import { audit, changes } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { recordConsent } from "@/lib/consent/consent";
import { consentTextVi } from "@/lib/consent/texts";
import { db } from "@/lib/db";
import { recomputeFamilies } from "@/lib/families/recompute";
import { todayInVietnam } from "@/lib/format/dates";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  HouseholdCreateInput,
  HouseholdField,
  HouseholdUpdateInput,
  MemberCreateInput,
  MemberField,
  MemberUpdateInput,
} from "@/lib/households/schemas";

/** A probable duplicate of a new household: the data of createHousehold's "duplicates" refusal. */
export type DuplicateCandidate = { id: number; headName: string; address: string; villageName: string; reason: "name" | "phone" };

type Tx = Prisma.TransactionClient;

/** Refuses roles that may not write the registry, re-reading nothing: the session already re-read the user. */
function writer(user: CurrentUser): number {
  requireCan(user, "registry:edit");
  return communeOf(user);
}

async function villageInCommune(tx: Tx | typeof db, communeId: number, villageId: number): Promise<boolean> {
  return (await tx.village.count({ where: { id: villageId, communeId } })) > 0;
}

/**
 * Probable duplicates of a new household: the same head name (unaccented, case-insensitive) in the
 * same village, or the same phone number on a household or one of its members.
 */
export async function findProbableDuplicates(
  user: CurrentUser,
  input: { villageId: number; headName: string; phone: string | null },
): Promise<DuplicateCandidate[]> {
  const communeId = writer(user);
  const name = input.headName.replace(/\s+/g, " ").trim();
  return db.$queryRaw<DuplicateCandidate[]>`
    SELECT h.id, h.head_name AS "headName", h.address, v.name AS "villageName",
           CASE WHEN h.village_id = ${input.villageId} AND f_unaccent(h.head_name) = f_unaccent(${name}) THEN 'name' ELSE 'phone' END AS reason
    FROM household h JOIN village v ON v.id = h.village_id
    WHERE h.commune_id = ${communeId}
      AND ((h.village_id = ${input.villageId} AND f_unaccent(h.head_name) = f_unaccent(${name}))
        OR (${input.phone}::text IS NOT NULL AND (h.phone = ${input.phone}::text
            OR h.id IN (SELECT m.household_id FROM member m WHERE m.commune_id = ${communeId} AND m.phone = ${input.phone}::text))))
    ORDER BY h.id
    LIMIT 10`;
}

/**
 * Adds a household with its head as first member. Probable duplicates refuse it ("duplicates", with
 * the candidates as the refusal's data) unless the form says to create it anyway.
 */
export async function createHousehold(user: CurrentUser, input: HouseholdCreateInput): Promise<{ id: number }> {
  const communeId = writer(user);
  // The head is a person added to the registry: only with their consent (the form's tick box).
  if (input.consent !== true) throw new Refusal("consent" satisfies HouseholdField, "consentRequired");
  if (!(await villageInCommune(db, communeId, input.villageId))) {
    throw new Refusal("villageId" satisfies HouseholdField, "villageRequired");
  }
  if (!input.createAnyway) {
    const duplicates = await findProbableDuplicates(user, input);
    if (duplicates.length > 0) throw Refusal.withData(null, "duplicates", duplicates);
  }
  const id = await db.$transaction(async (tx) => {
    const h = await tx.household.create({
      data: {
        communeId,
        villageId: input.villageId,
        headName: input.headName,
        address: input.address,
        phone: input.phone,
        members: {
          create: {
            communeId,
            fullName: input.headName,
            birthYear: input.headBirthYear,
            gender: input.headGender,
            phone: input.phone,
            isHead: true,
          },
        },
      },
      select: { id: true, members: { select: { id: true } } },
    });
    // The volunteer or official read the consent sentence to the head and records their answer.
    await recordMemberConsent(tx, user, communeId, h.members[0].id);
    await audit(
      tx,
      user,
      "household.create",
      "household",
      h.id,
      { duplicateWarningOverridden: input.createAnyway },
      {
        after: {
          villageId: input.villageId,
          headName: input.headName,
          address: input.address,
          phone: input.phone,
          headBirthYear: input.headBirthYear,
          headGender: input.headGender,
        },
      },
    );
    return h.id;
  });
  return { id };
}

export async function updateHousehold(user: CurrentUser, id: number, input: HouseholdUpdateInput): Promise<{ id: number }> {
  const communeId = writer(user);
  const current = await db.household.findFirst({
    where: { id, communeId },
    select: { headName: true, villageId: true, address: true, phone: true },
  });
  if (!current) notFound();
  if (!(await villageInCommune(db, communeId, input.villageId))) {
    throw new Refusal("villageId" satisfies HouseholdField, "villageRequired");
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.household.updateMany({
      where: { id, communeId, version: input.version },
      data: {
        villageId: input.villageId,
        headName: input.headName,
        address: input.address,
        phone: input.phone,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new Refusal(null, "stale");
    if (input.headName !== current.headName) {
      // The head's member record carries the same name.
      await tx.member.updateMany({
        where: { householdId: id, communeId, isHead: true },
        data: { fullName: input.headName, version: { increment: 1 } },
      });
    }
    const { changed, ...diff } = changes(current, input, ["headName", "villageId", "address", "phone"]);
    await audit(tx, user, "household.update", "household", id, { changed }, diff);
    return { id };
  });
}

/** The household of a member-form write, in the user's commune; 404 otherwise. */
async function householdOf(communeId: number, householdId: number) {
  const h = await db.household.findFirst({ where: { id: householdId, communeId }, select: { id: true } });
  if (!h) notFound();
  return h;
}

/**
 * Makes the member's ticked skills equal `keys` (active member skills of the commune only; inactive
 * ones are left alone). Returns null when a key is not one of them (a tampered form).
 */
async function syncSkills(tx: Tx, communeId: number, memberId: number, keys: readonly string[]): Promise<boolean | null> {
  const skills = await tx.skill.findMany({
    where: { communeId, scope: "member", active: true },
    select: { id: true, key: true },
  });
  const byKey = new Map(skills.map((s) => [s.key, s.id]));
  if (keys.some((k) => !byKey.has(k))) return null;
  const wanted = new Set(keys.map((k) => byKey.get(k)!));
  const current = new Set(
    (await tx.memberSkill.findMany({ where: { memberId, skillId: { in: [...byKey.values()] } }, select: { skillId: true } })).map(
      (s) => s.skillId,
    ),
  );
  const remove = [...current].filter((s) => !wanted.has(s));
  const add = [...wanted].filter((s) => !current.has(s));
  if (remove.length) await tx.memberSkill.deleteMany({ where: { memberId, skillId: { in: remove } } });
  if (add.length) {
    const acquiredOn = todayInVietnam();
    await tx.memberSkill.createMany({ data: add.map((skillId) => ({ communeId, memberId, skillId, acquiredOn })) });
  }
  return remove.length + add.length > 0;
}

/** Makes `memberId` the household's only head, and the household's head name theirs. */
async function makeHead(tx: Tx, communeId: number, householdId: number, memberId: number, fullName: string) {
  await tx.member.updateMany({
    where: { householdId, communeId, isHead: true, id: { not: memberId } },
    data: { isHead: false, version: { increment: 1 } },
  });
  await tx.household.updateMany({
    where: { id: householdId, communeId, headName: { not: fullName } },
    data: { headName: fullName, version: { increment: 1 } },
  });
}

/**
 * The consent of a person added to the registry, as the official or volunteer who adds them ticked
 * it on the form after reading the sentence to them: the sentence in Vietnamese with its version.
 */
function recordMemberConsent(tx: Tx, user: CurrentUser, communeId: number, memberId: number) {
  return recordConsent(tx, {
    communeId,
    kind: "member",
    text: consentTextVi("member"),
    method: "in_person",
    memberId,
    recordedById: user.id,
  });
}

/** Runs a member write; a Refusal thrown inside rolls the transaction back. */
async function memberWrite(run: (tx: Tx) => Promise<number>): Promise<{ id: number }> {
  return { id: await db.$transaction(run) };
}

export async function addMember(
  user: CurrentUser,
  householdId: number,
  input: MemberCreateInput,
  idempotencyKey?: string,
): Promise<{ id: number }> {
  const communeId = writer(user);
  // Only with the person's consent (the form's tick box); nothing is saved without it.
  if (input.consent !== true) throw new Refusal("consent" satisfies MemberField, "consentRequired");
  await householdOf(communeId, householdId);
  const key = idempotencyKey && z.uuid().safeParse(idempotencyKey).success ? idempotencyKey : null;
  const existing = async () =>
    key ? await db.member.findFirst({ where: { idempotencyKey: key, communeId, householdId }, select: { id: true } }) : null;
  // A double submit or a retry after a lost answer: the member the first one added.
  const already = await existing();
  if (already) return { id: already.id };
  try {
    return await addMemberOnce(user, communeId, householdId, input, key);
  } catch (err) {
    const raced = err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002" ? await existing() : null;
    if (raced) return { id: raced.id };
    throw err;
  }
}

async function addMemberOnce(
  user: CurrentUser,
  communeId: number,
  householdId: number,
  input: MemberCreateInput,
  idempotencyKey: string | null,
): Promise<{ id: number }> {
  return memberWrite(async (tx) => {
    const m = await tx.member.create({
      data: {
        communeId,
        householdId,
        idempotencyKey,
        fullName: input.fullName,
        birthYear: input.birthYear,
        gender: input.gender,
        phone: input.phone,
        isHead: input.isHead,
      },
      select: { id: true },
    });
    if (input.isHead) await makeHead(tx, communeId, householdId, m.id, input.fullName);
    await recordMemberConsent(tx, user, communeId, m.id);
    const skillsChanged = input.skillsOnForm ? await syncSkills(tx, communeId, m.id, input.skills) : false;
    if (skillsChanged === null) throw new Refusal("skills", "skillInvalid");
    // A new adult changes what "every adult" means, skills or not.
    await recomputeFamilies(tx, communeId, [householdId]);
    await audit(
      tx,
      user,
      "member.create",
      "member",
      m.id,
      { householdId, skills: input.skillsOnForm ? input.skills : [] },
      {
        after: {
          householdId,
          fullName: input.fullName,
          birthYear: input.birthYear,
          gender: input.gender,
          phone: input.phone,
          isHead: input.isHead,
        },
      },
    );
    return m.id;
  });
}

export async function updateMember(
  user: CurrentUser,
  householdId: number,
  memberId: number,
  input: MemberUpdateInput,
): Promise<{ id: number }> {
  const communeId = writer(user);
  await householdOf(communeId, householdId);
  const current = await db.member.findFirst({
    where: { id: memberId, householdId, communeId },
    select: { isHead: true, fullName: true, birthYear: true, gender: true, phone: true },
  });
  if (!current) notFound();
  // A household always has a head: another member is made head by ticking it on their form.
  if (current.isHead && !input.isHead) throw new Refusal("isHead" satisfies MemberField, "headRequired");
  return memberWrite(async (tx) => {
    const { count } = await tx.member.updateMany({
      where: { id: memberId, householdId, communeId, version: input.version },
      data: {
        fullName: input.fullName,
        birthYear: input.birthYear,
        gender: input.gender,
        phone: input.phone,
        isHead: input.isHead,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new Refusal(null, "staleMember");
    if (input.isHead) await makeHead(tx, communeId, householdId, memberId, input.fullName);
    const skillsChanged = input.skillsOnForm ? await syncSkills(tx, communeId, memberId, input.skills) : false;
    if (skillsChanged === null) throw new Refusal("skills", "skillInvalid");
    if (skillsChanged || input.birthYear !== current.birthYear) await recomputeFamilies(tx, communeId, [householdId]);
    const { changed, ...diff } = changes(current, input, ["fullName", "birthYear", "gender", "phone", "isHead"]);
    await audit(
      tx,
      user,
      "member.update",
      "member",
      memberId,
      { householdId, changed, ...(input.skillsOnForm ? { skills: input.skills } : {}) },
      diff,
    );
    return memberId;
  });
}

export async function removeMember(
  user: CurrentUser,
  householdId: number,
  memberId: number,
  input: { version: number },
): Promise<{ id: number }> {
  const communeId = writer(user);
  await householdOf(communeId, householdId);
  const current = await db.member.findFirst({
    where: { id: memberId, householdId, communeId },
    select: { isHead: true, fullName: true, birthYear: true, gender: true, phone: true },
  });
  if (!current) notFound();
  if (current.isHead) throw new Refusal(null, "cannotRemoveHead");
  return memberWrite(async (tx) => {
    const { count } = await tx.member.deleteMany({ where: { id: memberId, householdId, communeId, version: input.version } });
    if (count === 0) throw new Refusal(null, "staleMember");
    await recomputeFamilies(tx, communeId, [householdId]);
    await audit(tx, user, "member.delete", "member", memberId, { householdId }, { before: { householdId, ...current } });
    return memberId;
  });
}
