// Signing out ends a session on the server. The session is a signed cookie (JWT) that the server
// cannot take back, so sign-out records the token's id (`sid`, lib/auth/session-lifetime.ts) as
// ended, and lib/auth/session.ts refuses a token whose id is listed: a copy of the cookie taken
// before sign-out opens nothing afterwards. The admin's revocation (sessionVersion) ends all of a
// user's sessions; this ends one.
import { db } from "@/lib/db";
import { sessionMaxSeconds } from "@/lib/auth/session-lifetime";

/** Ends the session of this token (no-op without a session id). */
export async function endSession(token: { sid?: unknown } | null, now: Date = new Date()): Promise<void> {
  const sid = token?.sid;
  if (typeof sid !== "string" || !sid) return;
  // Kept until the token would have expired anyway (a token lives at most sessionMaxSeconds after
  // sign-in); lib/outbox/worker.ts removes the row then.
  const expiresAt = new Date(now.getTime() + sessionMaxSeconds() * 1000);
  await db.endedSession.upsert({ where: { id: sid }, create: { id: sid, expiresAt }, update: {} });
}
