import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { normalizePhone } from "@/lib/validation/phone";
import { clearSignInFailures, recordSignInFailure, signInLockedUntil } from "@/lib/auth/lockout";
import type { Role } from "@/lib/auth/roles";

export type SessionClaims = { id: number; name: string; role: Role; communeId: number | null; sessionVersion: number };

// Compared against when the login is unknown, so that a wrong username costs the same time as a
// wrong password and does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a login (username or phone number) and password; the claims for the session, or null.
 * A locked login or address is refused without checking the password (lib/auth/lockout.ts).
 */
export async function authenticate(
  login: string,
  password: string,
  ip = "local",
  now: Date = new Date(),
): Promise<SessionClaims | null> {
  const trimmed = login.trim();
  if (!trimmed || !password) return null;
  if (await signInLockedUntil(trimmed, ip, now)) return null;
  const phone = normalizePhone(trimmed);
  const user = await db.user.findFirst({
    where: { OR: [{ username: trimmed.toLowerCase() }, { phone }] },
    select: { id: true, name: true, role: true, communeId: true, sessionVersion: true, active: true, passwordHash: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await (dummyHash ??= hashPassword("unused"))));
  if (!user || !ok || !user.active) {
    await recordSignInFailure(trimmed, ip, now);
    return null;
  }
  await clearSignInFailures(trimmed);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, name: user.name, role: user.role, communeId: user.communeId, sessionVersion: user.sessionVersion };
}
