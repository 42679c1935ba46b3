// An uploaded table (CSV or XLSX) read into rows of text, with the limits every import shares.
// Parsing only: what the columns mean and how rows are saved belong to each domain (lib/figures,
// lib/contests), which validate every row with their own form schema.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import { decodeCsv, parseCsv } from "@/lib/imports/csv";
import type { RowIssue } from "@/lib/validation/refusal";
import { guessEncoding, tcvn3ToUnicode } from "@/lib/imports/tcvn3";
import { foldName } from "@/lib/imports/text";

export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Data rows per file (not counting the header): a commune has dozens of villages, a year 12 months. */
export const MAX_IMPORT_ROWS = 500;

/**
 * What an XLSX may unpack to, all its parts together. A 500-row sheet is well under 1 MB of XML;
 * the limit stops a 1 MB upload that inflates a thousand times (a "zip bomb").
 */
export const MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024;

/** How much one upload may hold; each domain passes its own (figures and contests: IMPORT_LIMITS). */
export type TableLimits = {
  /** Bytes of the file. */
  maxBytes: number;
  /** Data rows, the header not counted. */
  maxRows: number;
  /** Cells read from each row (those past it are ignored). */
  maxColumns: number;
  /** What an XLSX may unpack to, all its parts together. */
  maxUnpackedBytes: number;
};

export const IMPORT_LIMITS: TableLimits = {
  maxBytes: MAX_IMPORT_BYTES,
  maxRows: MAX_IMPORT_ROWS,
  maxColumns: 20,
  maxUnpackedBytes: MAX_XLSX_UNPACKED_BYTES,
};

export type ReadOptions = {
  limits?: TableLimits;
  /** How a date cell is written: "2026-09" (a month of figures, the default) or "1985-03-15". */
  dates?: "month" | "day";
  /**
   * Also accept UTF-16 CSV (Excel's "Unicode Text") and text typed in TCVN3 (.VnTime), converted
   * to Unicode; a part of the table mixing TCVN3 and Unicode is refused ("mixedEncoding").
   */
  legacyText?: boolean;
};

/** Message keys in `imports.errors`; `row` is the row number a spreadsheet shows (the header is row 1). */
/** A problem on one row (lib/validation/refusal's RowIssue: a refused import carries them). */
export type ImportIssue = RowIssue;

export type ImportFailure = { ok: false; formError: string; issues?: ImportIssue[] };

/** `tcvn3`: some of the text was typed in TCVN3 and has been converted (only with `legacyText`). */
export type UploadedTable = { ok: true; header: string[]; rows: { row: number; cells: string[] }[]; tcvn3?: true };

type Upload = { name: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> };

const isUpload = (v: unknown): v is Upload =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Upload).name === "string" &&
  typeof (v as Upload).size === "number" &&
  typeof (v as Upload).arrayBuffer === "function";

/**
 * Whether a number format shows a date: a y, m, d… outside quotes and brackets, as ExcelJS decides
 * for the cells it converts itself (utils.isDateFmt, not exported).
 */
function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** A cell as text: a formula as the value Excel saved with it (never evaluated here). */
function cellText(value: ExcelJS.CellValue, dates: "month" | "day", numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, dates === "day" ? 10 : 7);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string" || typeof value === "boolean") return String(value).trim();
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("result" in value) {
      // ExcelJS turns a date-formatted number into a Date, but not a formula's saved number.
      const result = value.result as ExcelJS.CellValue;
      if (typeof result === "number" && isDateFormat(numFmt) && Number.isFinite(result))
        return cellText(new Date(Math.round((result - 25569) * 86_400_000)), dates);
      return cellText(result, dates);
    }
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return "";
  }
  return "";
}

/**
 * Whether the workbook's parts unpack to at most `limit` bytes, counted while they are unpacked
 * (the sizes a zip declares can lie) and stopped as soon as they pass it. Counted with unzipper,
 * the very parser ExcelJS reads the file with, so both see the same parts.
 */
async function unpacksWithinLimit(bytes: Uint8Array, limit: number): Promise<boolean> {
  const input = Readable.from([Buffer.from(bytes)]);
  const zip = input.pipe(unzipper.Parse({ forceStream: true }));
  let total = 0;
  try {
    for await (const entry of zip as AsyncIterable<NodeJS.ReadableStream & { autodrain: () => void }>) {
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limit) return false;
      }
    }
    return true;
  } finally {
    input.destroy();
    (zip as unknown as { destroy?: () => void }).destroy?.();
  }
}

/**
 * The first sheet's rows (at most `maxColumns` cells each), or null when it has rows past the limit.
 * The sheet is streamed and counted while it is read: a 290 KB file can hold a million rows, and
 * loading the whole workbook took 40 s and 700 MB before a single row could be refused.
 */
async function xlsxRows(
  bytes: Uint8Array,
  { maxRows, maxColumns }: TableLimits,
  dates: "month" | "day",
): Promise<string[][] | null> {
  const input = Readable.from([Buffer.from(bytes)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell a date from a number.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const rows: string[][] = [];
  try {
    for await (const sheet of reader) {
      let read = 0;
      for await (const row of sheet) {
        // A row without its number follows the one before.
        const number = row.number >= 1 ? row.number : rows.length + 1;
        // The header, maxRows data rows and a blank one may end the sheet; anything past is too many.
        if (++read > maxRows + 2 || number > maxRows + 2) return null;
        const cells: string[] = [];
        for (let c = 1; c <= Math.min(row.cellCount, maxColumns); c++) {
          const cell = row.getCell(c);
          cells.push(cellText(cell.value, dates, cell.numFmt));
        }
        while (rows.length < number - 1) rows.push([]);
        rows[number - 1] = cells;
      }
      break; // the first sheet only
    }
  } finally {
    input.destroy();
  }
  while (rows.length && rows[rows.length - 1]!.every((c) => c === "")) rows.pop();
  return rows;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads an uploaded CSV or XLSX file (the first sheet). Refuses a missing or empty file, one over
 * the limits (by default 1 MB, 500 rows, 20 MB unpacked), another kind of file, and text that is
 * not UTF-8 (with `legacyText`: not UTF-8, UTF-16 or TCVN3).
 */
export async function readUpload(file: unknown, options: ReadOptions = {}): Promise<UploadedTable | ImportFailure> {
  const limits = options.limits ?? IMPORT_LIMITS;
  const dates = options.dates ?? "month";
  if (!isUpload(file) || file.size === 0) return { ok: false, formError: "noFile" };
  if (file.size > limits.maxBytes) return { ok: false, formError: "tooBig" };
  const name = file.name.toLowerCase();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > limits.maxBytes) return { ok: false, formError: "tooBig" };
  let rows: string[][];
  let eightBit = false;
  try {
    if (name.endsWith(".xlsx") || isZip(bytes)) {
      if (!isZip(bytes)) return { ok: false, formError: "badFile" };
      if (!(await unpacksWithinLimit(bytes, limits.maxUnpackedBytes))) return { ok: false, formError: "tooBigUnpacked" };
      const read = await xlsxRows(bytes, limits, dates);
      if (read === null) return { ok: false, formError: "tooManyRows" };
      rows = read;
    } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
      const decoded = decodeCsv(bytes, { legacy: options.legacyText });
      if (!decoded.ok) return decoded;
      eightBit = decoded.encoding === "windows-1252";
      rows = await parseCsv(decoded.text, limits.maxRows + 2);
    } else {
      return { ok: false, formError: "badType" };
    }
  } catch (err) {
    // The parser's own words, for an operator (no cell content: parsers name offsets, not values).
    console.warn(`[imports] unreadable ${name.endsWith(".xlsx") ? "XLSX" : "file"}: ${(err as Error).message?.slice(0, 200)}`);
    return { ok: false, formError: "badFile" };
  }
  const [header, ...data] = rows;
  if (!header || header.every((c) => c === "")) return { ok: false, formError: "emptyFile" };
  if (data.length > limits.maxRows) return { ok: false, formError: "tooManyRows" };
  const body = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ""));
  if (body.length === 0) return { ok: false, formError: "noRows" };
  if (!options.legacyText) return { ok: true, header, rows: body };
  return fromTcvn3({ ok: true, header, rows: body }, eightBit);
}

/**
 * The table with its TCVN3 text converted. The header and the data are judged apart (a header
 * retyped in Unicode above a TCVN3 list is common); a part mixing both is refused, and so is 8-bit
 * text that is not TCVN3 (windows-1258, VNI…: no way to tell which).
 */
function fromTcvn3(table: UploadedTable, eightBit: boolean): UploadedTable | ImportFailure {
  const inHeader = guessEncoding(table.header);
  const inData = guessEncoding(table.rows.flatMap((r) => r.cells));
  if (inHeader === "mixed" || inData === "mixed") return { ok: false, formError: "mixedEncoding" };
  // 8-bit text (not UTF-8, so with some byte past ASCII) that is not TCVN3 cannot be read.
  if (inHeader !== "tcvn3" && inData !== "tcvn3") return eightBit ? { ok: false, formError: "notUtf8" } : table;
  return {
    ok: true,
    header: inHeader === "tcvn3" ? table.header.map(tcvn3ToUnicode) : table.header,
    rows: inData === "tcvn3" ? table.rows.map((r) => ({ row: r.row, cells: r.cells.map(tcvn3ToUnicode) })) : table.rows,
    tcvn3: true,
  };
}

/**
 * Which column holds each field: the first header cell, folded, that contains one of the field's
 * words. Fields are tried in order, so list the more specific ones first ("trực tuyến" before
 * "hồ sơ"); a column is given to one field only.
 */
export function matchColumns<F extends string>(
  header: string[],
  fields: readonly { field: F; words: readonly string[]; optional?: boolean }[],
): { ok: true; columns: Partial<Record<F, number>> } | ImportFailure {
  const folded = header.map(foldName);
  const taken = new Set<number>();
  const columns: Partial<Record<F, number>> = {};
  const missing: F[] = [];
  for (const { field, words, optional } of fields) {
    const i = folded.findIndex((h, j) => !taken.has(j) && h !== "" && words.some((w) => h.includes(w)));
    if (i >= 0) {
      columns[field] = i;
      taken.add(i);
    } else if (!optional) missing.push(field);
  }
  if (missing.length)
    return {
      ok: false,
      formError: "badHeader",
      issues: missing.map((f) => ({ row: 1, key: "missingColumn", values: { column: f } })),
    };
  return { ok: true, columns };
}
