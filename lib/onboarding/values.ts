// Cell values of a commune's list as people type them, read into plain values. Parsing only: a
// value that cannot be read is null (its raw text kept), and whether a read value is acceptable
// (a birth year in the future, a phone that is not a mobile) is the household and member schemas'
// call at the checking step.
import { foldName } from "@/lib/imports/text";
import { normalizePhone } from "@/lib/validation/phone";

export type Gender = "male" | "female" | "other";

/** Days from Excel's day 0 (30 December 1899, in its 1900 date system) to 1 January 1970. */
const EXCEL_EPOCH_DAYS = 25569;

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null; // 31/02
  return t.toISOString().slice(0, 10);
};

/** An Excel date serial (days since 30 December 1899) as "YYYY-MM-DD", or null past 9999. */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  return new Date((Math.floor(serial) - EXCEL_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
}

export type Birth = { year: number | null; date: string | null };

/**
 * A birth year or date as found in lists: "1985", "15/03/1985", "15-3-1985", "15.03.1985" (day
 * first, as Vietnamese write it), "03/1985", "1985-03-15" (a date cell, as lib/imports writes it),
 * or an Excel date serial ("31121") whose cell lost its date format. A number from 1000 to 2999 is
 * a year, a larger one a serial.
 */
export function parseBirth(raw: string): Birth {
  const t = raw.trim();
  let m = /^(\d{4})(?:\.0+)?$/.exec(t);
  if (m && Number(m[1]) < 3000) return { year: Number(m[1]), date: null };
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(t);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return { year: date ? Number(m[1]) : null, date };
  }
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  if (m) {
    const date = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return { year: date ? Number(m[3]) : null, date };
  }
  m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { year: Number(m[2]), date: null };
  if (/^\d+(\.\d+)?$/.test(t)) {
    const date = excelSerialDate(Number(t));
    return { year: date ? Number(date.slice(0, 4)) : null, date };
  }
  return { year: null, date: null };
}

const GENDERS: Record<string, Gender> = {
  nam: "male",
  m: "male",
  male: "male",
  trai: "male",
  "gioi tinh nam": "male",
  nu: "female",
  f: "female",
  female: "female",
  gai: "female",
  "gioi tinh nu": "female",
  khac: "other",
  other: "other",
};

/** "Nam", "NỮ", "nu", "M", "F", "Khác" → the registry's gender; anything else null. */
export function parseGender(raw: string): Gender | null {
  return GENDERS[foldName(raw).replace(/\.$/, "")] ?? null;
}

/**
 * A phone as the registry keeps it (lib/validation/phone's normaliser), plus the one repair a
 * spreadsheet needs: a number stored as a number lost its leading 0 ("912345678").
 */
export function parsePhone(raw: string): string {
  const p = normalizePhone(raw.trim());
  return /^[35789]\d{8}$/.test(p) ? "0" + p : p;
}

/** Whether a "Quan hệ với chủ hộ" cell names the head ("Chủ hộ", "CH", "chu ho", "Chủ"). */
export function isHeadRelation(raw: string): boolean {
  return /^(chu ho|chu|ch|chu ho gia dinh|head|household head|la chu ho|ban than)$/.test(
    foldName(raw.replace(/[^\p{L}\p{N}]+/gu, " ")),
  );
}

/** A name with its spaces tidied ("  Nguyễn   Văn An " → "Nguyễn Văn An"); letters as typed. */
export function tidyName(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}
