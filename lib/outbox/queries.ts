import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import { maskPhone } from "@/lib/outbox/senders";
import { smsParts } from "@/lib/outbox/sms-text";

export const OUTBOX_PAGE_SIZE = 25;
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["pending", "sent", "logged", "failed"];

/**
 * The commune's outgoing messages for the admin, newest first; phone numbers masked. A page at a
 * time, or with `{ all: true }` (server code only: exports) every one, up to EXPORT_MAX_ROWS.
 */
export async function listOutbox(user: CurrentUser, opts: { page?: number; status?: string }, { all = false }: ListRows = {}) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const status = OUTBOX_STATUSES.find((s) => s === opts.status);
  const where = { communeId, ...(status ? { status } : {}) };
  const page = all ? 1 : Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const size = all ? EXPORT_MAX_ROWS : OUTBOX_PAGE_SIZE;
  const [total, rows] = await Promise.all([
    db.outboxMessage.count({ where }),
    db.outboxMessage.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * size,
      take: size,
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
    // Parts as a gateway bills them (lib/outbox/sms-text.ts): a message stored before bodies lost
    // their tone marks counts in UCS-2.
    rows: rows.map((r) => ({ ...r, recipient: maskPhone(r.recipient), parts: smsParts(r.body).parts })),
    total,
    page,
    status: status ?? null,
    pageCount: Math.max(1, Math.ceil(total / size)),
  };
}
