import type { DateTimeFormatOptions } from "next-intl";

// The portal's date and time formats, by name (`format.dateTime(d, "day")`): the one place that
// says how a date looks (dd/MM/yyyy in Vietnamese). A calendar day (a @db.Date, midnight UTC) is
// read in UTC, so it never slips to the day before; an instant is shown in the request's time
// zone, Asia/Ho_Chi_Minh.
export const DATE_FORMATS = {
  /** An instant's day, e.g. 05/12/2026. */
  short: { day: "2-digit", month: "2-digit", year: "numeric" },
  /** An instant with its weekday, dd/MM/yyyy and HH:mm (class times): 14:00 Thứ Ba, 08/12/2026. */
  long: { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** A calendar day, e.g. 05/12/2026. */
  day: { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" },
  /** A calendar day with its weekday (a campaign's Saturday). */
  weekdayDay: { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" },
  /** A calendar month, e.g. 12/2026. */
  month: { month: "2-digit", year: "numeric", timeZone: "UTC" },
  /** When something happened: time and dd/MM/yyyy (Vietnamese puts the time first: 14:00 08/12/2026). */
  stamp: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** When something happened, to the second (the audit trail). */
  stampSeconds: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  /** A time of day as two-digit hour and minute. */
  hourMinute: { hour: "2-digit", minute: "2-digit" },
  /** Day, month and time, without the year (a deadline within days). */
  dayMonthTime: { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, DateTimeFormatOptions>;

export type DateFormatName = keyof typeof DATE_FORMATS;
