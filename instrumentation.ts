// Next's start-up hook: starts the outbox worker (lib/outbox/worker.ts) in the Node.js server.
// Set OUTBOX_WORKER=off to run a server without it (e.g. a second app server).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.OUTBOX_WORKER === "off") return;
  const url = process.env.DATABASE_URL;
  if (!url) return;
  try {
    const { startOutboxWorker } = await import("@/lib/outbox/worker");
    await startOutboxWorker(url);
  } catch (err) {
    console.error("[outbox] worker did not start", err);
  }
}
