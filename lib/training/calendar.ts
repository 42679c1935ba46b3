import { vietnamClock } from "@/lib/format/dates";
import { TIME_ZONE } from "@/lib/i18n/config";

// iCalendar (RFC 5545) written by hand: the `ics` package cannot emit DTSTART;TZID with a
// VTIMEZONE, and calendar apps show a class at the right hour only with one. Vietnam has had no
// daylight saving since 1975, so the zone is a single STANDARD rule at +07:00.

export type CalendarEntry = {
  id: number;
  title: string;
  description: string;
  place: string;
  organiser: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  /** Starts at 1 and grows with every change of the class: SEQUENCE is version − 1. */
  version: number;
  updatedAt: Date;
  /** The class page, absolute, on the portal's public URL (lib/public-url.ts). */
  url: string;
};

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${TIME_ZONE}`,
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0700",
  "TZOFFSETTO:+0700",
  "TZNAME:ICT",
  "END:STANDARD",
  "END:VTIMEZONE",
];

const pad = (n: number) => String(n).padStart(2, "0");

/** Local wall-clock time in Asia/Ho_Chi_Minh, as an iCalendar DATE-TIME without a zone. */
export function vietnamLocal(d: Date): string {
  const l = vietnamClock(d);
  return `${l.getUTCFullYear()}${pad(l.getUTCMonth() + 1)}${pad(l.getUTCDate())}T${pad(l.getUTCHours())}${pad(l.getUTCMinutes())}${pad(l.getUTCSeconds())}`;
}

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT value escaping: backslash, semicolon, comma, and line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuations start with a space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (octets + n > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space counts
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function vevent(e: CalendarEntry, host: string, now: Date): string[] {
  const description = [e.description, e.organiser, e.url].filter(Boolean).join("\n");
  return [
    "BEGIN:VEVENT",
    `UID:training-event-${e.id}@${host}`,
    `DTSTAMP:${utcStamp(now)}`,
    // A calendar replaces its copy of the class only when the sequence grows (RFC 5545 3.8.7.4).
    `SEQUENCE:${Math.max(0, e.version - 1)}`,
    `LAST-MODIFIED:${utcStamp(e.updatedAt)}`,
    `DTSTART;TZID=${TIME_ZONE}:${vietnamLocal(e.startsAt)}`,
    `DTEND;TZID=${TIME_ZONE}:${vietnamLocal(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `LOCATION:${escapeText(e.place)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${e.url}`,
    `STATUS:${e.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
  ];
}

/**
 * A complete VCALENDAR for the given classes, CRLF line endings, folded. `host` names the UIDs'
 * domain: the public URL's host, so that they stay the same whichever address served the file.
 */
export function buildCalendar(entries: CalendarEntry[], opts: { name: string; host: string; now?: Date }): string {
  const now = opts.now ?? new Date();
  const host = opts.host.replace(/[^a-zA-Z0-9.-]/g, "") || "congdanso";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Cong dan so//Training schedule//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...VTIMEZONE,
    ...entries.flatMap((e) => vevent(e, host, now)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";
