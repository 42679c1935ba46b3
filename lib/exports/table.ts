// The one way the portal turns a table into a file: XLSX (exceljs), the first choice; a CSV for
// Excel with Vietnamese regional settings (`;` between fields, a decimal comma, UTF-8 with a
// byte-order mark so Vietnamese shows right), since that Excel opens a `,` file in one column; and
// the plain CSV (`,`, decimal point, also with the mark) for programs. Callers give translated
// headers and plain rows; the numbers in the file are the numbers the lib function computed for
// the screen.
import ExcelJS from "exceljs";
import { vietnamClock } from "@/lib/format/dates";

export type ExportFormat = "csv" | "excel-csv" | "xlsx";

/**
 * How a column's values are written: `text` as is; `int` as a whole number; `percent` a ratio
 * (0.6 → 60% in CSV, a number formatted 0% in XLSX, so a spreadsheet can still compute with it);
 * `date` a calendar day (a @db.Date at UTC midnight) as dd/mm/yyyy; `datetime` a moment, written as
 * Vietnam's wall-clock time (dd/mm/yyyy hh:mm; a date cell in XLSX); `decimal` a number with one
 * decimal place (hours worked); `points` the change of a rate (a ratio difference, 0.016): a number
 * of points in XLSX shown with the column's `unit` ("+1,6 điểm %"), the signed number in CSV ("+1,6"
 * for Excel, "+1.6" for programs; the header names the unit).
 */
export type ExportKind = "text" | "int" | "percent" | "date" | "datetime" | "decimal" | "points";

/** `unit`: what follows a `points` value ("điểm %"). */
export type ExportColumn = { key: string; header: string; kind?: ExportKind; width?: number; unit?: string };
export type ExportValue = string | number | Date | null | undefined;
export type ExportRow = Record<string, ExportValue>;
export type ExportTable = { sheet: string; columns: readonly ExportColumn[]; rows: readonly ExportRow[] };

export function parseExportFormat(value: string | null | undefined): ExportFormat {
  return value === "xlsx" ? "xlsx" : value === "excel-csv" ? "excel-csv" : "csv";
}

/** dd/mm/yyyy of a calendar day stored as UTC midnight. */
export function exportDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** A ratio as the screen shows it: a whole percent ("60%"). */
export function exportPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A moment as Vietnam's wall-clock time, "dd/mm/yyyy hh:mm" (the screen shows the same). */
export function exportDateTime(at: Date): string {
  const v = vietnamClock(at);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${exportDay(v)} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
}

/** A rate's change in percentage points, signed, one decimal: 0.016 → "+1,6 điểm %" (vi). */
export function exportPoints(change: number, unit: string, locale: "vi" | "en" = "vi"): string {
  const n = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).format(change * 100);
  return unit ? `${n} ${unit}` : n;
}

/** How a CSV is written: the machines' (`,`, decimal point) or Excel's in Vietnam (`;`, decimal comma). */
type CsvDialect = { separator: "," | ";"; decimalComma: boolean };
const MACHINE: CsvDialect = { separator: ",", decimalComma: false };
const EXCEL_VN: CsvDialect = { separator: ";", decimalComma: true };

function text(value: ExportValue, column: ExportColumn, dialect: CsvDialect): string {
  if (value === null || value === undefined) return "";
  const kind = column.kind ?? "text";
  if (value instanceof Date) return kind === "datetime" ? exportDateTime(value) : exportDay(value);
  if (typeof value === "number") {
    if (kind === "percent") return exportPercent(value);
    // The unit is in the header: a CSV holds the signed number of points ("+1,6" for Excel in Vietnam).
    if (kind === "points") return exportPoints(value, "", dialect.decimalComma ? "vi" : "en");
    if (dialect.decimalComma) return String(value).replace(".", ",");
  }
  return String(value);
}

/**
 * A CSV field: quoted when it holds the separator, a quote or a line break; a cell starting with
 * = + - @ or a tab would run as a formula in a spreadsheet, so it is prefixed with ' and quoted
 * (but for a plain signed number, "-5" or "+1,6", which a spreadsheet reads as the number).
 */
export function csvField(value: string, separator: "," | ";" = ","): string {
  const formula = /^[=+\-@\t]/.test(value) && !/^[+-]\d+([.,]\d+)?%?$/.test(value);
  if (!formula && !/["\r\n]/.test(value) && !value.includes(separator)) return value;
  return `"${(formula ? `'${value}` : value).replace(/"/g, '""')}"`;
}

/** CSV lines (header first) with a byte-order mark and CRLF line ends. */
export function csvFromLines(lines: readonly (readonly string[])[], separator: "," | ";" = ","): string {
  return `\uFEFF${lines.map((l) => l.map((v) => csvField(v, separator)).join(separator)).join("\r\n")}\r\n`;
}

function csv(table: ExportTable, dialect: CsvDialect): string {
  return csvFromLines(
    [table.columns.map((c) => c.header), ...table.rows.map((r) => table.columns.map((c) => text(r[c.key], c, dialect)))],
    dialect.separator,
  );
}

/** The CSV for programs: `,` between fields, a decimal point. */
export function toCsv(table: ExportTable): string {
  return csv(table, MACHINE);
}

/** The CSV for Excel with Vietnamese regional settings: `;` between fields, a decimal comma. */
export function toExcelCsv(table: ExportTable): string {
  return csv(table, EXCEL_VN);
}

const SHEET_NAME_MAX = 31;

/** A number format showing points signed with one decimal and their unit: +1,6 điểm %. */
function pointsFormat(unit: string): string {
  const u = unit ? ` "${unit.replace(/"/g, "")}"` : "";
  return `+0.0${u};-0.0${u};0.0${u}`;
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, " ").slice(0, SHEET_NAME_MAX) || "Sheet1");
  ws.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, Math.min(40, c.header.length + 2)),
    style:
      c.kind === "percent"
        ? { numFmt: "0%" }
        : c.kind === "date"
          ? { numFmt: "dd/mm/yyyy" }
          : c.kind === "datetime"
            ? { numFmt: "dd/mm/yyyy hh:mm" }
            : c.kind === "int"
              ? { numFmt: "#,##0" }
              : c.kind === "decimal"
                ? { numFmt: "#,##0.0" }
                : c.kind === "points"
                  ? { numFmt: pointsFormat(c.unit ?? "") }
                  : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of table.rows) {
    const row: Record<string, string | number | Date | null> = {};
    for (const c of table.columns) {
      const v = r[c.key];
      if (v === null || v === undefined) row[c.key] = null;
      // A number column may carry a word where there is no number (e.g. "never visited").
      else if (c.kind === "int" || c.kind === "percent" || c.kind === "decimal")
        row[c.key] = typeof v === "number" ? v : String(v);
      // Points are written as points (1.6), so the cell reads as the screen does.
      else if (c.kind === "points") row[c.key] = typeof v === "number" ? Math.round(v * 1000) / 10 : String(v);
      else if (c.kind === "date") row[c.key] = v instanceof Date ? v : String(v);
      // A spreadsheet's dates have no time zone: the cell holds Vietnam's wall-clock time.
      else if (c.kind === "datetime") row[c.key] = v instanceof Date ? vietnamClock(v) : String(v);
      else row[c.key] = v instanceof Date ? exportDay(v) : String(v);
    }
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The HTTP answer carrying the file: never cached, always an attachment. */
export async function exportResponse(table: ExportTable, format: ExportFormat, fileBase: string): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  const name = fileBase.replace(/[^A-Za-z0-9._-]/g, "-");
  if (format === "excel-csv") {
    return new Response(toExcelCsv(table), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}-excel.csv"`,
      },
    });
  }
  if (format === "xlsx") {
    return new Response(new Uint8Array(await toXlsx(table)), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${name}.xlsx"`,
      },
    });
  }
  return new Response(toCsv(table), {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
    },
  });
}
