// Running classes (officials, admins): create, edit (version column), cancel, repeat; the list and
// the roster. Start and end are entered in local time (Asia/Ho_Chi_Minh, UTC+7 all year).
import { createTranslator } from "next-intl";
import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { audit, changes } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { addDays, localToUtc, todayInVietnam, utcToLocal, vietnamDayStart } from "@/lib/format/dates";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { lockEvent, promoteWaiting } from "@/lib/training/registrations";
import type { Prisma } from "@/lib/generated/prisma/client";
import viTraining from "@/messages/vi/training.json";
import { plainText } from "@/lib/validation/text";
import { dbId, isDbId } from "@/lib/validation/db-id";

export const PAGE_SIZE = 20;

export type Result<F extends string = string> =
  { ok: true; id: number } | { ok: false; fieldErrors?: Partial<Record<F, string>>; formError?: string };

const optionalId = (error: string) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), dbId(error).optional());

export const EventSchema = z
  .object({
    topicId: dbId("topicInvalid"),
    title: plainText({ message: "required" }).min(3, "titleShort").max(200, "titleLong"),
    audience: z.enum(["residents", "officials", "workers", "everyone"], { message: "audienceInvalid" }),
    description: plainText({ message: "required" }).max(2000, "descriptionLong").default(""),
    place: plainText({ message: "required" }).min(2, "required").max(300, "placeLong"),
    organiser: plainText({ message: "required" }).min(2, "required").max(200, "organiserLong"),
    partnerCommuneId: optionalId("partnerInvalid"),
    villageId: optionalId("villageInvalid"),
    capacity: z.coerce
      .number({ message: "capacityInvalid" })
      .int("capacityInvalid")
      .min(1, "capacityInvalid")
      .max(2000, "capacityInvalid"),
    date: z.string({ message: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid"),
    startTime: z.string({ message: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeInvalid"),
    endTime: z.string({ message: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeInvalid"),
  })
  .refine((v) => !Number.isNaN(localToUtc(v.date, v.startTime).getTime()), { path: ["date"], message: "dateInvalid" })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "endBeforeStart" });

/** Raw form input: validated here (ids and strings from the client are hostile). */
export type EventInput = Partial<Record<EventField, unknown>>;

export type EventField = keyof z.output<typeof EventSchema>;
export const EVENT_FIELDS = [
  "topicId",
  "title",
  "audience",
  "description",
  "place",
  "organiser",
  "partnerCommuneId",
  "villageId",
  "capacity",
  "date",
  "startTime",
  "endTime",
] as const satisfies readonly EventField[];

function fieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const f = String(issue.path[0] ?? "") as F;
    if (f && !out[f]) out[f] = issue.message;
  }
  return out;
}

/** Checks the ids of a parsed form belong where they should; returns field errors if not. */
async function checkReferences(communeId: number, v: z.output<typeof EventSchema>) {
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
  return errors;
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

export async function createEvent(user: CurrentUser, input: EventInput): Promise<Result<EventField>> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const parsed = EventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const refErrors = await checkReferences(communeId, parsed.data);
  if (Object.keys(refErrors).length) return { ok: false, fieldErrors: refErrors };
  const id = await db.$transaction(async (tx) => {
    const ev = await tx.trainingEvent.create({ data: { communeId, ...eventData(parsed.data) }, select: { id: true } });
    await audit(
      tx,
      user,
      "training_event.create",
      "training_event",
      ev.id,
      { title: parsed.data.title },
      { after: eventData(parsed.data) },
    );
    return ev.id;
  });
  return { ok: true, id };
}

/** The class if it belongs to the user's commune (ids from the client are hostile). */
async function ownEvent(client: DbClient, communeId: number, id: number) {
  if (!isDbId(id)) return null;
  return (client as typeof db).trainingEvent.findFirst({ where: { id, communeId } });
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

export async function updateEvent(
  user: CurrentUser,
  id: number,
  version: number,
  input: EventInput,
): Promise<Result<EventField>> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const existing = await ownEvent(db, communeId, id);
  if (!existing) return { ok: false, formError: "notFound" };
  if (!isDbId(version)) return { ok: false, formError: "stale" };
  if (existing.status === "cancelled") return { ok: false, formError: "cancelledClass" };
  const parsed = EventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const refErrors = await checkReferences(communeId, parsed.data);
  if (Object.keys(refErrors).length) return { ok: false, fieldErrors: refErrors };
  return db.$transaction(
    async (tx) => {
      // The same lock as sign-ups and cancellations: seats are decided one at a time per class.
      await lockEvent(tx, id);
      const { count } = await tx.trainingEvent.updateMany({
        where: { id, communeId, version },
        data: { ...eventData(parsed.data), version: { increment: 1 } },
      });
      if (count === 0) return { ok: false as const, formError: "stale" };
      const { changed, ...diff } = changes(existing, eventData(parsed.data), EVENT_AUDIT_FIELDS);
      await audit(tx, user, "training_event.update", "training_event", id, { version, changed }, diff);
      // More seats (or any free seat): the waiting list moves up, in order, each with a message.
      const locked = await lockEvent(tx, id);
      if (locked) await promoteWaiting(tx, locked, new Date());
      return { ok: true as const, id };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

const sms = createTranslator({ locale: "vi", messages: { trainingSms: viTraining.trainingSms }, namespace: "trainingSms" });

function smsWhen(d: Date): string {
  const { date, time } = utcToLocal(d);
  const [y, m, day] = date.split("-");
  return `${time} ${day}/${m}/${y}`;
}

/**
 * Cancels a class and tells everyone signed up (one outbox message per registration; a repeated
 * call adds none: dedupeKey `class_cancelled:<eventId>:<registrationId>`).
 */
export async function cancelEvent(user: CurrentUser, id: number, version: number): Promise<Result> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const existing = await ownEvent(db, communeId, id);
  if (!existing) return { ok: false, formError: "notFound" };
  if (!isDbId(version)) return { ok: false, formError: "stale" };
  return db.$transaction(async (tx) => {
    if (existing.status !== "cancelled") {
      const { count } = await tx.trainingEvent.updateMany({
        where: { id, communeId, version },
        data: { status: "cancelled", version: { increment: 1 } },
      });
      if (count === 0) return { ok: false as const, formError: "stale" };
    }
    const regs = await tx.registration.findMany({
      where: { eventId: id, status: { in: ["confirmed", "waitlist"] } },
      select: { id: true, phone: true, fullName: true },
    });
    let queued = 0;
    for (const r of regs) {
      const added = await enqueueMessage(tx, {
        communeId,
        kind: "class_cancelled",
        recipient: r.phone,
        body: sms("cancelled", { title: existing.title, when: smsWhen(existing.startsAt) }),
        dedupeKey: `class_cancelled:${id}:${r.id}`,
      });
      if (added) queued++;
    }
    await audit(tx, user, "training_event.cancel", "training_event", id, { messages: queued });
    return { ok: true as const, id };
  });
}

export const RepeatSchema = z.object({ date: z.string({ message: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid") });

/** Copies a class (topic, place, times of day…) to a new date; registrations are not copied. */
export async function repeatEvent(user: CurrentUser, id: number, input: { date: unknown }): Promise<Result<"date">> {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const parsed = RepeatSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const existing = await ownEvent(db, communeId, id);
  if (!existing) return { ok: false, formError: "notFound" };
  const start = utcToLocal(existing.startsAt);
  const end = utcToLocal(existing.endsAt);
  const startsAt = localToUtc(parsed.data.date, start.time);
  if (Number.isNaN(startsAt.getTime())) return { ok: false, fieldErrors: { date: "dateInvalid" } };
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
  return { ok: true, id: newId };
}

export type EventListRow = Awaited<ReturnType<typeof listEvents>>["rows"][number];

/**
 * The commune's classes (its own and those it co-organises), upcoming or past, a page at a time;
 * `{ all: true }` (server code only: exports) every one in one query, up to EXPORT_MAX_ROWS.
 */
export async function listEvents(
  user: CurrentUser,
  opts: { when: "upcoming" | "past"; page?: number },
  { all = false }: ListRows = {},
) {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const now = new Date();
  const page = all ? 1 : Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const where: Prisma.TrainingEventWhereInput = {
    OR: [{ communeId }, { partnerCommuneId: communeId }],
    ...(opts.when === "upcoming" ? { endsAt: { gte: now } } : { endsAt: { lt: now } }),
  };
  const [total, rows] = await Promise.all([
    db.trainingEvent.count({ where }),
    db.trainingEvent.findMany({
      where,
      orderBy: { startsAt: opts.when === "upcoming" ? "asc" : "desc" },
      skip: (page - 1) * PAGE_SIZE,
      take: all ? EXPORT_MAX_ROWS : PAGE_SIZE,
      select: {
        id: true,
        communeId: true,
        title: true,
        place: true,
        startsAt: true,
        endsAt: true,
        capacity: true,
        status: true,
        topic: { select: { nameVi: true, nameEn: true } },
        _count: { select: { registrations: { where: { status: "confirmed" } }, attendances: { where: { attended: true } } } },
      },
    }),
  ]);
  return { rows, total, page, pageCount: all ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** One class of the user's commune with its roster; viewing the roster is audited. */
export async function getEventRoster(user: CurrentUser, id: number) {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  if (!isDbId(id)) return null;
  const event = await db.trainingEvent.findFirst({
    where: { id, communeId },
    include: {
      topic: { select: { id: true, nameVi: true, nameEn: true, skill: { select: { nameVi: true, nameEn: true } } } },
      village: { select: { name: true } },
      partnerCommune: { select: { name: true } },
      registrations: {
        orderBy: [{ status: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          fullName: true,
          phone: true,
          status: true,
          code: true,
          memberId: true,
          createdAt: true,
          attendance: { select: { attended: true, markedAt: true } },
        },
      },
      attendances: {
        where: { registrationId: null },
        orderBy: { markedAt: "asc" },
        select: { id: true, fullName: true, attended: true, markedAt: true },
      },
    },
  });
  if (!event) return null;
  await audit(db, user, "training_event.view_roster", "training_event", id);
  return event;
}

/** The class for the edit form (no personal data). */
export async function getEventForEdit(user: CurrentUser, id: number) {
  requireCan(user, "training:run");
  return ownEvent(db, communeOf(user), id);
}

/** Choices for the class form: topics, villages, other communes (co-organiser). */
export async function eventFormOptions(user: CurrentUser) {
  requireCan(user, "training:run");
  const communeId = communeOf(user);
  const [topics, villages, communes] = await Promise.all([
    db.trainingTopic.findMany({
      where: { communeId, active: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, nameVi: true, nameEn: true },
    }),
    db.village.findMany({ where: { communeId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.commune.findMany({ where: { id: { not: communeId } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { topics, villages, communes };
}

/**
 * For the worker (no user): a reminder for each confirmed registration of every class that starts
 * tomorrow in Vietnam. dedupeKey `class_reminder:<eventId>:<registrationId>` makes it run-safe.
 */
export async function createClassReminders(now: Date = new Date()): Promise<number> {
  const from = vietnamDayStart(addDays(todayInVietnam(now), 1));
  const to = addDays(from, 1);
  const events = await db.trainingEvent.findMany({
    where: { status: "scheduled", startsAt: { gte: from, lt: to } },
    select: {
      id: true,
      communeId: true,
      title: true,
      place: true,
      startsAt: true,
      registrations: { where: { status: "confirmed" }, select: { id: true, phone: true, code: true } },
    },
  });
  let added = 0;
  for (const ev of events) {
    // 08:00 in Vietnam the day before the class, or now when that has passed: no SMS at night.
    const eightAm = new Date(vietnamDayStart(addDays(todayInVietnam(ev.startsAt), -1)).getTime() + 8 * 3_600_000);
    const sendAfter = eightAm > now ? eightAm : now;
    await db.$transaction(async (tx) => {
      for (const r of ev.registrations) {
        const ok = await enqueueMessage(tx, {
          communeId: ev.communeId,
          kind: "class_reminder",
          recipient: r.phone,
          body: sms("reminder", { title: ev.title, when: smsWhen(ev.startsAt), place: ev.place, code: r.code }),
          dedupeKey: `class_reminder:${ev.id}:${r.id}`,
          sendAfter,
        });
        if (ok) added++;
      }
    });
  }
  return added;
}
