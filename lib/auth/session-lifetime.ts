// How long a session lasts. next-auth renews the JWT (and its expiry) on every request, so its own
// maxAge only ends an idle session; an active one would live for ever. The token therefore carries
// the time of sign-in, and a session is refused once SESSION_MAX_HOURS have passed since then,
// however often it was renewed. The admin can end a session sooner (sessionVersion, re-checked
// against the database in lib/auth/session.ts on every request), and signing out ends this one
// session (its id, `sid`, is recorded as ended: lib/auth/session.ts).

const DEFAULT_HOURS = 8;

/** SESSION_MAX_HOURS as seconds: a positive number of hours (at most 30 days), else 8 hours. */
export function sessionMaxSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SESSION_MAX_HOURS;
  const hours = Number(raw ?? "");
  const ok = raw !== undefined && raw.trim() !== "" && Number.isFinite(hours) && hours > 0 && hours <= 24 * 30;
  return Math.round((ok ? hours : DEFAULT_HOURS) * 60 * 60);
}

/** What the portal keeps in the session token besides next-auth's own claims. */
export type PortalToken = {
  uid?: number;
  role?: string;
  communeId?: number | null;
  /** The user's session version at sign-in; the admin's revocation bumps the database's. */
  sv?: number;
  /** Sign-in time, seconds since the epoch; never renewed. */
  signedInAt?: number;
  /** This session's id, random at sign-in; signing out records it as ended. */
  sid?: string;
  [claim: string]: unknown;
};

type SignedInUser = { id?: string; role: string; communeId: number | null; sessionVersion: number };

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** Whether a token is still within the absolute limit (a token without a sign-in time is not). */
export function withinLifetime(token: PortalToken, now: Date = new Date(), maxSeconds: number = sessionMaxSeconds()): boolean {
  const at = token.signedInAt;
  if (typeof at !== "number" || !Number.isFinite(at)) return false;
  const age = nowSeconds(now) - at;
  return age >= -60 && age < maxSeconds;
}

/**
 * next-auth's jwt callback. At sign-in (`user` present) it writes the claims and the sign-in time;
 * on every later call it returns null once the absolute limit has passed, and next-auth then
 * clears the cookie and answers with no session.
 */
export function jwtCallback(
  { token, user }: { token: PortalToken; user?: unknown },
  now: Date = new Date(),
  maxSeconds: number = sessionMaxSeconds(),
): PortalToken | null {
  if (user) {
    const u = user as SignedInUser;
    return {
      ...token,
      uid: Number(u.id),
      role: u.role,
      communeId: u.communeId,
      sv: u.sessionVersion,
      signedInAt: nowSeconds(now),
      sid: crypto.randomUUID(),
    };
  }
  return withinLifetime(token, now, maxSeconds) ? token : null;
}

/** next-auth's session callback: what auth() returns; null past the absolute limit. */
export function sessionCallback<S extends object>(
  { session, token }: { session: S; token: PortalToken },
  now: Date = new Date(),
  maxSeconds: number = sessionMaxSeconds(),
): (S & { uid?: number; sv?: number; sid?: string; role?: string; communeId?: number | null }) | null {
  if (!withinLifetime(token, now, maxSeconds)) return null;
  return {
    ...session,
    uid: token.uid,
    sv: token.sv,
    sid: token.sid,
    role: token.role,
    communeId: token.communeId,
  };
}
