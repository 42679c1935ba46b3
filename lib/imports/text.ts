import { withoutToneMarks } from "@/lib/format/names";

/** A name without Vietnamese tone marks and case, for matching ("Thôn Đông" → "thon dong"). */
export function foldName(s: string): string {
  return withoutToneMarks(s).toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * A whole number as a person types it in a spreadsheet, with thousands grouped by ".", "," or a
 * space ("18.625", "18,625", "18 625"), as a plain digit string; other text is returned trimmed,
 * for the form schema to refuse with its own message.
 */
export function plainCount(s: string): string {
  const t = s.trim();
  return /^\d{1,3}([., \u00a0]\d{3})+$/.test(t) ? t.replace(/[., \u00a0]/g, "") : t;
}

/** "2026-10", "2026-1", "10/2026", "1/2026", "10-2026", "2026/10" → "2026-10"; anything else as it came. */
export function plainMonth(s: string): string {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]!.padStart(2, "0")}`;
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return `${m[2]}-${m[1]!.padStart(2, "0")}`;
  return t;
}
