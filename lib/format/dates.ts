import { TIME_ZONE } from "@/lib/i18n/config";

// Vietnam (Asia/Ho_Chi_Minh) keeps UTC+7 all year, with no daylight saving since 1975, so its
// wall clock is a fixed shift of UTC. Every conversion between the two goes through this file.
const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** Today's date in Vietnam (Asia/Ho_Chi_Minh), as midnight UTC of that calendar day (a @db.Date). */
export function todayInVietnam(now: Date = new Date()): Date {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
  return new Date(`${ymd}T00:00:00.000Z`);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}

/** A calendar day in Vietnam as "YYYY-MM-DD": today, or `days` later. */
export function vietnamIsoDay(days = 0, now: Date = new Date()): string {
  return vietnamClock(addDays(now, days)).toISOString().slice(0, 10);
}

/** `at` shifted to Vietnam's wall clock: its getUTC… fields and toISOString() read the local date and time. */
export function vietnamClock(at: Date): Date {
  return new Date(at.getTime() + VN_OFFSET_MS);
}

/** The instant a calendar day in Vietnam (a @db.Date, midnight UTC) begins: 17:00 UTC the day before. */
export function vietnamDayStart(day: Date): Date {
  return new Date(day.getTime() - VN_OFFSET_MS);
}

/** "2026-12-01" + "08:30" in Vietnam → the UTC instant. */
export function localToUtc(date: string, time = "00:00"): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** The UTC instant → { date: "YYYY-MM-DD", time: "HH:mm" } in Vietnam, for edit forms. */
export function utcToLocal(d: Date): { date: string; time: string } {
  const v = vietnamClock(d).toISOString();
  return { date: v.slice(0, 10), time: v.slice(11, 16) };
}
