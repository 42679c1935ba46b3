// The background job that saves an import batch (pg-boss queue "onboarding.save", made with the
// others in lib/outbox/queues.ts; the worker in lib/outbox/worker.ts runs it). A request only sends
// the job: saving 20,000 rows must not hold the official's request, and the page shows progress.
import PgBoss from "pg-boss";
import { IMPORT_QUEUE } from "@/lib/outbox/queues";

const holder = globalThis as unknown as { importJobs?: PgBoss; importJobsStarting?: Promise<PgBoss> };

/** The worker's pg-boss, once started: jobs are sent through it. */
export function setImportJobSender(boss: PgBoss): void {
  holder.importJobs = boss;
}

/**
 * Sends the save job of a batch. In a process without the worker (OUTBOX_WORKER=off), a sender
 * that works no queue is started once; whichever process runs the worker saves the batch.
 */
export async function sendImportJob(batchId: number): Promise<void> {
  const boss = holder.importJobs ?? (await (holder.importJobsStarting ??= startSender()));
  await boss.send(IMPORT_QUEUE, { id: batchId }, { singletonKey: String(batchId) });
}

async function startSender(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: "pgboss",
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (err) => console.error("[import] pg-boss error", err));
  await boss.start();
  return boss;
}
