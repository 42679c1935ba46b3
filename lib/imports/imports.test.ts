import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectSeparator, parseCsv } from "@/lib/imports/csv";
import { matchColumns, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_XLSX_UNPACKED_BYTES, readUpload } from "@/lib/imports/table";
import { foldName, plainCount, plainMonth } from "@/lib/imports/text";

const csvFile = (text: string, name = "a.csv") => new File([text], name, { type: "text/csv" });

/** A zip written by hand (deflated entries, a central directory): a hostile file need not come from Excel. */
function zip(entries: Record<string, string>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const file = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(file.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc32(raw), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(file.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, file, data);
    central.push(entry, file);
    offset += local.length + file.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** An XLSX file whose one sheet has the rows `sheetData` holds (XML), written by hand. */
function xlsxOf(sheetData: string): File {
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const bytes = zip({
    "[Content_Types].xml":
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      "</Types>",
    "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`,
  });
  return new File([bytes as Uint8Array<ArrayBuffer>], "so-lieu.xlsx");
}

const numberRows = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `<row r="${from + i}"><c r="A${from + i}"><v>${from + i}</v></c></row>`).join(
    "",
  );

describe("CSV parsing", () => {
  it("reads quoted fields, doubled quotes, line breaks in quotes, CRLF and a byte-order mark", async () => {
    const text = '\uFEFFThôn,"Ghi chú"\r\n"Thôn Đông, xóm 1","nói ""có""\r\nhai dòng"\r\nThôn Tây,\r\n';
    expect(await parseCsv(text)).toEqual([
      ["Thôn", "Ghi chú"],
      ["Thôn Đông, xóm 1", 'nói "có"\r\nhai dòng'],
      ["Thôn Tây", ""],
    ]);
  });

  it("detects a semicolon or tab separator (a Vietnamese Excel writes ';')", async () => {
    expect(detectSeparator('"a,b";c;d\n1,2;3;4')).toBe(";");
    expect(detectSeparator("a\tb\tc")).toBe("\t");
    expect(detectSeparator("a,b;c,d")).toBe(",");
    expect(await parseCsv("Thôn;Số người\nThôn Đông;18,5\n")).toEqual([
      ["Thôn", "Số người"],
      ["Thôn Đông", "18,5"],
    ]);
  });

  it("keeps empty records in place so row numbers match the spreadsheet", async () => {
    expect(await parseCsv("a,b\n\n1,2\n,\n")).toEqual([["a", "b"], [], ["1", "2"]]);
  });
});

describe("numbers, months and names as people type them", () => {
  it("reads grouped thousands and month formats", () => {
    expect(["18.625", "18,625", "18 625", "1.234.567", "42"].map(plainCount)).toEqual([
      "18625",
      "18625",
      "18625",
      "1234567",
      "42",
    ]);
    // Not grouped by three: left for the schema to refuse.
    expect(plainCount("1.5")).toBe("1.5");
    expect(plainCount("18.62")).toBe("18.62");
    expect(["2026-10", "2026-1", "10/2026", "1/2026", "03-2026", "2026/07"].map(plainMonth)).toEqual([
      "2026-10",
      "2026-01",
      "2026-10",
      "2026-01",
      "2026-03",
      "2026-07",
    ]);
    expect(plainMonth("tháng 10")).toBe("tháng 10");
  });

  it("folds tone marks, đ and case", () => {
    expect(foldName("  Thôn  ĐÔNG Hưng ")).toBe("thon dong hung");
    expect(foldName("thon dong hung")).toBe(foldName("Thôn Đông Hưng"));
  });
});

describe("uploads", () => {
  it("reads a CSV upload with row numbers, skipping blank rows", async () => {
    const r = await readUpload(csvFile("Thôn;Tham gia;Truy cập\n\nThôn A;1;2\nThôn B;3;4\n"));
    expect(r).toEqual({
      ok: true,
      header: ["Thôn", "Tham gia", "Truy cập"],
      rows: [
        { row: 3, cells: ["Thôn A", "1", "2"] },
        { row: 4, cells: ["Thôn B", "3", "4"] },
      ],
    });
  });

  it("reads the first sheet of an XLSX upload, dates as months", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Số liệu");
    ws.addRow(["Tháng", "Tổng số hồ sơ", "Trực tuyến"]);
    ws.addRow([new Date(Date.UTC(2026, 8, 1)), 120, { formula: "B2/2", result: 60 }]);
    ws.addRow([{ richText: [{ text: "10/" }, { text: "2026" }] }, 100, 40]);
    const buf = await wb.xlsx.writeBuffer();
    const r = await readUpload(new File([buf as ArrayBuffer], "so-lieu.xlsx"));
    expect(r).toEqual({
      ok: true,
      header: ["Tháng", "Tổng số hồ sơ", "Trực tuyến"],
      rows: [
        { row: 2, cells: ["2026-09", "120", "60"] },
        { row: 3, cells: ["10/2026", "100", "40"] },
      ],
    });
  });

  it("counts an XLSX sheet's rows while reading it, and stops at the limit without reading the rest", async () => {
    expect(await readUpload(xlsxOf(numberRows(1, 3)))).toEqual({
      ok: true,
      header: ["1"],
      rows: [
        { row: 2, cells: ["2"] },
        { row: 3, cells: ["3"] },
      ],
    });
    expect(await readUpload(xlsxOf(numberRows(1, MAX_IMPORT_ROWS + 1)))).toMatchObject({ ok: true });
    expect(await readUpload(xlsxOf(numberRows(1, MAX_IMPORT_ROWS + 2)))).toEqual({ ok: false, formError: "tooManyRows" });
    expect(await readUpload(xlsxOf(numberRows(1, 20_000)))).toEqual({ ok: false, formError: "tooManyRows" });
    // Past the limit the sheet is broken: a reader that loads the whole workbook first fails there
    // (after building every row before it); one that counts as it reads refuses before reaching it.
    expect(await readUpload(xlsxOf(numberRows(1, 20_000) + "<row></broken>"))).toEqual({ ok: false, formError: "tooManyRows" });
  });

  it("refuses an XLSX that unpacks past the limit (a zip bomb) before ExcelJS reads it", async () => {
    // 30 MB of spaces after three good rows: about 30 KB once packed, well under the upload limit.
    const bomb = xlsxOf(numberRows(1, 3) + "<!--" + " ".repeat(MAX_XLSX_UNPACKED_BYTES + 10 * 1024 * 1024) + "-->");
    expect(bomb.size).toBeLessThan(MAX_IMPORT_BYTES);
    expect(await readUpload(bomb)).toEqual({ ok: false, formError: "tooBigUnpacked" });
    // Just under the limit is read as usual.
    expect(
      await readUpload(xlsxOf(numberRows(1, 3) + "<!--" + " ".repeat(MAX_XLSX_UNPACKED_BYTES - 64 * 1024) + "-->")),
    ).toMatchObject({
      ok: true,
      header: ["1"],
    });
  });

  it("refuses what is not a usable table", async () => {
    expect(await readUpload(null)).toEqual({ ok: false, formError: "noFile" });
    expect(await readUpload("x")).toEqual({ ok: false, formError: "noFile" });
    expect(await readUpload(new File([], "a.csv"))).toEqual({ ok: false, formError: "noFile" });
    expect(await readUpload(new File(["x"], "a.pdf"))).toEqual({ ok: false, formError: "badType" });
    expect(await readUpload(new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], "a.csv"))).toEqual({
      ok: false,
      formError: "tooBig",
    });
    expect(await readUpload(new File([new Uint8Array([0xff, 0xfe, 0x41])], "a.csv"))).toEqual({
      ok: false,
      formError: "notUtf8",
    });
    expect(await readUpload(new File(["PK\u0003\u0004garbage"], "a.xlsx"))).toEqual({ ok: false, formError: "badFile" });
    expect(await readUpload(new File(["not a zip"], "a.xlsx"))).toEqual({ ok: false, formError: "badFile" });
    expect(await readUpload(csvFile("a,b\n"))).toEqual({ ok: false, formError: "noRows" });
    expect(await readUpload(csvFile('a,"b\n1,2'))).toEqual({ ok: false, formError: "badFile" });
    const many = "a,b\n" + "1,2\n".repeat(MAX_IMPORT_ROWS + 1);
    expect(await readUpload(csvFile(many))).toEqual({ ok: false, formError: "tooManyRows" });
    expect(await readUpload(csvFile("a,b\n" + "1,2\n".repeat(MAX_IMPORT_ROWS)))).toMatchObject({ ok: true });
  });

  it("matches columns by their words, each column once", () => {
    const fields = [
      { field: "online", words: ["truc tuyen"] },
      { field: "total", words: ["ho so"] },
      { field: "extra", words: ["so hoa"], optional: true },
    ] as const;
    expect(matchColumns(["Số hồ sơ nộp TRỰC TUYẾN", "Tổng số hồ sơ"], fields)).toEqual({
      ok: true,
      columns: { online: 0, total: 1 },
    });
    expect(matchColumns(["Tháng"], fields)).toEqual({
      ok: false,
      formError: "badHeader",
      issues: [
        { row: 1, key: "missingColumn", values: { column: "online" } },
        { row: 1, key: "missingColumn", values: { column: "total" } },
      ],
    });
  });
});
