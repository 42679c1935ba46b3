// CSV reading for imports, on @fast-csv/parse (the parser exceljs itself uses): quoted fields,
// doubled quotes, line breaks inside quotes, CRLF. What it leaves to us: a UTF-8 byte-order mark
// (Excel writes one) and the separator, which depends on the spreadsheet's locale (a Vietnamese
// Excel writes ";" since "," is its decimal mark).
import { parseString } from "@fast-csv/parse";

export const CSV_SEPARATORS = [",", ";", "\t"] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** The separator of the first record: the candidate that occurs most often outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>(CSV_SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch as CsvSeparator)) counts.set(ch as CsvSeparator, counts.get(ch as CsvSeparator)! + 1);
  }
  let best: CsvSeparator = ",";
  for (const s of CSV_SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

/**
 * Every record of a CSV text as an array of trimmed cells, in file order (empty records kept, so
 * the index + 1 is the row number a spreadsheet shows). Rejects on malformed quoting.
 */
export function parseCsv(text: string, maxRows?: number): Promise<string[][]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  return new Promise((resolve, reject) => {
    parseString<string[], string[]>(body, {
      delimiter: detectSeparator(body),
      trim: true,
      headers: false,
      ignoreEmpty: false,
      ...(maxRows ? { maxRows } : {}),
    })
      .on("error", reject)
      .on("data", (row: string[]) => rows.push(row))
      .on("end", () => {
        // A final line break yields no record; a trailing empty record (",,") is dropped too.
        while (rows.length && rows[rows.length - 1]!.every((c) => c === "")) rows.pop();
        resolve(rows);
      });
  });
}

export type DecodedText =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" }
  | { ok: false; formError: "notUtf8" | "badFile" };

/** Whether bytes without a byte-order mark look like UTF-16: every other byte zero, as ASCII is. */
function utf16WithoutMark(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length - (b.length % 2), 512);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  if (oddZero >= (n / 2) * 0.6 && evenZero === 0) return "utf-16le";
  if (evenZero >= (n / 2) * 0.6 && oddZero === 0) return "utf-16be";
  return null;
}

/**
 * The text of an uploaded CSV file. Strict (the default): UTF-8, with or without a byte-order mark.
 * With `legacy`, also UTF-16 LE or BE (Excel's "Unicode Text", marked or not), and 8-bit text that
 * is not UTF-8 read as windows-1252, which keeps every TCVN3 byte as the Latin-1 character the
 * .VnTime font draws (the caller then detects TCVN3 on the cells and refuses anything else).
 */
export function decodeCsv(bytes: Uint8Array, { legacy = false }: { legacy?: boolean } = {}): DecodedText {
  const decode = (encoding: string, b: Uint8Array): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(b);
    } catch {
      return null;
    }
  };
  const mark = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (legacy && (mark ?? utf16WithoutMark(bytes))) {
    const encoding = mark ?? utf16WithoutMark(bytes)!;
    const text = decode(encoding, bytes);
    if (text === null) return { ok: false, formError: "notUtf8" };
    return text.includes("\u0000") ? { ok: false, formError: "badFile" } : { ok: true, text, encoding };
  }
  const utf8 = decode("utf-8", bytes);
  // windows-1252 decodes every byte; whether the result is TCVN3 is for the caller to judge.
  if (utf8 === null && (!legacy || mark)) return { ok: false, formError: "notUtf8" };
  const text = utf8 ?? new TextDecoder("windows-1252").decode(bytes);
  if (text.includes("\u0000")) return { ok: false, formError: "badFile" };
  return { ok: true, text, encoding: utf8 === null ? "windows-1252" : "utf-8" };
}
