// The one way the portal turns a table into a file: CSV (UTF-8 with a byte-order mark, so Excel
// shows Vietnamese correctly) or XLSX (exceljs). Callers give translated headers and plain rows;
// the numbers in the file are the numbers the lib function computed for the screen.
import ExcelJS from "exceljs";

export type ExportFormat = "csv" | "xlsx";

/**
 * How a column's values are written: `text` as is; `int` as a whole number; `percent` a ratio
 * (0.6 → 60% in CSV, a number formatted 0% in XLSX, so a spreadsheet can still compute with it);
 * `date` a calendar day (a @db.Date at UTC midnight) as dd/mm/yyyy; `decimal` a number with one
 * decimal place (hours worked).
 */
export type ExportKind = "text" | "int" | "percent" | "date" | "decimal";

export type ExportColumn = { key: string; header: string; kind?: ExportKind; width?: number };
export type ExportValue = string | number | Date | null | undefined;
export type ExportRow = Record<string, ExportValue>;
export type ExportTable = { sheet: string; columns: readonly ExportColumn[]; rows: readonly ExportRow[] };

export function parseExportFormat(value: string | null | undefined): ExportFormat {
  return value === "xlsx" ? "xlsx" : "csv";
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

function text(value: ExportValue, kind: ExportKind = "text"): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return exportDay(value);
  if (kind === "percent" && typeof value === "number") return exportPercent(value);
  return String(value);
}

/**
 * A CSV field: quoted when it holds a separator, a quote or a line break; a cell starting with
 * = + - @ or a tab would run as a formula in a spreadsheet, so it is prefixed with ' and quoted.
 */
export function csvField(value: string): string {
  const formula = /^[=+\-@\t]/.test(value);
  if (!formula && !/[",\r\n]/.test(value)) return value;
  return `"${(formula ? `'${value}` : value).replace(/"/g, '""')}"`;
}

/** CSV lines (header first) with a byte-order mark and CRLF line ends. */
export function csvFromLines(lines: readonly (readonly string[])[]): string {
  return `\uFEFF${lines.map((l) => l.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export function toCsv(table: ExportTable): string {
  return csvFromLines([
    table.columns.map((c) => c.header),
    ...table.rows.map((r) => table.columns.map((c) => text(r[c.key], c.kind))),
  ]);
}

const SHEET_NAME_MAX = 31;

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
          : c.kind === "int"
            ? { numFmt: "#,##0" }
            : c.kind === "decimal"
              ? { numFmt: "#,##0.0" }
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
      else if (c.kind === "date") row[c.key] = v instanceof Date ? v : String(v);
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
