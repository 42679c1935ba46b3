// The period a dashboard shows, from the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD), and the
// period it is compared with. Dates are calendar days in Vietnam (Asia/Ho_Chi_Minh), held as
// midnight UTC of that day, like every @db.Date column.
import { z } from "zod";
import { addDays, DAY_MS as DAY, todayInVietnam } from "@/lib/format/dates";

export const PERIOD_PRESETS = ["thisMonth", "lastMonth", "thisQuarter", "thisYear"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The longest range a dashboard accepts: it bounds the work one request can ask of the database. */
export const MAX_PERIOD_DAYS = 3 * 366;

/** A span of calendar days, first and last included. */
export type DateRange = { from: Date; to: Date };

/** A dashboard's period: its days, and the days it is compared with. */
export type Period = DateRange & {
  /**
   * The last day counted: `to`, or today when the period is not over yet (month-to-date). Figures
   * count up to this day, and the previous period is cut to as many days, so like is compared with like.
   */
  through: Date;
  /** The period compared with: the same number of whole months before, or else the same number of days before (cut like `through`). */
  prevFrom: Date;
  prevTo: Date;
  /** Set when the period is exactly one of the presets. */
  preset: PeriodPreset | null;
};

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return (
      !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100
    );
  });

/** The dashboard's search params. Unknown or malformed values are reported, and the default used. */
export const PeriodQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((p) => (p.from === undefined) === (p.to === undefined), { message: "bothDates" })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: "fromAfterTo" })
  .refine((p) => !p.from || !p.to || dayOf(p.to).getTime() - dayOf(p.from).getTime() < MAX_PERIOD_DAYS * DAY, {
    message: "tooLong",
  });

/** "YYYY-MM-DD" → the day at midnight UTC. */
export function dayOf(s: string): Date {
  return new Date(`${s}T00:00:00.000Z`);
}

/** A day → "YYYY-MM-DD". */
export function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const monthStartOf = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const monthEndOf = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0));

/** The Monday starting the week that holds `d`. */
export function weekStart(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 6) % 7));
}

export function presetRange(preset: PeriodPreset, today: Date): DateRange {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  switch (preset) {
    case "thisMonth":
      return { from: monthStartOf(y, m), to: monthEndOf(y, m) };
    case "lastMonth":
      return { from: monthStartOf(y, m - 1), to: monthEndOf(y, m - 1) };
    case "thisQuarter": {
      const q = m - (m % 3);
      return { from: monthStartOf(y, q), to: monthEndOf(y, q + 2) };
    }
    case "thisYear":
      return { from: monthStartOf(y, 0), to: monthEndOf(y, 11) };
  }
}

/** Whole calendar months from `from` to `to`, or null when the range is not made of whole months. */
function wholeMonths(from: Date, to: Date): number | null {
  if (from.getUTCDate() !== 1 || addDays(to, 1).getUTCDate() !== 1) return null;
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
}

/**
 * A period from its first and last day, with the period it is compared with. The one rule for
 * comparisons: a finished period against the one before it (whole months against as many whole
 * months, else as many days); a period still running (today inside it) counts up to today and is
 * compared with the same number of first days of the period before: 1–19 May against 1–19 April,
 * never against all of April. The previous side never runs past its own last day (1–31 March
 * against 1–28 February).
 */
export function makePeriod(from: Date, to: Date, today: Date = todayInVietnam()): Period {
  const months = wholeMonths(from, to);
  let prevFrom: Date;
  if (months !== null) {
    prevFrom = monthStartOf(from.getUTCFullYear(), from.getUTCMonth() - months);
  } else {
    prevFrom = addDays(from, -(Math.round((to.getTime() - from.getTime()) / DAY) + 1));
  }
  const running = from <= today && today < to;
  const through = running ? today : to;
  const prevEnd = addDays(from, -1);
  const prevTo = running ? minDay(addDays(prevFrom, Math.round((today.getTime() - from.getTime()) / DAY)), prevEnd) : prevEnd;
  const preset =
    PERIOD_PRESETS.find((p) => {
      const r = presetRange(p, today);
      return r.from.getTime() === from.getTime() && r.to.getTime() === to.getTime();
    }) ?? null;
  return { from, to, through, prevFrom, prevTo, preset };
}

const minDay = (a: Date, b: Date) => (a < b ? a : b);

/** Whether the period is still running: figures count to today and the comparison is cut alike. */
export function isRunning(period: Period): boolean {
  return period.through < period.to;
}

export type PeriodResult = { period: Period; error: "bothDates" | "fromAfterTo" | "tooLong" | "invalid" | null };

/** The period asked for in the URL; this month (Vietnam time) when none or an invalid one is given. */
export function parsePeriod(params: Record<string, string | string[] | undefined>, today: Date = todayInVietnam()): PeriodResult {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const raw = { from: one(params.from), to: one(params.to) };
  const fallback = () => {
    const r = presetRange("thisMonth", today);
    return makePeriod(r.from, r.to, today);
  };
  const parsed = PeriodQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    const error = message === "bothDates" || message === "fromAfterTo" || message === "tooLong" ? message : "invalid";
    return { period: fallback(), error };
  }
  const p = parsed.data;
  if (p.from && p.to) return { period: makePeriod(dayOf(p.from), dayOf(p.to), today), error: null };
  return { period: fallback(), error: null };
}

/** "YYYY-MM" (the monthly report's ?month=), or null when malformed. */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100);

/** The month before today's: the last complete month, which a monthly report is about by default. */
export function lastCompleteMonth(today: Date = todayInVietnam()): string {
  return isoOf(monthStartOf(today.getUTCFullYear(), today.getUTCMonth() - 1)).slice(0, 7);
}

/** The monthly report's period: the month asked for, or the last complete month (Vietnam time). */
export function parseReportMonth(
  value: string | string[] | undefined,
  today: Date = todayInVietnam(),
): { period: Period; month: string; error: boolean } {
  const raw = Array.isArray(value) ? value[0] : value;
  const parsed = MonthSchema.safeParse(raw);
  const month = parsed.success ? parsed.data : lastCompleteMonth(today);
  const from = dayOf(`${month}-01`);
  const to = monthEndOf(from.getUTCFullYear(), from.getUTCMonth());
  return { period: makePeriod(from, to, today), month, error: raw !== undefined && raw !== "" && !parsed.success };
}

/** The query string that reproduces a period. */
export function periodSearch(period: DateRange): string {
  return `from=${isoOf(period.from)}&to=${isoOf(period.to)}`;
}
