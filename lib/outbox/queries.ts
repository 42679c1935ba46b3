import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import { maskPhone } from "@/lib/outbox/senders";
import { smsParts } from "@/lib/outbox/sms-text";
import { dailyPartCap, partsSentToday } from "@/lib/outbox/cap";
import { MESSAGE_CHANNELS } from "@/lib/outbox/channels";

export const OUTBOX_PAGE_SIZE = 25;
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["pending", "sent", "delivered", "logged", "failed"];

/** The commune's SMS parts today against its daily cap (lib/outbox/cap.ts), for the admin's notice. */
export async function getSmsCapToday(user: CurrentUser, now: Date = new Date()) {
  requireCan(user, "commune:administer");
  const limit = dailyPartCap();
  if (limit === null) return null;
  const used = await partsSentToday(db, communeOf(user), now);
  return { used, limit, reached: used >= limit };
}

/**
 * The commune's outgoing messages for the admin, newest first; phone numbers masked. A page at a
 * time, or with `{ all: true }` (server code only: exports) every one, up to EXPORT_MAX_ROWS.
 */
export async function listOutbox(
  user: CurrentUser,
  opts: { page?: number; status?: string; channel?: string },
  { all = false }: ListRows = {},
) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const status = OUTBOX_STATUSES.find((s) => s === opts.status);
  const channel = MESSAGE_CHANNELS.find((c) => c === opts.channel);
  const where = { communeId, ...(status ? { status } : {}), ...(channel ? { channel } : {}) };
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
        sentAt: true,
        deliveredAt: true,
        parts: true,
        providerId: true,
      },
    }),
  ]);
  return {
    // Parts as a gateway bills them (lib/outbox/sms-text.ts): a message stored before bodies lost
    // their tone marks counts in UCS-2.
    // Parts: as the provider took them, else as they will be (a pending or logged message).
    rows: rows.map((r) => ({ ...r, recipient: maskPhone(r.recipient), parts: r.parts ?? smsParts(r.body).parts })),
    total,
    page,
    status: status ?? null,
    channel: channel ?? null,
    pageCount: Math.max(1, Math.ceil(total / size)),
  };
}
