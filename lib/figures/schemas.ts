import { z } from "zod";
import { dbId } from "@/lib/validation/db-id";

// Error strings are message keys in `figures.errors`.
export const FIGURE_FIELDS = ["month", "applicationsTotal", "applicationsOnline", "recordsDigitised", "version"] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

const count = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .regex(/^-?\d+$/, "notWhole")
  .transform(Number)
  // "999…9" becomes Infinity, which z.number() refuses before max() could say why.
  .pipe(z.number({ error: "tooLarge" }).int("notWhole").min(0, "negative").max(100_000_000, "tooLarge"));

export const FigureSchema = z
  .object({
    month: z
      .string({ error: "required" })
      .trim()
      .min(1, "required")
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "badMonth")
      .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, "badMonth"),
    applicationsTotal: count,
    applicationsOnline: count,
    recordsDigitised: z
      .string({ error: "notWhole" })
      .trim()
      .optional()
      .transform((v) => v || "0")
      .pipe(count),
    // Empty when entering a new month; the version read when correcting one.
    version: z
      .string({ error: "stale" })
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(dbId<number>("stale").nullable()),
  })
  .refine((v) => v.applicationsOnline <= v.applicationsTotal, {
    path: ["applicationsOnline"],
    message: "onlineOverTotal",
    // Only once each number is valid on its own.
    when: (payload) => payload.issues.length === 0,
  });

export type FigureInput = z.infer<typeof FigureSchema>;

/** "YYYY-MM" → the first day of the month at midnight UTC (a @db.Date). */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/** A @db.Date month → "YYYY-MM". */
export function monthKey(d: Date): string {
  return d.toISOString().slice(0, 7);
}
