import { TIME_ZONE } from "@/lib/i18n/config";

/** Today's date in Vietnam (Asia/Ho_Chi_Minh), as midnight UTC of that calendar day (a @db.Date). */
export function todayInVietnam(now: Date = new Date()): Date {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
  return new Date(`${ymd}T00:00:00.000Z`);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}
