import { createFormatter, createTranslator } from "next-intl";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { CONSENT_KINDS } from "@/lib/consent/texts";
import { Prisma } from "@/lib/generated/prisma/client";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { TIME_ZONE } from "@/lib/i18n/config";
import { enqueueMessage, written } from "@/lib/outbox/enqueue";
import { hitRateLimit, rateLimitSubject } from "@/lib/security/rate-limit";
import { normalizeRegistrationCode, registrationCode, showRegistrationCode } from "@/lib/training/codes";
import { isOpenForSignUp } from "@/lib/training/schedule";
import { PhoneSchema } from "@/lib/validation/phone";
import viSchedule from "@/messages/vi/schedule.json";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";
import { Refusal } from "@/lib/validation/refusal";

// Signing up for a class without an account. Refusals are keys in `schedule.errors`: the phone's
// and the village's beside their fields, the rest (the class, its code) above the form.
// Seats are decided under a row lock on the class (SELECT … FOR UPDATE), so two people taking the
// last seat at the same moment get one seat and one waiting place, never two seats; cancelling and
// promoting the first waiting person take the same lock.

const phone = z.preprocess((v) => v ?? "", PhoneSchema);

export const RegistrationInputSchema = z.object({
  eventId: dbId("classNotFound"),
  fullName: plainText({ error: "required" }).min(2, "nameShort").max(100, "nameLong"),
  phone,
  // "" = not chosen; "0" = lives outside the commune's villages.
  villageId: z
    .string({ error: "villageRequired" })
    .regex(/^\d{1,9}$/, "villageRequired")
    .transform((v) => (v === "0" ? null : Number(v))),
  consent: z.literal("yes", { error: "consentRequired" }),
  // Made in the browser when the form opens (components/forms/idempotency-key.tsx). A form sent
  // before its scripts ran (or without JavaScript) has none: it gets one here, and a second send
  // of it is then refused as the same phone's second place rather than recorded twice.
  idempotencyKey: z.preprocess((v) => (v === undefined || v === "" ? crypto.randomUUID() : v), z.uuid({ error: "formExpired" })),
});
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;
export type RegistrationField = keyof RegistrationInput;

export const OneTapInputSchema = RegistrationInputSchema.pick({ eventId: true, idempotencyKey: true });
export type OneTapInput = z.infer<typeof OneTapInputSchema>;

export const CancelInputSchema = z.object({
  code: z
    .string({ error: "required" })
    .transform(normalizeRegistrationCode)
    .pipe(
      z
        .string()
        .min(1, "required")
        .regex(/^[A-Z0-9]{4,16}$/, "codeInvalid"),
    ),
  phone,
});
export type CancelInput = z.infer<typeof CancelInputSchema>;
export type CancelField = keyof CancelInput;

/** A place taken: its code and status; `existing` when this very form had taken it already. */
export type Registered = { code: string; status: "confirmed" | "waitlist"; existing: boolean };

type Tx = Prisma.TransactionClient;

/**
 * Sign-ups per phone number: each one sends an SMS to that number, so someone typing a stranger's
 * phone into many classes must not flood it. Counted across classes and forms (key
 * `signup-phone:<keyed hash of the phone>`), on top of the per-address limit of the actions.
 */
export const PHONE_SIGNUP_LIMIT = { limit: 5, windowSeconds: 24 * 3600 } as const;

async function phoneWithinLimit(phone: string, now: Date): Promise<boolean> {
  const r = await hitRateLimit(
    `signup-phone:${rateLimitSubject(phone)}`,
    PHONE_SIGNUP_LIMIT.limit,
    PHONE_SIGNUP_LIMIT.windowSeconds,
    now,
  );
  return r.ok;
}

export type LockedEvent = {
  id: number;
  commune_id: number;
  partner_commune_id: number | null;
  capacity: number;
  status: string;
  starts_at: Date;
  title: string;
  place: string;
};

/** Locks the class row for the rest of the transaction: seat decisions on one class queue here. */
export async function lockEvent(tx: Tx, eventId: number): Promise<LockedEvent | null> {
  const rows = await tx.$queryRaw<LockedEvent[]>`
    SELECT id, commune_id, partner_commune_id, capacity, status::text AS status, starts_at, title, place
    FROM training_event WHERE id = ${eventId} FOR UPDATE`;
  return rows[0] ?? null;
}

const inCommune = (ev: LockedEvent, communeId: number) => ev.commune_id === communeId || ev.partner_commune_id === communeId;

const sms = createTranslator({ locale: "vi", messages: viSchedule, namespace: "scheduleSms" });
const smsFormat = createFormatter({ locale: "vi", timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });
const when = (d: Date) => smsFormat.dateTime(d, "stamp");

type Person = { fullName: string; phone: string; villageId: number | null; userId: number | null; memberId: number | null };

async function registerLocked(
  tx: Tx,
  communeId: number,
  eventId: number,
  idempotencyKey: string,
  person: Person,
  consentText: string,
  actorId: number | null,
  now: Date,
): Promise<Registered> {
  const ev = await lockEvent(tx, eventId);
  if (!ev || !inCommune(ev, communeId)) throw new Refusal(null, "classNotFound");
  // Checked after the lock: a double submit waits here for the first and then finds its row.
  const again = await tx.registration.findUnique({
    where: { idempotencyKey },
    select: { eventId: true, code: true, status: true },
  });
  if (again) {
    if (again.eventId !== eventId || again.status === "cancelled") throw new Refusal(null, "formExpired");
    return { code: again.code, status: again.status, existing: true };
  }
  if (!isOpenForSignUp({ status: ev.status, startsAt: ev.starts_at }, now)) throw new Refusal(null, "classClosed");
  const same = await tx.registration.findUnique({
    where: { eventId_phone: { eventId, phone: person.phone } },
    select: { id: true, status: true },
  });
  // Never reveal the code to whoever typed the number: they are told to use the code they received.
  if (same && same.status !== "cancelled") throw phoneRegistered(person);
  // A freed seat belongs to whoever is already waiting (promoteWaiting), never to a newcomer.
  const confirmed = await tx.registration.count({ where: { eventId, status: "confirmed" } });
  const waiting = await tx.registration.count({ where: { eventId, status: "waitlist" } });
  const status = confirmed < ev.capacity && waiting === 0 ? "confirmed" : "waitlist";
  const code = registrationCode();
  const data = {
    fullName: person.fullName,
    villageId: person.villageId,
    userId: person.userId,
    memberId: person.memberId,
    status,
    code,
    idempotencyKey,
    createdAt: now,
    cancelledAt: null,
    promotedAt: null,
  } as const;
  const reg = same
    ? // The same phone signing up again after cancelling: its row comes back, at the end of the queue.
      await tx.registration.update({ where: { id: same.id }, data, select: { id: true } })
    : await tx.registration.create({
        data: { ...data, communeId: ev.commune_id, eventId, phone: person.phone },
        select: { id: true },
      });
  await tx.consent.create({
    data: {
      communeId: ev.commune_id,
      registrationId: reg.id,
      userId: person.userId,
      memberId: person.memberId,
      purpose: CONSENT_KINDS.signup.purpose,
      granted: true,
      text: consentText,
      textKey: CONSENT_KINDS.signup.key,
      method: "online",
    },
  });
  await enqueueMessage(tx, {
    communeId: ev.commune_id,
    kind: "registration_confirmed",
    recipient: person.phone,
    ...written((p) => sms(status === "confirmed" ? "confirmed" : "waitlist", p), {
      title: ev.title,
      when: when(ev.starts_at),
      place: ev.place,
      code: showRegistrationCode(code),
    }),
    dedupeKey: `registration_confirmed:${reg.id}:${code}`,
  });
  await audit(
    tx,
    { id: actorId, communeId: ev.commune_id },
    "training.register",
    "registration",
    reg.id,
    { eventId, status },
    { after: { eventId, fullName: person.fullName, phone: person.phone, villageId: person.villageId, status } },
  );
  return { code, status, existing: false };
}

/** The phone has a place in this class already: beside the field the person typed it in, if they did. */
function phoneRegistered(person: Person): Refusal {
  return new Refusal(person.userId === null ? "phone" : null, "phoneRegistered");
}

/** Two sign-ups of one phone to one class at once: the second meets the unique key. */
async function registering(person: Person, fn: (tx: Tx) => Promise<Registered>): Promise<Registered> {
  try {
    return await db.$transaction(fn, { timeout: 15_000, maxWait: 15_000 });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw phoneRegistered(person);
    throw err;
  }
}

/**
 * An anonymous sign-up on the public schedule of `communeId` (the portal commune). `consentText`
 * is the consent sentence exactly as the form showed it; it is stored with the consent.
 */
export async function registerForClass(
  communeId: number,
  input: RegistrationInput,
  consentText: string,
  now: Date = new Date(),
): Promise<Registered> {
  if (input.villageId !== null) {
    const village = await db.village.findFirst({ where: { id: input.villageId, communeId }, select: { id: true } });
    if (!village) throw new Refusal("villageId", "villageRequired");
  }
  if (!(await phoneWithinLimit(input.phone, now))) throw new Refusal("phone", "phoneRateLimited");
  const person: Person = {
    fullName: input.fullName,
    phone: input.phone,
    villageId: input.villageId,
    userId: null,
    memberId: null,
  };
  return registering(person, (tx) =>
    registerLocked(tx, communeId, input.eventId, input.idempotencyKey, person, consentText, null, now),
  );
}

/**
 * A signed-in resident signs up in one tap: name and phone come from the account, the village
 * from their household when the account is linked to one.
 */
export async function registerMeForClass(
  user: CurrentUser,
  input: OneTapInput,
  consentText: string,
  now: Date = new Date(),
): Promise<Registered> {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  if (!user.phone) throw new Refusal(null, "noPhone");
  if (!(await phoneWithinLimit(user.phone, now))) throw new Refusal(null, "phoneRateLimited");
  const member = user.memberId
    ? await db.member.findFirst({
        where: { id: user.memberId, communeId },
        select: { id: true, household: { select: { villageId: true } } },
      })
    : null;
  const person: Person = {
    fullName: user.name,
    phone: user.phone,
    villageId: member?.household.villageId ?? null,
    userId: user.id,
    memberId: member?.id ?? null,
  };
  return registering(person, (tx) =>
    registerLocked(tx, communeId, input.eventId, input.idempotencyKey, person, consentText, user.id, now),
  );
}

/**
 * Fills free seats from the waiting list, first come first served; each promoted person gets a
 * message. The caller must hold the class row lock (lockEvent) in the same transaction.
 */
export async function promoteWaiting(tx: Tx, ev: LockedEvent, now: Date): Promise<number> {
  if (!isOpenForSignUp({ status: ev.status, startsAt: ev.starts_at }, now)) return 0;
  const confirmed = await tx.registration.count({ where: { eventId: ev.id, status: "confirmed" } });
  const free = ev.capacity - confirmed;
  if (free <= 0) return 0;
  const waiting = await tx.registration.findMany({
    where: { eventId: ev.id, status: "waitlist" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: free,
    select: { id: true, phone: true, code: true },
  });
  for (const w of waiting) {
    await tx.registration.update({ where: { id: w.id }, data: { status: "confirmed", promotedAt: now } });
    await enqueueMessage(tx, {
      communeId: ev.commune_id,
      kind: "registration_promoted",
      recipient: w.phone,
      ...written((p) => sms("promoted", p), {
        title: ev.title,
        when: when(ev.starts_at),
        place: ev.place,
        code: showRegistrationCode(w.code),
      }),
      dedupeKey: `registration_promoted:${w.id}:${w.code}`,
    });
    await audit(tx, { id: null, communeId: ev.commune_id }, "training.promote", "registration", w.id, undefined, {
      before: { status: "waitlist" },
      after: { status: "confirmed" },
    });
  }
  return waiting.length;
}

/**
 * Cancels a place with its code and the phone it was made with (both must match: the code alone
 * could be read over someone's shoulder). A freed seat goes to the first waiting person. Refused
 * above the form ("codeNotFound", "classClosed"), never beside one field: which of the two did
 * not match is not said.
 */
export async function cancelRegistration(
  communeId: number,
  input: CancelInput,
  now: Date = new Date(),
): Promise<{ alreadyCancelled: boolean; promoted: number }> {
  const found = await db.registration.findUnique({
    where: { code: input.code },
    select: { id: true, phone: true, eventId: true },
  });
  // One message for a wrong code and a wrong phone: it must not confirm that a code exists.
  if (!found || found.phone !== input.phone) throw new Refusal(null, "codeNotFound");
  return db.$transaction(
    async (tx) => {
      const ev = await lockEvent(tx, found.eventId);
      if (!ev || !inCommune(ev, communeId)) throw new Refusal(null, "codeNotFound");
      const reg = await tx.registration.findUniqueOrThrow({ where: { id: found.id }, select: { status: true } });
      if (reg.status === "cancelled") return { alreadyCancelled: true, promoted: 0 };
      if (ev.status !== "scheduled" || ev.starts_at <= now) throw new Refusal(null, "classClosed");
      await tx.registration.update({ where: { id: found.id }, data: { status: "cancelled", cancelledAt: now } });
      await audit(tx, { id: null, communeId: ev.commune_id }, "training.cancel", "registration", found.id, undefined, {
        before: { status: reg.status },
        after: { status: "cancelled" },
      });
      const promoted = reg.status === "confirmed" ? await promoteWaiting(tx, ev, now) : 0;
      return { alreadyCancelled: false, promoted };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

/**
 * What the confirmation page shows for a code: the class, the status, the place in the queue. No
 * name or phone: whoever holds the code sees only what the code already stands for.
 */
export async function getRegistrationByCode(communeId: number, rawCode: string) {
  const code = normalizeRegistrationCode(rawCode);
  if (!/^[A-Z0-9]{4,16}$/.test(code)) return null;
  const reg = await db.registration.findFirst({
    where: { code, event: { OR: [{ communeId }, { partnerCommuneId: communeId }] } },
    select: {
      id: true,
      code: true,
      status: true,
      createdAt: true,
      eventId: true,
      event: { select: { id: true, title: true, startsAt: true, endsAt: true, place: true, status: true } },
    },
  });
  if (!reg) return null;
  const position =
    reg.status === "waitlist"
      ? (await db.registration.count({
          where: {
            eventId: reg.eventId,
            status: "waitlist",
            OR: [{ createdAt: { lt: reg.createdAt } }, { createdAt: reg.createdAt, id: { lt: reg.id } }],
          },
        })) + 1
      : null;
  return { code: reg.code, status: reg.status, event: reg.event, position };
}

/** The resident's own registration for one class, if any (by account or by the account's phone). */
export async function getMyRegistration(user: CurrentUser, eventId: number) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  return db.registration.findFirst({
    where: {
      eventId,
      status: { not: "cancelled" },
      event: { OR: [{ communeId }, { partnerCommuneId: communeId }] },
      OR: [{ userId: user.id }, ...(user.phone ? [{ phone: user.phone }] : [])],
    },
    select: { code: true, status: true },
  });
}
