// Delivery jobs (pg-boss queue "outbox.deliver", worked by lib/outbox/worker.ts): one per
// message, and codes first.
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { URGENT_KINDS } from "@/lib/outbox/cap";
import { runningJobQueue, wakeDeliveryWorkers } from "@/lib/outbox/jobs";
import { DELIVER_QUEUE, RETRY } from "@/lib/outbox/queues";

export type DeliverData = { id: number };

/** Jobs written by one statement: a burst of 10,000 reminders is queued in a few seconds. */
const INSERT_CHUNK = 1000;

/**
 * Queues the messages' delivery jobs, one per message (singletonKey: a message already queued is
 * not queued twice); a code a person is waiting for (URGENT_KINDS) goes ahead of any queued burst
 * of reminders.
 */
export async function sendDeliverJobs(boss: PgBoss, messages: readonly { id: number; kind: string }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
    await boss.insert(
      messages.slice(i, i + INSERT_CHUNK).map((m) => ({
        name: DELIVER_QUEUE,
        data: { id: m.id } satisfies DeliverData,
        singletonKey: String(m.id),
        priority: URGENT_KINDS.includes(m.kind) ? 10 : 0,
        ...RETRY,
      })),
    );
  }
  if (messages.length > 0) wakeDeliveryWorkers(boss);
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
    await sendDeliverJobs(boss, waiting);
  } catch (err) {
    console.error(`[outbox] could not queue codes at once (the tick will): ${(err as Error).message}`);
  }
}
