/**
 * A message the provider did not take. `permanent`: trying again cannot help (a wrong number, a
 * refused template), so the message is marked failed at once; otherwise (busy, throttled, the link
 * lost) the job queue tries again with backoff (lib/outbox/worker.ts).
 */
export class SendError extends Error {
  readonly permanent: boolean;
  constructor(message: string, { permanent }: { permanent: boolean }) {
    super(message);
    this.name = "SendError";
    this.permanent = permanent;
  }
}
