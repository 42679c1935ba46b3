import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readUpload } from "@/lib/imports/table";
import { guessEncoding, tcvn3ToUnicode } from "@/lib/imports/tcvn3";
import { ONBOARDING_MAX_BYTES, ONBOARDING_MAX_ROWS, readCommuneList } from "@/lib/onboarding/read";

const file = (bytes: Uint8Array | string, name = "danh-sach.csv") =>
  new File([typeof bytes === "string" ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name);

/** UTF-16 bytes of a text, little- or big-endian, with its byte-order mark. */
function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const le = Buffer.from("\uFEFF" + text, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return be;
}

async function xlsx(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return new File([(await wb.xlsx.writeBuffer()) as ArrayBuffer], "danh-sach.xlsx");
}

const EXPECTED = {
  ok: true,
  header: ["Họ và tên", "Năm sinh", "Thôn"],
  rows: [
    { row: 2, cells: ["Nguyễn Văn An", "1985", "Thôn Đông"] },
    { row: 3, cells: ["Trần Thị Bình", "1990", "Xóm Bãi"] },
  ],
};

describe("reading a commune's list: encodings and separators", () => {
  const lines = (sep: string) =>
    ["Họ và tên", "Năm sinh", "Thôn"].join(sep) +
    "\r\n" +
    ["Nguyễn Văn An", "1985", "Thôn Đông"].join(sep) +
    "\r\n" +
    ["Trần Thị Bình", "1990", "Xóm Bãi"].join(sep) +
    "\r\n";

  it("reads UTF-8 with and without a byte-order mark", async () => {
    expect(await readCommuneList(file(lines(",")))).toEqual(EXPECTED);
    expect(await readCommuneList(file("\uFEFF" + lines(",")))).toEqual(EXPECTED);
  });

  it("reads ';' (a Vietnamese Excel's CSV) and tab separators", async () => {
    expect(await readCommuneList(file(lines(";")))).toEqual(EXPECTED);
    expect(await readCommuneList(file(lines("\t"), "danh-sach.txt"))).toEqual(EXPECTED);
  });

  it("reads UTF-16 LE and BE, Excel's “Unicode Text” (tab-separated)", async () => {
    expect(await readCommuneList(file(utf16(lines("\t"), "le"), "danh-sach.txt"))).toEqual(EXPECTED);
    expect(await readCommuneList(file(utf16(lines("\t"), "be"), "danh-sach.txt"))).toEqual(EXPECTED);
    // Without its mark too: every other byte of the ASCII is zero.
    expect(await readCommuneList(file(utf16(lines("\t"), "le").slice(2)))).toEqual(EXPECTED);
    // A broken one (odd length) is refused.
    expect(await readCommuneList(file(new Uint8Array([0xff, 0xfe, 0x41])))).toEqual({ ok: false, formError: "notUtf8" });
  });

  it("leaves the older imports strict: UTF-8 only, no TCVN3", async () => {
    expect(await readUpload(file(utf16(lines("\t"), "le")))).toEqual({ ok: false, formError: "notUtf8" });
    const tcvn3 = "Hä vµ tªn,Th«n\nNguyÔn V¨n An,Th«n §«ng\n";
    expect(await readUpload(file(tcvn3))).toMatchObject({ ok: true, header: ["Hä vµ tªn", "Th«n"] });
  });
});

describe("reading a commune's list: TCVN3 (.VnTime) text", () => {
  // "Họ và tên", "Quan hệ với chủ hộ", "Nguyễn Văn An", "Chủ hộ", "Lê Văn Cường", "Nữ"… typed with
  // the .VnTime font: the characters Excel keeps for them.
  const header = ["Hä vµ tªn", "Quan hÖ víi chñ hé", "N¨m sinh", "Giíi tÝnh", "Th«n"];
  const data = [
    ["NguyÔn V¨n An", "Chñ hé", "1985", "Nam", "Th«n §«ng"],
    ["TrÇn ThÞ B×nh", "Vî", "1990", "N÷", "Th«n §«ng"],
    ["Lª V¨n C\u00adêng", "Con", "2012", "Nam", "Th«n §«ng"],
  ];
  const unicode = {
    header: ["Họ và tên", "Quan hệ với chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
    rows: [
      { row: 2, cells: ["Nguyễn Văn An", "Chủ hộ", "1985", "Nam", "Thôn Đông"] },
      { row: 3, cells: ["Trần Thị Bình", "Vợ", "1990", "Nữ", "Thôn Đông"] },
      { row: 4, cells: ["Lê Văn Cường", "Con", "2012", "Nam", "Thôn Đông"] },
    ],
  };
  const csv = [header, ...data].map((r) => r.join(";")).join("\r\n");

  it("maps every letter of the VN3 table", () => {
    expect(tcvn3ToUnicode("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦")).toBe(
      "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
    );
  });

  it("converts a CSV saved as UTF-8 and one saved as 8-bit (the ANSI code page)", async () => {
    expect(await readCommuneList(file(csv))).toEqual({ ok: true, ...unicode, tcvn3: true });
    expect(await readCommuneList(file(Buffer.from(csv, "latin1")))).toEqual({ ok: true, ...unicode, tcvn3: true });
  });

  it("converts XLSX cells, and the data alone under a header retyped in Unicode", async () => {
    expect(await readCommuneList(await xlsx([header, ...data]))).toEqual({ ok: true, ...unicode, tcvn3: true });
    expect(await readCommuneList(await xlsx([unicode.header, ...data]))).toEqual({ ok: true, ...unicode, tcvn3: true });
  });

  it("refuses TCVN3 mixed with Unicode in the data, and 8-bit text that is not TCVN3", async () => {
    const mixed = await xlsx([unicode.header, ...data, ["Phạm Thị Dung", "Con", "2015", "Nữ", "Thôn Đông"]]);
    expect(await readCommuneList(mixed)).toEqual({ ok: false, formError: "mixedEncoding" });
    // windows-1258 (Vietnamese Windows' own code page, combining tone marks): "Nguyễn" is
    // "Nguy" + ê + a combining tilde (0xDE). No way to tell it from other 8-bit code pages.
    const cp1258 = new Uint8Array([...Buffer.from("Ho ten\nNguy"), 0xea, 0xde, ...Buffer.from("n\n")]);
    expect(await readCommuneList(file(cp1258))).toEqual({ ok: false, formError: "notUtf8" });
  });

  it("leaves Unicode text with a stray symbol alone", () => {
    expect(guessEncoding(["Thôn 3 · xóm 2", "© Công ty ABC®", "Nguyễn Văn An"])).toBe("unicode");
    expect(guessEncoding(["Hà Nội", "Lê Thị Mơ"])).toBe("unicode");
    expect(guessEncoding(["Lª ThÞ M¬"])).toBe("tcvn3");
    expect(guessEncoding(["Lª ThÞ M¬", "Lê Thị Mơ"])).toBe("mixed");
  });
});

describe("reading a commune's list: XLSX cells", () => {
  it("reads formula cells as their saved values, never evaluating them, and date cells as days", async () => {
    const f = await xlsx(
      [
        ["Họ và tên", "Ngày sinh", "Năm sinh", "Số điện thoại"],
        ["Nguyễn Văn An", new Date(Date.UTC(1985, 2, 15)), { formula: "YEAR(B2)", result: 1985 }, "0912 345 678"],
        // A formula saved without a value (written by a program, never opened in Excel): empty,
        // not computed; a formula whose saved value is text; an error value.
        [
          "Trần Thị Bình",
          { formula: "DATE(1990,1,2)", result: new Date(Date.UTC(1990, 0, 2)) },
          { formula: "1+1" },
          { formula: 'TEXT(912345678,"0")', result: "912345678" },
        ],
        ["Lê Văn Cường", "02/01/2012", { formula: "1/0", result: { error: "#DIV/0!" } }, 912345678],
      ],
      (ws) => {
        ws.getColumn(2).numFmt = "dd/mm/yyyy";
        ws.getCell("B3").numFmt = "dd/mm/yyyy";
      },
    );
    expect(await readCommuneList(f)).toEqual({
      ok: true,
      header: ["Họ và tên", "Ngày sinh", "Năm sinh", "Số điện thoại"],
      rows: [
        { row: 2, cells: ["Nguyễn Văn An", "1985-03-15", "1985", "0912 345 678"] },
        { row: 3, cells: ["Trần Thị Bình", "1990-01-02", "", "912345678"] },
        { row: 4, cells: ["Lê Văn Cường", "02/01/2012", "", "912345678"] },
      ],
    });
  });
});

describe("reading a commune's list: limits", () => {
  const people = (n: number) =>
    "Họ và tên;Năm sinh\n" + Array.from({ length: n }, (_, i) => `Người ${i + 1};${1950 + (i % 60)}`).join("\n");

  it(`reads up to ${ONBOARDING_MAX_ROWS} data rows of CSV and refuses one more`, async () => {
    const read = await readCommuneList(file(people(ONBOARDING_MAX_ROWS)));
    expect(read).toMatchObject({ ok: true });
    expect(read.ok && read.rows.at(-1)).toEqual({
      row: ONBOARDING_MAX_ROWS + 1,
      cells: [`Người ${ONBOARDING_MAX_ROWS}`, "1969"],
    });
    expect(await readCommuneList(file(people(ONBOARDING_MAX_ROWS + 1)))).toEqual({ ok: false, formError: "tooManyRows" });
  });

  it("counts an XLSX sheet's rows while streaming it", async () => {
    const rows = (n: number) => [
      ["Họ và tên", "Năm sinh"],
      ...Array.from({ length: n }, (_, i) => [`Người ${i + 1}`, 1950 + (i % 60)]),
    ];
    expect(await readCommuneList(await xlsx(rows(ONBOARDING_MAX_ROWS)))).toMatchObject({ ok: true });
    expect(await readCommuneList(await xlsx(rows(ONBOARDING_MAX_ROWS + 1)))).toEqual({ ok: false, formError: "tooManyRows" });
  });

  it("refuses a file over 5 MB, which the older imports' 1 MB would have refused long before", async () => {
    const big = people(10).padEnd(ONBOARDING_MAX_BYTES + 1, " ");
    expect(await readCommuneList(file(big))).toEqual({ ok: false, formError: "tooBig" });
    const justUnder = "Họ và tên;Năm sinh\nAn;1985;" + "x".repeat(ONBOARDING_MAX_BYTES - 64) + "\n";
    expect(await readCommuneList(file(justUnder))).toMatchObject({ ok: true });
    expect(await readUpload(file(justUnder))).toEqual({ ok: false, formError: "tooBig" });
  });
});
