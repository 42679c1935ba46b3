// The background job that saves an import batch (pg-boss queue "onboarding.save", made with the
// others in lib/outbox/queues.ts; the worker in lib/outbox/worker.ts runs it). A request only sends
// the job: saving 20,000 rows must not hold the official's request, and the page shows progress.
import { jobQueue } from "@/lib/outbox/jobs";
import { IMPORT_QUEUE } from "@/lib/outbox/queues";

/** Sends the save job of a batch; whichever process runs the worker saves it. */
export async function sendImportJob(batchId: number): Promise<void> {
  await (await jobQueue()).send(IMPORT_QUEUE, { id: batchId }, { singletonKey: String(batchId) });
}
