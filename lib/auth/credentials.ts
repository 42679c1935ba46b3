import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  clearSignInFailures,
  normalizeLogin,
  recordSignInFailure,
  signInLockedUntil,
  type SignInAccount,
} from "@/lib/auth/lockout";
import type { Role } from "@/lib/auth/roles";
import { normalizePhone } from "@/lib/validation/phone";

export type SessionClaims = { id: number; name: string; role: Role; communeId: number | null; sessionVersion: number };

// Compared against when the login is unknown, so that a wrong username costs the same time as a
// wrong password and does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

async function findSignInUser(login: string) {
  const trimmed = login.trim();
  return db.user.findFirst({
    where: { OR: [{ username: trimmed.toLowerCase() }, { phone: normalizePhone(trimmed) }] },
    select: { id: true, name: true, role: true, communeId: true, sessionVersion: true, active: true, passwordHash: true },
  });
}

/**
 * The account a login names, for counting failed sign-ins: the user, however the login is
 * written (username in any case, phone with spaces, dots or +84), or the normalised login when no
 * user has it. One account, one count.
 */
export async function signInAccount(login: string): Promise<SignInAccount> {
  return accountOf(await findSignInUser(login), login);
}

const accountOf = (user: { id: number; communeId: number | null } | null, login: string): SignInAccount =>
  user ? { userId: user.id, communeId: user.communeId } : { login: normalizeLogin(login) };

/**
 * Checks a login (username or phone number) and password; the claims for the session, or null.
 * While the account or address must wait (lib/auth/lockout.ts), the attempt is refused without
 * checking the password.
 */
export async function authenticate(
  login: string,
  password: string,
  ip = "local",
  now: Date = new Date(),
): Promise<SessionClaims | null> {
  if (!login.trim() || !password) return null;
  const user = await findSignInUser(login);
  const account = accountOf(user, login);
  if (await signInLockedUntil(account, ip, now)) return null;
  const ok = await verifyPassword(password, user?.passwordHash ?? (await (dummyHash ??= hashPassword("unused"))));
  if (!user || !ok || !user.active) {
    await recordSignInFailure(account, ip, now);
    return null;
  }
  await clearSignInFailures(account);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, name: user.name, role: user.role, communeId: user.communeId, sessionVersion: user.sessionVersion };
}
