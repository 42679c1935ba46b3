// Check-in at a class (by registration code from a QR or typed, by name, or a walk-in), and how
// attendance feeds the program: an attendee whose phone is a household member's phone in the
// same commune gets the topic's skill (acquired on the class date), and their family's status is
// recomputed in the same transaction. The class is recorded as the source in the audit log.
// Refusals are keys in `trainingErrors`: the code or a walk-in's field beside it, the rest above.
import { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { CONSENT_KINDS, consentTextVi } from "@/lib/consent/texts";
import { recomputeFamilies } from "@/lib/families/recompute";
import { todayInVietnam } from "@/lib/format/dates";
import { normalizeRegistrationCode } from "@/lib/training/codes";
import { lockEvent } from "@/lib/training/registrations";
import { normalizePhone, VN_MOBILE } from "@/lib/validation/phone";
import { plainText } from "@/lib/validation/text";
import { isDbId } from "@/lib/validation/db-id";
import type { FormState } from "@/lib/validation/form-state";
import { parseFields, parseInput, Refusal } from "@/lib/validation/refusal";

/** Who was checked in: `already` when they had been, `skillMembers` how many members gained the topic's skill. */
export type CheckedIn = { name: string; already: boolean; skillMembers: number };

/** The check-in forms' state: who was checked in, or why not; `at` tells one answer from the next. */
export type CheckInState = FormState & { checkedIn?: CheckedIn; at?: number };

type Tx = Prisma.TransactionClient;

async function scopedEvent(communeId: number, eventId: number) {
  if (!isDbId(eventId)) return null;
  return db.trainingEvent.findFirst({
    where: { id: eventId, communeId },
    select: { id: true, communeId: true, status: true, startsAt: true, capacity: true, topic: { select: { skillId: true } } },
  });
}

/**
 * The user's commune's class, if its check-in is open. Check-in happens on the class's own day
 * (Vietnam time): a code scanned a week early or late is a mistake, not attendance.
 */
async function openEvent(communeId: number, eventId: number, now: Date = new Date()) {
  const event = await scopedEvent(communeId, eventId);
  if (!event) throw new Refusal(null, "notFound");
  if (event.status === "cancelled") throw new Refusal(null, "cancelledClass");
  if (todayInVietnam(event.startsAt).getTime() !== todayInVietnam(now).getTime()) throw new Refusal(null, "notClassDay");
  return event;
}

/**
 * Gives the members whose phone is `phone` (or `memberId`) the class topic's skill, then
 * recomputes their families. Returns how many members gained the skill.
 */
export async function feedSkill(
  tx: DbClient,
  user: CurrentUser,
  event: { id: number; communeId: number; startsAt: Date; topic: { skillId: number | null } },
  who: { phone?: string | null; memberId?: number | null },
): Promise<number> {
  const skillId = event.topic.skillId;
  if (!skillId) return 0;
  const phone = who.phone ? normalizePhone(who.phone) : null;
  const or: Prisma.MemberWhereInput[] = [];
  if (phone && VN_MOBILE.test(phone)) or.push({ phone });
  if (who.memberId) or.push({ id: who.memberId });
  if (or.length === 0) return 0;
  const t = tx as Tx;
  // The registration's own member when it has one; otherwise the phone, but only when exactly one
  // member has it: a family phone shared by several people does not say who came.
  const members = await t.member.findMany({
    where: { communeId: event.communeId, ...(who.memberId ? { id: who.memberId } : { OR: or }) },
    select: { id: true, householdId: true, skills: { where: { skillId }, select: { skillId: true } } },
    take: 2,
  });
  if (members.length !== 1) return 0;
  const acquiredOn = todayInVietnam(event.startsAt);
  const gained: typeof members = [];
  for (const m of members.filter((x) => x.skills.length === 0)) {
    // skipDuplicates: a check-in racing this one may have given the skill a moment ago.
    const { count } = await t.memberSkill.createMany({
      data: [{ communeId: event.communeId, memberId: m.id, skillId, acquiredOn }],
      skipDuplicates: true,
    });
    if (count === 0) continue;
    gained.push(m);
    await audit(tx, user, "member_skill.from_class", "member", m.id, {
      skillId,
      eventId: event.id,
      acquiredOn: acquiredOn.toISOString().slice(0, 10),
    });
  }
  if (gained.length) await recomputeFamilies(tx, event.communeId, [...new Set(gained.map((m) => m.householdId))]);
  return gained.length;
}

async function markRegistration(
  user: CurrentUser,
  event: NonNullable<Awaited<ReturnType<typeof scopedEvent>>>,
  reg: { id: number; fullName: string; phone: string; memberId: number | null; status: string },
): Promise<CheckedIn> {
  if (reg.status === "cancelled") throw new Refusal(null, "registrationCancelled");
  return db.$transaction(async (tx) => {
    // Seats are decided under the class's lock (lib/training/registrations.ts); two check-ins of the
    // same person at once queue on the registration's, and the second then sees the first.
    if (reg.status === "waitlist") await lockEvent(tx, event.id);
    const current = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM registration WHERE id = ${reg.id} FOR UPDATE`;
    const prior = await tx.attendance.findUnique({ where: { registrationId: reg.id }, select: { attended: true } });
    if (prior?.attended) return { name: reg.fullName, already: true, skillMembers: 0 };
    if (current[0]?.status === "waitlist") {
      // Someone waiting who came: the seat is theirs if one is free (the count stays right);
      // when the class is full they are refused, and the staff may take them as a walk-in.
      const confirmed = await tx.registration.count({ where: { eventId: event.id, status: "confirmed" } });
      if (confirmed >= event.capacity) throw new Refusal(null, "waitingNoSeat", { name: reg.fullName });
      await tx.registration.update({ where: { id: reg.id }, data: { status: "confirmed" } });
      await audit(
        tx,
        user,
        "registration.seat_at_door",
        "registration",
        reg.id,
        { eventId: event.id },
        {
          before: { status: "waitlist" },
          after: { status: "confirmed" },
        },
      );
    }
    await tx.attendance.upsert({
      where: { registrationId: reg.id },
      create: {
        communeId: event.communeId,
        eventId: event.id,
        registrationId: reg.id,
        fullName: reg.fullName,
        attended: true,
        markedById: user.id,
      },
      update: { attended: true, markedAt: new Date(), markedById: user.id },
    });
    await audit(tx, user, "attendance.check_in", "registration", reg.id, { eventId: event.id }, { after: { attended: true } });
    const skillMembers = await feedSkill(tx, user, event, { phone: reg.phone, memberId: reg.memberId });
    return { name: reg.fullName, already: false, skillMembers };
  });
}

export const CodeSchema = z.object({
  code: z
    .string({ message: "required" })
    .transform(normalizeRegistrationCode)
    .pipe(
      z
        .string()
        .min(1, "required")
        .regex(/^[A-Z0-9]{4,16}$/, "codeInvalid"),
    ),
});

/** Checks in the registration with this code (from the QR or typed) at this class. */
export async function checkInByCode(user: CurrentUser, eventId: number, input: { code: unknown }): Promise<CheckedIn> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const { code } = parseInput(CodeSchema, input);
  const event = await openEvent(communeId, eventId);
  const reg = await db.registration.findFirst({
    where: { code, eventId: event.id, communeId },
    select: { id: true, fullName: true, phone: true, memberId: true, status: true },
  });
  if (!reg) throw new Refusal("code", "codeNotFound");
  return markRegistration(user, event, reg);
}

/** Checks in a registration picked from the name search. */
export async function checkInRegistration(user: CurrentUser, eventId: number, registrationId: number): Promise<CheckedIn> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const event = await openEvent(communeId, eventId);
  if (!isDbId(registrationId)) throw new Refusal(null, "notFound");
  const reg = await db.registration.findFirst({
    where: { id: registrationId, eventId: event.id, communeId },
    select: { id: true, fullName: true, phone: true, memberId: true, status: true },
  });
  if (!reg) throw new Refusal(null, "notFound");
  return markRegistration(user, event, reg);
}

export type RosterMatch = { id: number; fullName: string; phoneTail: string; status: string; attended: boolean };

/** Registrations of the class whose name matches `q` without tone marks (f_unaccent). */
export async function searchRegistrations(user: CurrentUser, eventId: number, q: string): Promise<RosterMatch[]> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const event = await scopedEvent(communeId, eventId);
  const query = q.trim().slice(0, 100);
  if (!event || query.length < 2) return [];
  const rows = await db.$queryRaw<{ id: number; full_name: string; phone: string; status: string; attended: boolean | null }[]>`
    SELECT r.id, r.full_name, r.phone, r.status::text AS status, a.attended
    FROM registration r LEFT JOIN attendance a ON a.registration_id = r.id
    WHERE r.event_id = ${event.id} AND r.commune_id = ${communeId}
      AND f_unaccent(r.full_name) LIKE '%' || f_unaccent(${query}) || '%'
    ORDER BY r.full_name LIMIT 20`;
  await audit(db, user, "registration.search", "training_event", event.id, { results: rows.length });
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    phoneTail: r.phone.slice(-3),
    status: r.status,
    attended: r.attended === true,
  }));
}

export const WalkInSchema = z.object({
  fullName: plainText({ message: "nameShort" }).min(2, "nameShort").max(120, "nameLong"),
  phone: z
    .string({ message: "phoneInvalid" })
    .trim()
    .transform((p) => (p ? normalizePhone(p) : ""))
    .refine((p) => p === "" || VN_MOBILE.test(p), "phoneInvalid")
    .optional(),
  // The official read the sign-up sentence to the person and ticks that they agreed; the key is
  // the sentence's version the form showed (a stale form is refused, not stored with a new text).
  consent: z.literal("yes", { error: "walkInConsentRequired" }),
  consentTextKey: z.literal(CONSENT_KINDS.signup.key, { error: "consentTextChanged" }),
});

/**
 * Someone who came without signing up: an attendance row with no registration, and the consent
 * they gave aloud (the sign-up sentence, in person, recorded by the official) in the same
 * transaction.
 */
export async function addWalkIn(
  user: CurrentUser,
  eventId: number,
  input: { fullName: unknown; phone?: unknown; consent?: unknown; consentTextKey?: unknown },
): Promise<CheckedIn> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const { fullName, phone } = parseFields(WalkInSchema, input);
  const event = await openEvent(communeId, eventId);
  return db.$transaction(async (tx) => {
    const a = await tx.attendance.create({
      data: { communeId, eventId: event.id, registrationId: null, fullName, attended: true, markedById: user.id },
      select: { id: true },
    });
    const consent = await tx.consent.create({
      data: {
        communeId,
        purpose: CONSENT_KINDS.signup.purpose,
        granted: true,
        text: consentTextVi("signup"),
        textKey: CONSENT_KINDS.signup.key,
        method: "in_person",
        recordedById: user.id,
      },
      select: { id: true },
    });
    await audit(
      tx,
      user,
      "attendance.walk_in",
      "attendance",
      a.id,
      { eventId: event.id, withPhone: Boolean(phone), consentId: consent.id },
      { after: { eventId: event.id, fullName, attended: true } },
    );
    const skillMembers = await feedSkill(tx, user, event, { phone: phone || null });
    return { name: fullName, already: false, skillMembers };
  });
}
