// The list the official uploaded, given back with a "Lỗi" column: each problem of the preview on
// its row, so that the rows can be fixed in the same file and uploaded again. An XLSX comes back as
// itself (its formatting, other columns and formulas kept); a CSV comes back as an XLSX of its rows.
import ExcelJS from "exceljs";
import type { CurrentUser } from "@/lib/auth/user";
import type { ImportIssue } from "@/lib/imports/table";
import { batchFile } from "@/lib/onboarding/batches";

export type ErrorSheet = { fileName: string; bytes: Uint8Array };

/** `message` words one problem in the official's language; `title` is the column's header. */
export async function importErrorSheet(
  user: CurrentUser,
  id: number,
  title: string,
  message: (issue: ImportIssue) => string,
): Promise<ErrorSheet> {
  const { fileName, file, sheet, plan } = await batchFile(user, id);
  const byRow = new Map<number, string[]>();
  for (const p of plan.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), message(p)]);

  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  let column: number;
  const isXlsx = file[0] === 0x50 && file[1] === 0x4b; // "PK": a zip, as every XLSX is
  if (isXlsx) {
    await wb.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
    ws = wb.worksheets[0];
    column = Math.max(ws.columnCount, sheet.header.length) + 1;
  } else {
    ws = wb.addWorksheet("Danh sách");
    ws.addRow(sheet.header);
    for (const r of sheet.rows) ws.getRow(r.row).values = r.cells;
    column = sheet.header.length + 1;
  }
  const head = ws.getCell(1, column);
  head.value = title;
  head.font = { bold: true, color: { argb: "FFB91C1C" } };
  for (const [row, messages] of byRow) {
    const cell = ws.getCell(row, column);
    cell.value = messages.join("; ");
    cell.font = { color: { argb: "FFB91C1C" } };
  }
  ws.getColumn(column).width = 60;
  const base = fileName.replace(/\.(xlsx|csv|txt)$/i, "");
  return { fileName: `${base}-loi.xlsx`, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
