// Delivers the outbox (lib/outbox/enqueue.ts) with a job queue on PostgreSQL (pg-boss 10, schema
// "pgboss"): one "outbox.deliver" job per message (singletonKey = message id), retried with
// backoff; after the last retry the message is marked "failed" with its error, never dropped. A
// job every minute ("outbox.tick") enqueues the due pending messages and creates tomorrow's class
// reminders. Started from instrumentation.ts.
import PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { claimMessage, nextCapDay } from "@/lib/outbox/cap";
import { optedOut } from "@/lib/outbox/opt-out";
import { dropStaleReceipts, recordSend } from "@/lib/outbox/receipts";
import { SendError } from "@/lib/outbox/send-error";
import { ZaloRefused } from "@/lib/outbox/zalo";
import { senderFor, type Sender } from "@/lib/outbox/senders";
import { smsParts } from "@/lib/outbox/sms-text";
import { createClassReminders } from "@/lib/training/reminders";
import { scrubSpentCodeMessages } from "@/lib/users/phone-verification";
import { createQueues, DELIVER_QUEUE, IMPORT_QUEUE, RETRY, TICK_QUEUE } from "@/lib/outbox/queues";
import { dropStaleImports, saveImportBatch } from "@/lib/onboarding/batches";
import { setJobQueue } from "@/lib/outbox/jobs";
import { sendDeliverJobs, type DeliverData } from "@/lib/outbox/deliver-jobs";

/**
 * Sends one message if it is still pending and no other job is sending it (claimMessage), and
 * records what the provider said: the status
 * ("sent" until its receipt, or "logged"), the parts billed and the provider's id. An SMS past its
 * commune's daily cap (lib/outbox/cap.ts) is not sent: it waits for the next day ("held"). On a
 * transient failure records the attempt and error and throws (so pg-boss retries with backoff);
 * on a permanent one (SendError), or on the last attempt (`final`), marks it "failed".
 */
export async function deliverMessage(
  id: number,
  opts: { final?: boolean; sender?: Sender; smsSender?: Sender; now?: Date } = {},
): Promise<"sent" | "logged" | "failed" | "skipped" | "held"> {
  const msg = await db.outboxMessage.findUnique({ where: { id } });
  if (!msg || msg.status !== "pending") return "skipped";
  const sender = opts.sender ?? senderFor(msg.channel);
  if (!sender) {
    await db.outboxMessage.update({
      where: { id },
      data: { status: "failed", attempts: { increment: 1 }, lastError: `no sender for channel ${msg.channel}` },
    });
    return "failed";
  }
  const now = opts.now ?? new Date();
  if (msg.kind === "class_reminder" && (await optedOut([msg.recipient])).size > 0) {
    await db.outboxMessage.updateMany({ where: { id, status: "pending" }, data: { status: "failed", lastError: OPTED_OUT } });
    return "failed";
  }
  const claim = await claimMessage(db, msg, smsParts(msg.body).parts, { now, counted: msg.channel === "sms" });
  if (claim === "taken") return "skipped"; // another job of the same message is sending it
  if (claim === "cap") {
    await db.outboxMessage.updateMany({
      where: { id, status: "pending" },
      data: { sendAfter: nextCapDay(now), lastError: CAP_REACHED },
    });
    return "held";
  }
  try {
    const result = await sender.send(msg);
    await recordSend(id, result, now);
    return result.status;
  } catch (err) {
    if (err instanceof ZaloRefused) {
      // Zalo will not take it (no Zalo on the number, a template refused): by SMS, once. The row
      // moves to the sms channel, so a retry of the SMS never goes back to Zalo.
      const note = `${err.message}; sent by SMS instead`;
      await db.outboxMessage.update({ where: { id }, data: { channel: "sms", lastError: note, parts: null, sentAt: null } });
      const outcome = await deliverMessage(id, { ...opts, sender: opts.smsSender });
      if (outcome === "sent") await db.outboxMessage.update({ where: { id }, data: { lastError: note } });
      return outcome;
    }
    const lastError = err instanceof Error ? err.message : String(err);
    const failed = opts.final || (err instanceof SendError && err.permanent);
    await db.outboxMessage.update({
      where: { id },
      data: {
        attempts: { increment: 1 },
        lastError,
        // Not taken by the provider: the claim ends, and the parts no longer count against the cap.
        parts: null,
        sentAt: null,
        ...(failed ? { status: "failed" as const } : {}),
      },
    });
    if (failed) return "failed";
    throw err;
  }
}

/** What a reminder to a number that replied TU CHOI shows: not sent. */
export const OPTED_OUT = "no reminders: the number replied TU CHOI";

/** What a message held by the daily cap shows in the outbox, until the next day. */
export const CAP_REACHED = "daily SMS cap reached: waits for tomorrow";

/** A retried message with no news for this long has lost its job (e.g. the process died mid-retry). */
export const STUCK_AFTER_MS = 10 * 60_000;

/**
 * The every-minute job: creates reminders for tomorrow's classes, removes ended rate-limit
 * windows and signed-out sessions past their expiry, blanks spent phone codes in the outbox, then queues a delivery job for every due pending message not tried yet, and again for
 * any message left pending mid-retry for over STUCK_AFTER_MS (its job died with the process). The
 * singletonKey (message id) on the "stately" queue keeps one queued job per message, and
 * deliverMessage sends only a message still pending, so a re-queue never sends twice.
 */
export async function tick(boss: PgBoss, now: Date = new Date()): Promise<number> {
  await createClassReminders(now);
  await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE reset_at <= ${now}`;
  await db.$executeRaw`DELETE FROM ended_session WHERE expires_at <= ${now}`;
  await scrubSpentCodeMessages(db, { now });
  await dropStaleImports(now);
  await dropStaleReceipts(now);
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
  // No updated-at column on the message: its send time stands in for the last news. Retries of a
  // live job end within a few minutes of it (backoff 15 s … 2 min), well under STUCK_AFTER_MS.
  const due = await db.outboxMessage.findMany({
    where: {
      status: "pending",
      OR: [
        { attempts: 0, sendAfter: { lte: now } },
        { attempts: { gt: 0, lte: RETRY.retryLimit }, sendAfter: { lte: stuckBefore } },
      ],
    },
    orderBy: { id: "asc" },
    // A day's burst of reminders across the city at once (bench:messages: 10,000 in a few seconds).
    take: 20_000,
    select: { id: true, kind: true },
  });
  await sendDeliverJobs(boss, due);
  return due.length;
}

/**
 * Messages sent at once per app server. Each holds a database connection for a few milliseconds
 * per message (of the pool's 10: lib/db.ts), and an SMPP or HTTP round trip; four keep a
 * provider's window of 100 a second busy on two cores and leave the pool to the pages; eight
 * sent fewer (bench:messages).
 */
export const DELIVERY_WORKERS = 4;
/** Jobs a delivery worker takes per fetch: a code queued meanwhile waits at most this many sends. */
export const DELIVERY_BATCH = 8;

export type OutboxWorker = { boss: PgBoss; stop: () => Promise<void> };

/** Starts pg-boss on `connectionString` with the deliver worker and the every-minute schedule. */
export async function startOutboxWorker(
  connectionString: string,
  opts: { schedule?: boolean; sender?: Sender; pollingIntervalSeconds?: number } = {},
): Promise<OutboxWorker> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", schedule: opts.schedule ?? true });
  boss.on("error", (err) => console.error("[outbox] pg-boss error", err));
  await boss.start();
  await createQueues(boss);
  // DELIVERY_WORKERS messages at a time. pg-boss's worker waits out the polling interval after each
  // fetch, whatever the queue holds: each worker asks again at once when it got jobs (the interval
  // spaces only the polls of an empty queue). A fetch sorts every queued job to find the first
  // (pg-boss orders by priority, then age), so each takes DELIVERY_BATCH and sends them in turn.
  const deliveryWorkerIds: string[] = [];
  for (let i = 0; i < DELIVERY_WORKERS; i++) {
    const self: string = await boss.work<DeliverData>(
      DELIVER_QUEUE,
      { includeMetadata: true, batchSize: DELIVERY_BATCH, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) {
          try {
            await deliverMessage(job.data.id, { final: job.retryCount >= job.retryLimit, sender: opts.sender });
          } catch (err) {
            // This job only is tried again, with backoff; pg-boss completes the rest of the batch.
            await boss.fail(DELIVER_QUEUE, job.id, { message: err instanceof Error ? err.message : String(err) });
          }
        }
        boss.notifyWorker(self);
      },
    );
    deliveryWorkerIds.push(self);
  }
  await boss.work<{ id: number }>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    await saveImportBatch(job.data.id);
  });
  setJobQueue(boss, deliveryWorkerIds);
  await boss.work(TICK_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async () => {
    await tick(boss);
  });
  if (opts.schedule ?? true) await boss.schedule(TICK_QUEUE, "* * * * *");
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
