import bcrypt from "bcryptjs";
import { z } from "zod";

// bcrypt (pure JS, no native build or downloaded binary), cost 10: ~70 ms per check on the
// 2-core machines, which also slows password guessing.
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

/**
 * The password hash of an account that has no password yet: a volunteer imported from the youth
 * union's list, until they prove their phone on /activate (docs/decisions/0019). No bcrypt hash
 * begins with "!", so no password matches it.
 */
export const NO_PASSWORD = "!no-password";

// A real hash compared against in place of NO_PASSWORD, so that a sign-in attempt on an account
// without a password takes as long as one on an account with a password.
const STAND_IN_HASH = "$2b$10$1I0L/wCuOd8S1QPrGs638.B/8Lx6LTszMTVuEeQ/zQIorRyyo8MfS";

/** Whether a stored hash is a password at all (an imported account not yet activated has none). */
export function hasPassword(hash: string): boolean {
  return hash !== NO_PASSWORD;
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (!hasPassword(hash)) {
    await bcrypt.compare(plain, STAND_IN_HASH);
    return false;
  }
  return bcrypt.compare(plain, hash);
}

/** The password policy's minimum length (demo accounts are seeded directly, not through it). */
export const PASSWORD_MIN_LENGTH = 10;

// Passwords that guessing tools try first, and the ones people here are likely to pick. Compared
// in lower case with spaces removed.
const COMMON_PASSWORDS = new Set([
  "1234567890",
  "0123456789",
  "1111111111",
  "12345678910",
  "qwertyuiop",
  "qwerty1234",
  "qwerty123456",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "matkhau123",
  "matkhau1234",
  "matkhaumoi",
  "abcdefghij",
  "abc1234567",
  "abcd123456",
  "iloveyou12",
  "iloveyou123",
  "anhyeuem123",
  "emyeuanh123",
  "congdanso1",
  "congdanso123",
  "congdanso2025",
  "congdanso2026",
  "vietnam123",
  "vietnam1234",
  "hanoi12345",
  "haiphong123",
  "admin12345",
  "admin123456",
  "administrator",
  "1q2w3e4r5t",
  "zaq12wsxcde",
  "asdfghjkl1",
  "11111111aa",
  "aaaaaaaaaa",
  "1234567890a",
  "a123456789",
  "abc123456789",
]);

/** Message keys (namespace `passwordPolicy`) for what is wrong with a new password, or null. */
export type PasswordProblem = "passwordShort" | "passwordLong" | "passwordDigits" | "passwordCommon" | "passwordLikeLogin";

/**
 * Checks a new password against the policy: at least 10 characters, not only digits, not a
 * common password, and not the person's own username or phone number (nor containing them).
 */
export function passwordProblem(password: string, logins: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "passwordShort";
  if (password.length > 200) return "passwordLong";
  if (/^\d+$/.test(password)) return "passwordDigits";
  const plain = password.toLowerCase().replace(/\s+/g, "");
  if (COMMON_PASSWORDS.has(plain) || new Set(plain).size <= 2) return "passwordCommon";
  for (const login of logins) {
    const l = (login ?? "").toLowerCase().replace(/\s+/g, "");
    if (l.length >= 3 && (plain.includes(l) || l.includes(plain))) return "passwordLikeLogin";
    // A phone number written without its leading 0, or with +84.
    const digits = l.replace(/\D/g, "").replace(/^84/, "0");
    if (digits.length >= 9 && plain.replace(/\D/g, "").includes(digits.replace(/^0/, ""))) return "passwordLikeLogin";
  }
  return null;
}

/** A new password as forms and actions parse it; the error is a `passwordPolicy` message key. */
export const NewPasswordSchema = z.string({ error: "passwordShort" }).superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
