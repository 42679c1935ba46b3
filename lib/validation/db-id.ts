import { z } from "zod";

/**
 * The largest id PostgreSQL's `integer` holds (2^31 − 1). An id from the client is hostile: past
 * this a query would fail with an error instead of finding nothing, so it is refused first.
 */
export const MAX_DB_ID = 2_147_483_647;

/** Whether `n` is an id (or version) PostgreSQL's integer can hold: a whole number from 1 to MAX_DB_ID. */
export function isDbId(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n > 0 && n <= MAX_DB_ID;
}

/** A route segment, search parameter or form field as an id (`Number(raw)`), or null. */
export function toDbId(raw: unknown): number | null {
  const n = Number(raw);
  return isDbId(n) ? n : null;
}

/** The schema of an id (or version) from a form or URL, coerced; `error` is the message key for anything else. */
export function dbId<Input = unknown>(error?: string) {
  return z.coerce.number<Input>({ error }).int(error).positive(error).max(MAX_DB_ID, error);
}
