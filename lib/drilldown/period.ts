// The period a drill-down counts its visits in: the dashboard's own period (lib/indicators/period.ts,
// ?from=YYYY-MM-DD&to=YYYY-MM-DD, calendar days in Vietnam), so a figure and the table behind it
// always agree. Missing or malformed → this month (Vietnam time).
import { todayInVietnam } from "@/lib/format/dates";
import { isoOf, parsePeriod, presetRange, type DateRange } from "@/lib/indicators/period";

/** The calendar month (Vietnam) that `now` falls in. */
export function thisMonth(now: Date = new Date()): DateRange {
  return presetRange("thisMonth", todayInVietnam(now));
}

/**
 * The dashboard's period (parsePeriod) as its days only, from a drill-down's query, where only
 * single text values count; this month when missing, malformed, reversed or too long.
 */
export function parseDateRange(raw: { from?: unknown; to?: unknown }, now: Date = new Date()): DateRange {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const { period } = parsePeriod({ from: text(raw.from), to: text(raw.to) }, todayInVietnam(now));
  return { from: period.from, to: period.to };
}

/** The period as URL parameters (to keep it in links and export addresses). */
export function periodParams(p: DateRange): Record<"from" | "to", string> {
  return { from: isoOf(p.from), to: isoOf(p.to) };
}
