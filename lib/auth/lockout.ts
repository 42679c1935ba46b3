// Sign-in attempts are limited per account and per address: after too many failures the account
// (or the address) is locked until the window ends. Kept in PostgreSQL so every app server agrees.
import { SIGNIN_ACCOUNT_LIMIT, SIGNIN_ADDRESS_LIMIT } from "@/lib/security/limits";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/lib/security/rate-limit";

export { SIGNIN_ACCOUNT_LIMIT, SIGNIN_ADDRESS_LIMIT };

const accountKey = (login: string) => `signin-fail:account:${login.trim().toLowerCase()}`;
const addressKey = (ip: string) => `signin-fail:address:${ip}`;

/** When the lock on this login or address ends, or null when sign-in may be tried. */
export async function signInLockedUntil(login: string, ip: string, now: Date = new Date()): Promise<Date | null> {
  const [account, address] = await Promise.all([peekRateLimit(accountKey(login), now), peekRateLimit(addressKey(ip), now)]);
  const ends: Date[] = [];
  if (account.count >= SIGNIN_ACCOUNT_LIMIT.limit && account.resetAt) ends.push(account.resetAt);
  if (address.count >= SIGNIN_ADDRESS_LIMIT.limit && address.resetAt) ends.push(address.resetAt);
  return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}

export async function recordSignInFailure(login: string, ip: string, now: Date = new Date()): Promise<void> {
  await hitRateLimit(accountKey(login), SIGNIN_ACCOUNT_LIMIT.limit, SIGNIN_ACCOUNT_LIMIT.windowSeconds, now);
  await hitRateLimit(addressKey(ip), SIGNIN_ADDRESS_LIMIT.limit, SIGNIN_ADDRESS_LIMIT.windowSeconds, now);
}

export async function clearSignInFailures(login: string): Promise<void> {
  await clearRateLimit(accountKey(login));
}
