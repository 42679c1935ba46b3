import { z } from "zod";
import { readDb } from "@/lib/db/reads";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TrainingAudience } from "@/lib/generated/prisma/enums";
import { dbId, isDbId } from "@/lib/validation/db-id";

// The public schedule: anyone may read it, so it selects no personal data at all, only classes and
// counts. Every query is scoped to the portal commune (its own classes and those it co-hosts).

export const AUDIENCES = ["residents", "officials", "workers", "everyone"] as const satisfies readonly TrainingAudience[];
export const SCHEDULE_PAGE_SIZE = 10;

const optionalInt = z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), dbId().optional());

/** The schedule's URL parameters; anything malformed is ignored rather than refused. */
export const ScheduleFilterSchema = z.object({
  topic: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/)
    .optional()
    .catch(undefined),
  village: optionalInt.catch(undefined),
  audience: z.enum(AUDIENCES).optional().catch(undefined),
  page: optionalInt.catch(undefined),
});
export type ScheduleFilter = z.infer<typeof ScheduleFilterSchema>;

/** First value of each URL parameter. */
export function firstParams(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function communeScope(communeId: number): Prisma.TrainingEventWhereInput {
  return { OR: [{ communeId }, { partnerCommuneId: communeId }] };
}

const CLASS_SELECT = {
  id: true,
  title: true,
  description: true,
  audience: true,
  place: true,
  organiser: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  status: true,
  communeId: true,
  // A calendar's SEQUENCE and LAST-MODIFIED, so a moved class updates in people's calendars.
  version: true,
  updatedAt: true,
  topic: { select: { key: true, nameVi: true, nameEn: true } },
  village: { select: { id: true, name: true } },
  partnerCommune: { select: { name: true } },
  commune: { select: { name: true } },
} satisfies Prisma.TrainingEventSelect;

async function withSeats<T extends { id: number; capacity: number }>(classes: T[]) {
  if (classes.length === 0) return [];
  const counts = await readDb.registration.groupBy({
    by: ["eventId", "status"],
    where: { eventId: { in: classes.map((c) => c.id) }, status: { in: ["confirmed", "waitlist"] } },
    _count: { _all: true },
  });
  const of = (id: number, status: string) => counts.find((c) => c.eventId === id && c.status === status)?._count._all ?? 0;
  return classes.map((c) => {
    const confirmed = of(c.id, "confirmed");
    return { ...c, confirmed, waiting: of(c.id, "waitlist"), seatsLeft: Math.max(0, c.capacity - confirmed) };
  });
}

/** Classes still to come or under way: scheduled, not yet ended. */
const upcoming = (now: Date): Prisma.TrainingEventWhereInput => ({ status: "scheduled", endsAt: { gte: now } });

/** Upcoming classes of the portal commune, by date, filtered and paginated. */
export async function listSchedule(communeId: number, filter: ScheduleFilter, now: Date = new Date()) {
  const where: Prisma.TrainingEventWhereInput = {
    AND: [
      communeScope(communeId),
      upcoming(now),
      filter.topic ? { topic: { key: filter.topic } } : {},
      filter.village ? { villageId: filter.village } : {},
      // "For everyone" classes suit every audience.
      filter.audience ? { audience: { in: filter.audience === "everyone" ? ["everyone"] : [filter.audience, "everyone"] } } : {},
    ],
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, rows] = await Promise.all([
    readDb.trainingEvent.count({ where }),
    readDb.trainingEvent.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * SCHEDULE_PAGE_SIZE,
      take: SCHEDULE_PAGE_SIZE,
      select: CLASS_SELECT,
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE)), classes: await withSeats(rows) };
}

/** The next few classes of the portal commune, for its home page: as the schedule lists them, with seats. */
export async function listUpcomingClasses(communeId: number, take = 6, now: Date = new Date()) {
  const rows = await readDb.trainingEvent.findMany({
    where: { AND: [communeScope(communeId), upcoming(now)] },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take,
    select: CLASS_SELECT,
  });
  return withSeats(rows);
}

/** One class of the portal commune (any status), or null when the id is not one of its classes. */
export async function getPublicClass(communeId: number, id: number) {
  if (!isDbId(id)) return null;
  const row = await readDb.trainingEvent.findFirst({ where: { AND: [{ id }, communeScope(communeId)] }, select: CLASS_SELECT });
  if (!row) return null;
  return (await withSeats([row]))[0];
}

export type PublicClass = NonNullable<Awaited<ReturnType<typeof getPublicClass>>>;

/** Whether a class still takes sign-ups: scheduled and not yet started. */
export function isOpenForSignUp(c: { status: string; startsAt: Date }, now: Date = new Date()): boolean {
  return c.status === "scheduled" && c.startsAt > now;
}

/** The choices for the schedule's filters and the sign-up form's village list. */
export async function getScheduleChoices(communeId: number) {
  const [topics, villages] = await Promise.all([
    readDb.trainingTopic.findMany({
      where: { communeId, active: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { key: true, nameVi: true, nameEn: true },
    }),
    readDb.village.findMany({ where: { communeId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { topics, villages };
}

/** Classes for the public calendar feed: upcoming ones, and recent ones so calendars keep them. */
export async function listCalendarClasses(communeId: number, now: Date = new Date()) {
  return readDb.trainingEvent.findMany({
    where: { AND: [communeScope(communeId), { startsAt: { gte: new Date(now.getTime() - 30 * 86_400_000) } }] },
    orderBy: { startsAt: "asc" },
    take: 500,
    select: CLASS_SELECT,
  });
}

export type CalendarClass = Awaited<ReturnType<typeof listCalendarClasses>>[number];
