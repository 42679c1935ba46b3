// What a database failure means for the person who sent the request (no client here: actions may import it).

/**
 * Whether a failure is the database being busy or out of reach (no free connection in time, a
 * transaction that could not start or ran out of time, a connection refused or cut): nothing was
 * saved, and the same submission can simply be sent again.
 */
export function isDatabaseBusy(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (code === "P2028" || code === "P2024" || code === "P1001" || code === "P1002" || code === "P1017") return true;
  const message = String((err as { message?: unknown }).message ?? "");
  return /timeout exceeded when trying to connect|Can't reach database server|Unable to start a transaction|Transaction already closed|Connection terminated|ECONNREFUSED|ECONNRESET|too many clients|the database system is (starting up|shutting down)|terminating connection/i.test(
    message,
  );
}
