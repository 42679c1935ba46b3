// Next's start-up hook, in the Node.js server: stamps each request with its socket's address
// (lib/security/socket-address.ts: rate limits and the audit trail use it when no proxy is in
// front), then starts the outbox worker (lib/outbox/worker.ts). Set OUTBOX_WORKER=off to run a
// server without the worker (e.g. a second app server).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampSocketAddresses } = await import("@/lib/security/socket-address");
  stampSocketAddresses();
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
