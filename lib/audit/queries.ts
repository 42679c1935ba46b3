import { z } from "zod";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { addDays, localToUtc } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(100).catch("").default(""),
  entity: z.string().trim().max(50).catch("").default(""),
  action: z.string().trim().max(50).catch("").default(""),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

const PAGE_SIZE = 50;

/**
 * The commune's audit trail for its administrator, newest first, filtered by who (name or
 * username), what (entity, action) and when (dates in Vietnam). Read-only: the application has no
 * code path that edits or deletes audit rows. `{ all: true }` (server code only: exports) returns
 * every matching row in one query, up to EXPORT_MAX_ROWS.
 */
export async function listAuditLog(
  user: CurrentUser,
  query: Partial<Record<keyof AuditQuery, unknown>>,
  { all = false }: ListRows = {},
) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const parsed = AuditQuerySchema.parse(query);
  const q = all ? { ...parsed, page: 1 } : parsed;
  const where: Prisma.AuditLogWhereInput = {
    communeId,
    ...(q.entity ? { entity: q.entity } : {}),
    ...(q.action ? { action: { contains: q.action } } : {}),
    ...(q.actor
      ? { actor: { OR: [{ name: { contains: q.actor, mode: "insensitive" } }, { username: { equals: q.actor.toLowerCase() } }] } }
      : {}),
    ...(q.from || q.to
      ? {
          at: {
            // A day in Vietnam runs from 17:00 UTC the day before.
            ...(q.from ? { gte: localToUtc(q.from) } : {}),
            ...(q.to ? { lt: addDays(localToUtc(q.to), 1) } : {}),
          },
        }
      : {}),
  };
  const [rows, total, entities] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * PAGE_SIZE,
      take: all ? EXPORT_MAX_ROWS : PAGE_SIZE,
      select: {
        id: true,
        at: true,
        action: true,
        entity: true,
        entityId: true,
        details: true,
        before: true,
        after: true,
        ip: true,
        userAgent: true,
        actor: { select: { name: true, role: true } },
      },
    }),
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where: { communeId }, distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" } }),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      id: r.id.toString(),
      details: r.details === null ? "" : JSON.stringify(r.details),
      changes: fieldChanges(r.before, r.after),
    })),
    total,
    page: q.page,
    pages: all ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE)),
    entities: entities.map((e) => e.entity),
    query: q,
  };
}

const asObject = (v: Prisma.JsonValue | null): Record<string, Prisma.JsonValue> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Prisma.JsonValue>) : {};
const show = (v: Prisma.JsonValue | undefined) =>
  v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);

/** Each field the write touched, with its value before and after (empty when there was none). */
export function fieldChanges(before: Prisma.JsonValue | null, after: Prisma.JsonValue | null) {
  const b = asObject(before);
  const a = asObject(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((field) => ({
    field,
    before: show(b[field]),
    after: show(a[field]),
  }));
}
