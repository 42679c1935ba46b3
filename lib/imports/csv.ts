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
