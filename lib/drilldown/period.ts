// The period a drill-down counts its visits in: the dashboard's own period (lib/indicators/period.ts,
// ?from=YYYY-MM-DD&to=YYYY-MM-DD, calendar days in Vietnam), so a figure and the table behind it
// always agree. Missing or malformed → this month (Vietnam time).
import { todayInVietnam } from "@/lib/format/dates";
import { isoOf, parsePeriod as parseDashboardPeriod, presetRange } from "@/lib/indicators/period";

export type Period = { from: Date; to: Date };

/** The calendar month (Vietnam) that `now` falls in. */
export function thisMonth(now: Date = new Date()): Period {
  return presetRange("thisMonth", todayInVietnam(now));
}

/** The period asked for, or this month when it is missing, malformed, reversed or too long. */
export function parsePeriod(raw: { from?: unknown; to?: unknown }, now: Date = new Date()): Period {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const { period } = parseDashboardPeriod({ from: text(raw.from), to: text(raw.to) }, todayInVietnam(now));
  return { from: period.from, to: period.to };
}

/** The period as URL parameters (to keep it in links and export addresses). */
export function periodParams(p: Period): Record<"from" | "to", string> {
  return { from: isoOf(p.from), to: isoOf(p.to) };
}
