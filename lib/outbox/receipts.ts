// Delivery receipts (issue 19): the provider's word that a message reached the phone, or did not.
// A receipt can come before the worker has recorded the send it answers (the provider answers
// within milliseconds, the worker's update is a round trip later). Each side writes what it knows,
// then looks for the other's: the send records the provider's id on its row, then takes any receipt
// kept for that id; a receipt applies to the row carrying its id, else is kept in outbox_receipt,
// then looks for the row once more. Each step is one statement and sees every commit before it,
// so whichever comes second finds the first, and applying twice changes nothing (only a "sent"
// row is ended). No lock, no transaction: a burst costs one statement per receipt (bench:messages).
import { db } from "@/lib/db";
import type { Receipt } from "@/lib/outbox/smpp";

/** Ends the "sent" message carrying `providerId` with its receipt's word; the rows it ended. */
async function apply(providerId: string, delivered: boolean, reason: string | null, now: Date): Promise<number> {
  const { count } = await db.outboxMessage.updateMany({
    where: { providerId, status: "sent" },
    data: delivered
      ? { status: "delivered", deliveredAt: now }
      : { status: "failed", lastError: `receipt: ${reason ?? "failed"}` },
  });
  return count;
}

/** A receipt from the provider (any app server's session may get it). Returns the rows it ended. */
export async function recordReceipt(receipt: Receipt, now: Date = new Date()): Promise<number> {
  if (receipt.state === "pending") return 0;
  const { providerId, reason } = receipt;
  const delivered = receipt.state === "delivered";
  const ended = await apply(providerId, delivered, reason, now);
  if (ended > 0) return ended;
  // Sent again for a message it already ended: dropped.
  if ((await db.outboxMessage.count({ where: { providerId, status: { not: "sent" } } })) > 0) return 0;
  // Before its send's record: kept, and the send's record applies it; unless the record came
  // meanwhile, which the second look finds.
  await db.outboxReceipt.upsert({
    where: { providerId },
    create: { providerId, delivered, reason, receivedAt: now },
    update: {},
  });
  const late = await apply(providerId, delivered, reason, now);
  if (late > 0) await db.outboxReceipt.deleteMany({ where: { providerId } });
  return late;
}

/**
 * Records that the provider took message `id` (its id `providerId`, if it gives one), and applies
 * its receipt if that came first.
 */
export async function recordSend(
  id: number,
  sent: { status: "sent" | "logged"; parts: number; providerId?: string },
  now: Date = new Date(),
): Promise<void> {
  const providerId = sent.providerId ?? null;
  await db.outboxMessage.update({
    where: { id },
    data: { status: sent.status, sentAt: now, parts: sent.parts, providerId, attempts: { increment: 1 }, lastError: null },
  });
  if (!providerId) return;
  const early = await db.$queryRaw<{ delivered: boolean; reason: string | null; received_at: Date }[]>`
    DELETE FROM outbox_receipt WHERE provider_id = ${providerId} RETURNING delivered, reason, received_at`;
  if (early.length > 0) await apply(providerId, early[0].delivered, early[0].reason, early[0].received_at);
}

/** Receipts that never met their message (another system's, or a send lost) are dropped after two days. */
export async function dropStaleReceipts(now: Date = new Date()): Promise<number> {
  const { count } = await db.outboxReceipt.deleteMany({
    where: { receivedAt: { lt: new Date(now.getTime() - 2 * 86_400_000) } },
  });
  return count;
}
