// Delivery receipts (issue 19): the provider's word that a message reached the phone, or did not.
// A receipt can come before the worker has recorded the send it answers (the provider answers
// within milliseconds, the worker's update is a round trip later), so both sides take the same
// lock on the provider's id: a receipt that finds its message applies to it; one that does not is
// kept in outbox_receipt, and the send's record applies it. Nothing depends on which comes first.
import { db, type DbClient } from "@/lib/db";
import type { Receipt } from "@/lib/outbox/smpp";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const lock = (tx: DbClient, providerId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`receipt:${providerId}`}))`;

/** Ends a "sent" message with its receipt's word: delivered, or failed with the provider's reason. */
async function apply(tx: Tx, providerId: string, delivered: boolean, reason: string | null, now: Date): Promise<number> {
  const { count } = await tx.outboxMessage.updateMany({
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
  const delivered = receipt.state === "delivered";
  return db.$transaction(async (tx) => {
    await lock(tx, receipt.providerId);
    const count = await apply(tx, receipt.providerId, delivered, receipt.reason, now);
    // Kept only when no send carries the id yet: a receipt sent again for a message it already
    // ended is dropped.
    if (count === 0 && (await tx.outboxMessage.count({ where: { providerId: receipt.providerId } })) === 0) {
      await tx.outboxReceipt.upsert({
        where: { providerId: receipt.providerId },
        create: { providerId: receipt.providerId, delivered, reason: receipt.reason, receivedAt: now },
        update: {},
      });
    }
    return count;
  });
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
  const data = {
    status: sent.status,
    sentAt: now,
    parts: sent.parts,
    providerId: sent.providerId ?? null,
    attempts: { increment: 1 },
    lastError: null,
  };
  const providerId = sent.providerId;
  if (!providerId) {
    await db.outboxMessage.update({ where: { id }, data });
    return;
  }
  await db.$transaction(async (tx) => {
    await lock(tx, providerId);
    await tx.outboxMessage.update({ where: { id }, data });
    const early = await tx.outboxReceipt.findUnique({ where: { providerId } });
    if (early) {
      await apply(tx, providerId, early.delivered, early.reason, early.receivedAt);
      await tx.outboxReceipt.delete({ where: { providerId } });
    }
  });
}

/** Receipts that never met their message (another system's, or a send lost) are dropped after two days. */
export async function dropStaleReceipts(now: Date = new Date()): Promise<number> {
  const { count } = await db.outboxReceipt.deleteMany({
    where: { receivedAt: { lt: new Date(now.getTime() - 2 * 86_400_000) } },
  });
  return count;
}
