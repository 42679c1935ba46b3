import { db } from "@/lib/db";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import { maskPhone } from "@/lib/outbox/senders";

export const OUTBOX_PAGE_SIZE = 25;
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["pending", "sent", "logged", "failed"];

/** The commune's outgoing messages for the admin, newest first; phone numbers masked. */
export async function listOutbox(user: CurrentUser, opts: { page?: number; status?: string }) {
  requireRole(user, ["admin"]);
  const communeId = communeOf(user);
  const status = OUTBOX_STATUSES.find((s) => s === opts.status);
  const where = { communeId, ...(status ? { status } : {}) };
  const page = Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const [total, rows] = await Promise.all([
    db.outboxMessage.count({ where }),
    db.outboxMessage.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        channel: true,
        recipient: true,
        body: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, recipient: maskPhone(r.recipient) })),
    total,
    page,
    status: status ?? null,
    pageCount: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
  };
}
