// Running classes (officials, admins): create, edit (version column), cancel, repeat. Refusals are
// keys in `trainingErrors`: a field's beside it, "notFound", "stale", "cancelledClass" above the form.
import { z } from "zod";
import { db } from "@/lib/db";
import { audit, changes } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { localToUtc, utcToLocal } from "@/lib/format/dates";
import { enqueueMessage, written } from "@/lib/outbox/enqueue";
import { smsParts, smsText } from "@/lib/outbox/sms-text";
import { lockEvent, promoteWaiting } from "@/lib/training/registrations";
import { isDbId } from "@/lib/validation/db-id";
import { parseFields, Refusal } from "@/lib/validation/refusal";
import { EventSchema, RepeatSchema, type EventField, type EventInput } from "@/lib/training/schemas";
import { ownEvent } from "@/lib/training/queries";
import { sms, smsWhen } from "@/lib/training/sms";

/** Checks the ids of a parsed form belong where they should; refuses each one that does not. */
async function checkReferences(communeId: number, v: z.output<typeof EventSchema>): Promise<void> {
  const errors: Partial<Record<EventField, string>> = {};
  const topic = await db.trainingTopic.findFirst({ where: { id: v.topicId, communeId, active: true }, select: { id: true } });
  if (!topic) errors.topicId = "topicInvalid";
  if (v.villageId) {
    const village = await db.village.findFirst({ where: { id: v.villageId, communeId }, select: { id: true } });
    if (!village) errors.villageId = "villageInvalid";
  }
  if (v.partnerCommuneId) {
    const partner = await db.commune.findUnique({ where: { id: v.partnerCommuneId }, select: { id: true } });
    if (!partner || partner.id === communeId) errors.partnerCommuneId = "partnerInvalid";
  }
  if (Object.keys(errors).length) throw Refusal.fields(errors);
}

function eventData(v: z.output<typeof EventSchema>) {
  return {
    topicId: v.topicId,
    title: v.title,
    audience: v.audience,
    description: v.description,
    place: v.place,
    organiser: v.organiser,
    partnerCommuneId: v.partnerCommuneId ?? null,
    villageId: v.villageId ?? null,
    capacity: v.capacity,
    startsAt: localToUtc(v.date, v.startTime),
    endsAt: localToUtc(v.date, v.endTime),
  };
}

export async function createEvent(user: CurrentUser, input: EventInput): Promise<{ id: number }> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const v = parseFields(EventSchema, input);
  await checkReferences(communeId, v);
  const id = await db.$transaction(async (tx) => {
    const ev = await tx.trainingEvent.create({ data: { communeId, ...eventData(v) }, select: { id: true } });
    await audit(tx, user, "training_event.create", "training_event", ev.id, { title: v.title }, { after: eventData(v) });
    return ev.id;
  });
  return { id };
}

const EVENT_AUDIT_FIELDS = [
  "topicId",
  "title",
  "audience",
  "description",
  "place",
  "organiser",
  "partnerCommuneId",
  "villageId",
  "capacity",
  "startsAt",
  "endsAt",
] as const;

export async function updateEvent(user: CurrentUser, id: number, version: number, input: EventInput): Promise<{ id: number }> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const existing = await ownEvent(db, communeId, id);
  if (!existing) throw new Refusal(null, "notFound");
  if (!isDbId(version)) throw new Refusal(null, "stale");
  if (existing.status === "cancelled") throw new Refusal(null, "cancelledClass");
  const v = parseFields(EventSchema, input);
  await checkReferences(communeId, v);
  return db.$transaction(
    async (tx) => {
      // The same lock as sign-ups and cancellations: seats are decided one at a time per class.
      await lockEvent(tx, id);
      const { count } = await tx.trainingEvent.updateMany({
        where: { id, communeId, version },
        data: { ...eventData(v), version: { increment: 1 } },
      });
      if (count === 0) throw new Refusal(null, "stale");
      const { changed, ...diff } = changes(existing, eventData(v), EVENT_AUDIT_FIELDS);
      await audit(tx, user, "training_event.update", "training_event", id, { version, changed }, diff);
      // More seats (or any free seat): the waiting list moves up, in order, each with a message.
      const locked = await lockEvent(tx, id);
      if (locked) await promoteWaiting(tx, locked, new Date());
      return { id };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

/** Who a cancellation tells: everyone signed up or waiting. */
const TOLD_OF_CANCELLATION = ["confirmed", "waitlist"] as const;

/** The cancellation message of a class, as written. */
function cancellationMessage(ev: { title: string; startsAt: Date }) {
  return written((p) => sms("cancelled", p), { title: ev.title, when: smsWhen(ev.startsAt) });
}

/**
 * What cancelling the class would send, for the official to see before a bulk send: the text as
 * it goes (without tone marks), its parts, how many people get it, and the parts in all.
 */
export function cancellationPreview(ev: { title: string; startsAt: Date; registrations: { status: string }[] }) {
  const text = smsText(cancellationMessage(ev).body);
  const { parts, encoding, length } = smsParts(text);
  const recipients = ev.registrations.filter((r) => (TOLD_OF_CANCELLATION as readonly string[]).includes(r.status)).length;
  return { text, parts, encoding, length, recipients, totalParts: parts * recipients };
}

/**
 * Cancels a class and tells everyone signed up (one outbox message per registration; a repeated
 * call adds none: dedupeKey `class_cancelled:<eventId>:<registrationId>`).
 */
export async function cancelEvent(user: CurrentUser, id: number, version: number): Promise<{ id: number }> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const existing = await ownEvent(db, communeId, id);
  if (!existing) throw new Refusal(null, "notFound");
  if (!isDbId(version)) throw new Refusal(null, "stale");
  return db.$transaction(async (tx) => {
    if (existing.status !== "cancelled") {
      const { count } = await tx.trainingEvent.updateMany({
        where: { id, communeId, version },
        data: { status: "cancelled", version: { increment: 1 } },
      });
      if (count === 0) throw new Refusal(null, "stale");
    }
    const regs = await tx.registration.findMany({
      where: { eventId: id, status: { in: [...TOLD_OF_CANCELLATION] } },
      select: { id: true, phone: true, fullName: true },
    });
    let queued = 0;
    for (const r of regs) {
      const added = await enqueueMessage(tx, {
        communeId,
        kind: "class_cancelled",
        recipient: r.phone,
        ...cancellationMessage(existing),
        dedupeKey: `class_cancelled:${id}:${r.id}`,
      });
      if (added) queued++;
    }
    await audit(tx, user, "training_event.cancel", "training_event", id, { messages: queued });
    return { id };
  });
}

/** Copies a class (topic, place, times of day…) to a new date; registrations are not copied. */
export async function repeatEvent(user: CurrentUser, id: number, input: { date: unknown }): Promise<{ id: number }> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const { date } = parseFields(RepeatSchema, input);
  const existing = await ownEvent(db, communeId, id);
  if (!existing) throw new Refusal(null, "notFound");
  const start = utcToLocal(existing.startsAt);
  const end = utcToLocal(existing.endsAt);
  const startsAt = localToUtc(date, start.time);
  if (Number.isNaN(startsAt.getTime())) throw new Refusal("date", "dateInvalid");
  const duration = existing.endsAt.getTime() - existing.startsAt.getTime();
  void end;
  const newId = await db.$transaction(async (tx) => {
    const ev = await tx.trainingEvent.create({
      data: {
        communeId,
        partnerCommuneId: existing.partnerCommuneId,
        topicId: existing.topicId,
        villageId: existing.villageId,
        title: existing.title,
        audience: existing.audience,
        description: existing.description,
        place: existing.place,
        organiser: existing.organiser,
        capacity: existing.capacity,
        startsAt,
        endsAt: new Date(startsAt.getTime() + duration),
      },
      select: { id: true },
    });
    await audit(tx, user, "training_event.repeat", "training_event", ev.id, { from: id });
    return ev.id;
  });
  return { id: newId };
}
