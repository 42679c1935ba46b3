// This process's pg-boss, for sending jobs from a request: the worker's once it has started
// (lib/outbox/worker.ts), else, in a process without the worker (OUTBOX_WORKER=off), one that
// works no queue, started once. Whichever process runs a worker then does the job.
import PgBoss from "pg-boss";

// On globalThis: Next bundles this module once for instrumentation.ts (which starts the worker) and
// again for the requests that send jobs through it.
const holder = globalThis as unknown as {
  jobQueue?: PgBoss;
  jobQueueStarting?: Promise<PgBoss>;
  deliveryWorkers?: { boss: PgBoss; ids: string[] };
};

/** The worker's pg-boss, once started, and its delivery workers' ids: jobs are sent through it. */
export function setJobQueue(boss: PgBoss, deliveryWorkerIds: string[] = []): void {
  holder.jobQueue = boss;
  holder.deliveryWorkers = { boss, ids: deliveryWorkerIds };
}

/**
 * Jobs just queued through `boss` are fetched now by its own delivery workers, if it has any,
 * instead of after their polling interval.
 */
export function wakeDeliveryWorkers(boss: PgBoss): void {
  if (holder.deliveryWorkers?.boss !== boss) return;
  for (const id of holder.deliveryWorkers.ids) boss.notifyWorker(id);
}

/** The worker's pg-boss if this process runs one, else null (nothing is started). */
export function runningJobQueue(): PgBoss | null {
  return holder.jobQueue ?? null;
}

export async function jobQueue(): Promise<PgBoss> {
  return holder.jobQueue ?? (await (holder.jobQueueStarting ??= startSender()));
}

async function startSender(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: "pgboss",
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (err) => console.error("[jobs] pg-boss error", err));
  await boss.start();
  return boss;
}
