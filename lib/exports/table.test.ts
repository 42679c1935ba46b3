// The files' formats, read back byte by byte: the machines' CSV (`,`), the CSV for Excel with
// Vietnamese regional settings (`;`, decimal comma, UTF-8 with a byte-order mark) and the XLSX's
// cell types (points of a rate's change, moments as date cells).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  exportPoints,
  exportResponse,
  parseExportFormat,
  toCsv,
  toExcelCsv,
  toXlsx,
  type ExportTable,
} from "@/lib/exports/table";

const AT = new Date("2026-03-02T02:05:00Z"); // 09:05 in Vietnam

const TABLE: ExportTable = {
  sheet: "Thử",
  columns: [
    { key: "name", header: "Họ tên", kind: "text" },
    { key: "hours", header: "Số giờ", kind: "decimal" },
    { key: "rate", header: "Tỷ lệ", kind: "percent" },
    { key: "change", header: "Thay đổi (điểm %)", kind: "points", unit: "điểm %" },
    { key: "at", header: "Thời gian", kind: "datetime" },
    { key: "count", header: "Số lượt", kind: "int" },
  ],
  rows: [
    { name: "Nguyễn Văn Đức; Thôn Đông", hours: 1.5, rate: 0.6, change: 0.016, at: AT, count: 1234 },
    { name: "=SUM(A1)", hours: null, rate: null, change: -0.004, at: null, count: 0 },
  ],
};

const BOM = [0xef, 0xbb, 0xbf];

describe("the CSV for Excel in Vietnam", () => {
  it("is UTF-8 with a byte-order mark, `;` between fields and a decimal comma", () => {
    const bytes = Buffer.from(toExcelCsv(TABLE), "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("Họ tên;Số giờ;Tỷ lệ;Thay đổi (điểm %);Thời gian;Số lượt");
    // A field holding `;` is quoted; a `,` no longer needs to be.
    expect(lines[1]).toBe('"Nguyễn Văn Đức; Thôn Đông";1,5;60%;+1,6;02/03/2026 09:05;1234');
    // A formula is never run.
    expect(lines[2]).toBe(`"'=SUM(A1)";;;-0,4;;0`);
    expect(lines[3]).toBe("");
  });

  it("leaves the machines' CSV as it was: `,` between fields, a decimal point", () => {
    const text = toCsv(TABLE);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("Họ tên,Số giờ,Tỷ lệ,Thay đổi (điểm %),Thời gian,Số lượt");
    expect(lines[1]).toBe("Nguyễn Văn Đức; Thôn Đông,1.5,60%,+1.6,02/03/2026 09:05,1234");
  });

  it("is asked for as ?format=excel-csv and named apart", async () => {
    expect(parseExportFormat("excel-csv")).toBe("excel-csv");
    expect(parseExportFormat("xlsx")).toBe("xlsx");
    expect(parseExportFormat("csv")).toBe("csv");
    expect(parseExportFormat("nope")).toBe("csv");
    const res = await exportResponse(TABLE, "excel-csv", "bang");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="bang-excel.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    expect(new TextDecoder().decode(bytes.subarray(3)).split("\r\n")[0]).toContain(";");
  });
});

describe("points of a rate's change", () => {
  it("read signed, with one decimal, in the reader's language", () => {
    // A plain signed number is not taken for a formula; anything else starting with + - = @ is.
    expect(
      toExcelCsv({ ...TABLE, rows: [{ name: "-5" }, { name: "+1,6" }, { name: "-1+2" }, { name: "+x" }] })
        .split("\r\n")
        .slice(1, 5)
        .map((l) => l.split(";")[0]),
    ).toEqual(["-5", "+1,6", `"'-1+2"`, `"'+x"`]);
    expect(exportPoints(0.016, "điểm %")).toBe("+1,6 điểm %");
    expect(exportPoints(-0.016, "điểm %")).toBe("-1,6 điểm %");
    expect(exportPoints(0, "điểm %")).toBe("0,0 điểm %");
    expect(exportPoints(0.016, "points", "en")).toBe("+1.6 points");
  });
});

describe("the XLSX's cells", () => {
  it("hold points as a number of points and moments as date cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(TABLE)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const change = ws.getCell("D2");
    expect(change.type).toBe(ExcelJS.ValueType.Number);
    expect(change.value).toBe(1.6);
    expect(change.numFmt).toBe('+0.0 "điểm %";-0.0 "điểm %";0.0 "điểm %"');
    expect(ws.getCell("D3").value).toBe(-0.4);
    const at = ws.getCell("E2");
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    expect(at.numFmt).toBe("dd/mm/yyyy hh:mm");
    // The sheet has no time zone: the cell reads Vietnam's wall clock.
    expect((at.value as Date).toISOString()).toBe("2026-03-02T09:05:00.000Z");
    expect(ws.getCell("E3").value).toBeNull();
    expect(ws.getCell("C2").value).toBe(0.6);
    expect(ws.getCell("C2").numFmt).toBe("0%");
  });
});
