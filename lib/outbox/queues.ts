// The portal's pg-boss queues (lib/outbox/worker.ts delivers them). Kept apart from the worker so
// that scripts/serve.ts can make them as the database's owner without loading the app's code.
import PgBoss from "pg-boss";

export const DELIVER_QUEUE = "outbox.deliver";
export const TICK_QUEUE = "outbox.tick";
/** Saving an import batch (lib/onboarding/job.ts): one job per batch, retried once. */
export const IMPORT_QUEUE = "onboarding.save";
export const RETRY = { retryLimit: 4, retryDelay: 15, retryBackoff: true } as const;

export async function createQueues(boss: PgBoss): Promise<void> {
  // "stately": at most one queued and one running job per message id.
  await boss.createQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, policy: "stately", ...RETRY });
  await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "singleton" });
  await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, policy: "stately", retryLimit: 1, retryDelay: 5 });
}

/**
 * Creates (or upgrades) pg-boss's schema and every queue the portal uses, as the database's owner
 * before the portal starts. pg-boss 10 makes one table per queue, which is DDL: the running portal's
 * role (lib/db/runtime-role.ts) may not do that, so it only ever finds them made.
 */
export async function installJobQueue(connectionString: string): Promise<void> {
  // schedule: true so that pg-boss's own scheduling queue is made here too.
  const boss = new PgBoss({ connectionString, schema: "pgboss", schedule: true, supervise: false });
  boss.on("error", (err) => console.error("[outbox] pg-boss error", err));
  await boss.start();
  try {
    await createQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  }
}
