// Small helpers of the seed's steps: local dates, codes, batched writes, matching rows back.
import { addDays, vietnamDayStart } from "@/lib/format/dates";
import { withoutToneMarks } from "@/lib/format/names";

// Dates: @db.Date values are UTC midnights standing for a local (Asia/Ho_Chi_Minh) calendar day.

export const HOUR = 3_600_000;

/** The instant of `hour:minute` local time on the local day `date`. */
export function atLocal(date: Date, hour: number, minute = 0): Date {
  return new Date(vietnamDayStart(date).getTime() + hour * HOUR + minute * 60_000);
}
export function saturdayOnOrBefore(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 1) % 7));
}
export function firstOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

/** A code for URLs and the database from a Vietnamese name ("Thôn An Lão" → "thon-an-lao"). */
export function slugify(s: string): string {
  return withoutToneMarks(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const BATCH = 5_000;

/** Runs `run` on the rows 5,000 at a time and joins what it returns. */
export async function inBatches<T, R>(rows: readonly T[], run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(...(await run(rows.slice(i, i + BATCH))));
  return out;
}

/** The rows by `key`, refusing a duplicate (rows written in bulk are matched back by a unique key). */
export function byKey<R>(rows: readonly R[], key: (r: R) => string, what: string): Map<string, R> {
  const map = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    if (map.has(k)) throw new Error(`seed: duplicate ${what} key ${k}`);
    map.set(k, r);
  }
  return map;
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed: missing ${what}`);
  return value;
}
