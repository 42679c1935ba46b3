// Classes as their pages list them: the list, a class's roster, the edit form's values and choices.
import { db, type DbClient } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isDbId } from "@/lib/validation/db-id";

export const PAGE_SIZE = 20;

/** The class if it belongs to the user's commune (ids from the client are hostile). */
export async function ownEvent(client: DbClient, communeId: number, id: number) {
  if (!isDbId(id)) return null;
  return (client as typeof db).trainingEvent.findFirst({ where: { id, communeId } });
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
