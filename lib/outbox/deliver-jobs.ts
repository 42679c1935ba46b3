// Delivery jobs (pg-boss queue "outbox.deliver", worked by lib/outbox/worker.ts): one per
// message, and codes first.
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { URGENT_KINDS } from "@/lib/outbox/cap";
import { runningJobQueue } from "@/lib/outbox/jobs";
import { DELIVER_QUEUE, RETRY } from "@/lib/outbox/queues";

export type DeliverData = { id: number };

/**
 * Queues a message's delivery job; a code a person is waiting for (URGENT_KINDS) goes ahead of
 * any queued burst of reminders. One job per message (singletonKey).
 */
export async function sendDeliverJob(boss: PgBoss, m: { id: number; kind: string }): Promise<void> {
  await boss.send(DELIVER_QUEUE, { id: m.id } satisfies DeliverData, {
    singletonKey: String(m.id),
    priority: URGENT_KINDS.includes(m.kind) ? 10 : 0,
    ...RETRY,
  });
}

/**
 * Codes issued a moment ago (in a transaction now committed) go out now, not at the next tick,
 * through this process's worker. Without one (OUTBOX_WORKER=off), or if the queue cannot be
 * reached, the tick sends them within a minute.
 */
export async function deliverUrgentNow(communeId: number): Promise<void> {
  const boss = runningJobQueue();
  if (!boss) return;
  try {
    const waiting = await db.outboxMessage.findMany({
      where: { communeId, kind: { in: [...URGENT_KINDS] }, status: "pending", attempts: 0 },
      select: { id: true, kind: true },
    });
    for (const m of waiting) await sendDeliverJob(boss, m);
  } catch (err) {
    console.error(`[outbox] could not queue codes at once (the tick will): ${(err as Error).message}`);
  }
}
