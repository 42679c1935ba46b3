import { randomInt } from "node:crypto";

// Letters and digits that cannot be mistaken for one another when read aloud or from a screen
// (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const REGISTRATION_CODE_LENGTH = 8;

/** A short code a person keeps to check in or cancel without an account. */
export function registrationCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < REGISTRATION_CODE_LENGTH; i++) code += ALPHABET[random(1_000_000) % ALPHABET.length];
  return code;
}

export function normalizeRegistrationCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** A code as a person reads it, on the screen and in every message: two groups of four (ACDE-FGHJ). */
export function showRegistrationCode(code: string): string {
  return code.length === REGISTRATION_CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
