import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { UploadedTable } from "@/lib/imports/table";
import { COLUMN_MEANINGS, suggestMapping } from "@/lib/onboarding/columns";
import { groupHouseholds, type GroupedList, type ImportedHousehold } from "@/lib/onboarding/households";
import { readCommuneList } from "@/lib/onboarding/read";
import { excelSerialDate, isHeadRelation, parseBirth, parseGender, parsePhone } from "@/lib/onboarding/values";

async function readCsv(text: string): Promise<UploadedTable> {
  const table = await readCommuneList(new File([text], "danh-sach.csv"));
  if (!table.ok) throw new Error(table.formError);
  return table;
}

async function readXlsx(rows: unknown[][]): Promise<UploadedTable> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Nhân khẩu");
  for (const r of rows) ws.addRow(r);
  const table = await readCommuneList(new File([(await wb.xlsx.writeBuffer()) as ArrayBuffer], "nhan-khau.xlsx"));
  if (!table.ok) throw new Error(table.formError);
  return table;
}

function grouped(table: UploadedTable): GroupedList {
  const list = groupHouseholds(table, suggestMapping(table.header));
  if ("ok" in list) throw new Error(list.formError);
  return list;
}

/** A household as names and row numbers, to compare groupings at a glance. */
const outline = (h: ImportedHousehold) => ({
  rows: h.rows,
  code: h.code?.value,
  village: h.village?.value,
  head: h.head && `${h.head.fullName?.value}@${h.head.row}`,
  members: h.members.map((m) => `${m.fullName?.value}@${m.row}`),
});

describe("values as lists write them", () => {
  it("reads birth years and dates", () => {
    expect(parseBirth("1985")).toEqual({ year: 1985, date: null });
    expect(parseBirth("15/03/1985")).toEqual({ year: 1985, date: "1985-03-15" });
    expect(parseBirth("5-3-1985")).toEqual({ year: 1985, date: "1985-03-05" });
    expect(parseBirth("15.03.1985")).toEqual({ year: 1985, date: "1985-03-15" });
    expect(parseBirth("03/1985")).toEqual({ year: 1985, date: null });
    expect(parseBirth("1985-03-15")).toEqual({ year: 1985, date: "1985-03-15" });
    // An Excel serial: 31121 is 15 March 1985.
    expect(parseBirth("31121")).toEqual({ year: 1985, date: "1985-03-15" });
    expect(excelSerialDate(1)).toBe("1899-12-31");
    expect(parseBirth("31/02/1985")).toEqual({ year: null, date: null });
    expect(parseBirth("khoảng 1950")).toEqual({ year: null, date: null });
  });

  it("reads genders, phones and the head's relation", () => {
    expect(["Nam", "NAM", "nam", "M", "Nữ", "nữ", "nu", "NU", "F", "Khác", "x"].map(parseGender)).toEqual([
      "male",
      "male",
      "male",
      "male",
      "female",
      "female",
      "female",
      "female",
      "female",
      "other",
      null,
    ]);
    expect(["0912 345 678", "+84 912.345.678", "84912345678", "912345678", "0912-345-678", "abc"].map(parsePhone)).toEqual([
      "0912345678",
      "0912345678",
      "0912345678",
      "0912345678",
      "0912345678",
      "abc",
    ]);
    expect(["Chủ hộ", "CHỦ HỘ", "chu ho", "CH", "Chủ", "Vợ", "Con", "Chủ hộ."].map(isHeadRelation)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
    ]);
  });
});

describe("one row per household", () => {
  it("makes each row a household, its head from the row, every value with its row", async () => {
    const table = await readCsv(
      "STT;Họ tên chủ hộ;NS;GT;SĐT;Thôn;Địa chỉ;Ghi chú\n" +
        "1;Nguyễn Văn An;1985;Nam;0912 345 678;Thôn Đông;Số 5, thôn Đông;\n" +
        "\n" +
        "2;Trần Thị Bình;15/03/1990;nữ;;Xóm Bãi;;hộ nghèo\n" +
        "3;Lê Văn Cường;năm 60;X;12345;;;\n",
    );
    const list = grouped(table);
    expect(list.shape).toBe("householdPerRow");
    expect(list.issues).toEqual([]);
    expect(list.households).toEqual([
      {
        row: 2,
        rows: [2],
        village: { row: 2, column: 5, raw: "Thôn Đông", value: "Thôn Đông" },
        address: { row: 2, column: 6, raw: "Số 5, thôn Đông", value: "Số 5, thôn Đông" },
        head: {
          row: 2,
          fullName: { row: 2, column: 1, raw: "Nguyễn Văn An", value: "Nguyễn Văn An" },
          birthYear: { row: 2, column: 2, raw: "1985", value: 1985 },
          gender: { row: 2, column: 3, raw: "Nam", value: "male" },
          phone: { row: 2, column: 4, raw: "0912 345 678", value: "0912345678" },
        },
        members: [],
      },
      {
        row: 4,
        rows: [4],
        village: { row: 4, column: 5, raw: "Xóm Bãi", value: "Xóm Bãi" },
        head: {
          row: 4,
          fullName: { row: 4, column: 1, raw: "Trần Thị Bình", value: "Trần Thị Bình" },
          birthYear: { row: 4, column: 2, raw: "15/03/1990", value: 1990 },
          gender: { row: 4, column: 3, raw: "nữ", value: "female" },
          notes: { row: 4, column: 7, raw: "hộ nghèo", value: "hộ nghèo" },
        },
        members: [],
      },
      {
        row: 5,
        rows: [5],
        head: {
          row: 5,
          fullName: { row: 5, column: 1, raw: "Lê Văn Cường", value: "Lê Văn Cường" },
          // Not read, kept as typed: the checking step refuses them with the row and column.
          birthYear: { row: 5, column: 2, raw: "năm 60", value: null },
          gender: { row: 5, column: 3, raw: "X", value: null },
          phone: { row: 5, column: 4, raw: "12345", value: "12345" },
        },
        members: [],
      },
    ]);
  });

  it("takes a plain name list (no relation, no code) as a household per row", async () => {
    const list = grouped(await readCsv("Ho ten,Nam sinh,Thon\nNguyen Van An,1985,Thon Dong\nTran Thi Binh,1990,Thon Dong\n"));
    expect(list.shape).toBe("householdPerRow");
    expect(list.households.map(outline)).toEqual([
      { rows: [2], code: undefined, village: "Thon Dong", head: "Nguyen Van An@2", members: [] },
      { rows: [3], code: undefined, village: "Thon Dong", head: "Tran Thi Binh@3", members: [] },
    ]);
  });
});

describe("one row per person", () => {
  it("groups by household code, wherever the rows are, a blank code continuing the one above", async () => {
    const table = await readXlsx([
      ["Mã hộ", "Họ và tên", "Quan hệ với chủ hộ", "Ngày sinh", "Giới tính", "Thôn"],
      ["H001", "Nguyễn Văn An", "Chủ hộ", new Date(Date.UTC(1985, 2, 15)), "Nam", "Thôn Đông"],
      ["", "Phạm Thị Dung", "Vợ", "02/01/1987", "Nữ", ""],
      ["H002", "Trần Văn Bình", "Chủ hộ", 32875, "Nam", "Xóm Bãi"],
      ["H001", "Nguyễn Văn Em", "Con", "2012", "Nam", ""],
      ["H002", "Trần Thị Giang", "Con", "", "Nữ", "Xóm Bãi"],
    ]);
    const list = grouped(table);
    expect(list.shape).toBe("personPerRow");
    expect(list.issues).toEqual([]);
    expect(list.households.map(outline)).toEqual([
      {
        rows: [2, 3, 5],
        code: "H001",
        village: "Thôn Đông",
        head: "Nguyễn Văn An@2",
        members: ["Phạm Thị Dung@3", "Nguyễn Văn Em@5"],
      },
      { rows: [4, 6], code: "H002", village: "Xóm Bãi", head: "Trần Văn Bình@4", members: ["Trần Thị Giang@6"] },
    ]);
    const [an, binh] = list.households;
    expect(an!.head).toMatchObject({
      birthDate: { row: 2, raw: "1985-03-15", value: "1985-03-15" },
      birthYear: { row: 2, value: 1985 },
      relation: { row: 2, raw: "Chủ hộ" },
    });
    expect(an!.members[0]).toMatchObject({
      birthDate: { value: "1987-01-02" },
      birthYear: { value: 1987 },
      gender: { value: "female" },
    });
    // A date cell that lost its format arrives as its serial.
    expect(binh!.head).toMatchObject({ birthDate: { raw: "32875", value: "1990-01-02" }, birthYear: { value: 1990 } });
  });

  it("groups by “Quan hệ với chủ hộ = Chủ hộ” rows, each starting a household", async () => {
    const list = grouped(
      await readCsv(
        "Ho va ten\tQH\tNS\tGT\tTo dan pho\n" +
          "Con Lạc\tCon\t2000\tNam\tTDP 1\n" +
          "Nguyễn Văn An\tChủ hộ\t1985\tNam\tTDP 1\n" +
          "Phạm Thị Dung\tVợ\t1987\tNữ\t\n" +
          "Trần Văn Bình\tCH\t1960\tNam\tTDP 2\n" +
          "Trần Văn Bình\tChủ hộ\t1961\tNam\tTDP 2\n" +
          "Trần Thị Giang\tCon\t1990\tNữ\tTDP 2\n",
      ),
    );
    expect(list.shape).toBe("personPerRow");
    expect(list.households.map(outline)).toEqual([
      { rows: [3, 4], code: undefined, village: "TDP 1", head: "Nguyễn Văn An@3", members: ["Phạm Thị Dung@4"] },
      { rows: [5], code: undefined, village: "TDP 2", head: "Trần Văn Bình@5", members: [] },
      { rows: [6, 7], code: undefined, village: "TDP 2", head: "Trần Văn Bình@6", members: ["Trần Thị Giang@7"] },
    ]);
    expect(list.issues).toEqual([{ row: 2, key: "memberBeforeHead" }]);
  });

  it("reports a second head in one code and a household without one", async () => {
    const list = grouped(
      await readCsv(
        "Số hộ,Họ tên,Quan hệ\n" +
          "1,Nguyễn Văn An,Chủ hộ\n" +
          "1,Nguyễn Văn Bảo,Chủ hộ\n" +
          "2,Trần Thị Giang,Con\n" +
          ",Trần Văn Hải,Con\n",
      ),
    );
    expect(list.households.map(outline)).toEqual([
      { rows: [2, 3], code: "1", village: undefined, head: "Nguyễn Văn An@2", members: ["Nguyễn Văn Bảo@3"] },
      { rows: [4, 5], code: "2", village: undefined, head: null, members: ["Trần Thị Giang@4", "Trần Văn Hải@5"] },
    ]);
    expect(list.issues).toEqual([
      { row: 3, key: "twoHeads", values: { first: 2 } },
      { row: 4, key: "noHead" },
    ]);
  });

  it("without a relation column, takes the row named like the head, or else the first row", async () => {
    const byHeadName = grouped(
      await readCsv(
        "Họ tên chủ hộ;Họ và tên;Năm sinh;Thôn\n" +
          "Nguyễn Văn An;Phạm Thị Dung;1987;Thôn Đông\n" +
          "Nguyễn Văn An;Nguyễn Văn An;1985;Thôn Đông\n" +
          // The same name in another village is another household; a blank village continues it.
          "Nguyễn Văn An;Nguyễn Văn An;1970;Thôn Tây\n" +
          "Nguyễn Văn An;Nguyễn Thị Hoa;1972;\n",
      ),
    );
    expect(byHeadName.households.map(outline)).toEqual([
      { rows: [2, 3], code: undefined, village: "Thôn Đông", head: "Nguyễn Văn An@3", members: ["Phạm Thị Dung@2"] },
      { rows: [4, 5], code: undefined, village: "Thôn Tây", head: "Nguyễn Văn An@4", members: ["Nguyễn Thị Hoa@5"] },
    ]);
    expect(byHeadName.households.map((h) => h.headByOrder)).toEqual([undefined, undefined]);

    const byCode = grouped(await readCsv("Mã hộ,Họ và tên\nA1,Nguyễn Văn An\nA1,Phạm Thị Dung\n"));
    expect(byCode.households.map(outline)).toEqual([
      { rows: [2, 3], code: "A1", village: undefined, head: "Nguyễn Văn An@2", members: ["Phạm Thị Dung@3"] },
    ]);
    expect(byCode.households[0]!.headByOrder).toBe(true);
    expect(byCode.issues).toEqual([]);

    const byCodeAndName = grouped(
      await readCsv("Mã hộ,Họ tên chủ hộ,Họ và tên\nA1,Nguyễn Văn An,Phạm Thị Dung\nA1,Nguyễn Văn An,Nguyễn Văn An\n"),
    );
    expect(byCodeAndName.households.map(outline)).toEqual([
      { rows: [2, 3], code: "A1", village: undefined, head: "Nguyễn Văn An@3", members: ["Phạm Thị Dung@2"] },
    ]);
    expect(byCodeAndName.households[0]!.headByOrder).toBeUndefined();
  });

  it("follows the official's mapping, refusing one meaning twice or no name column", async () => {
    const table = await readCsv("Cột A,Cột B,Cột C\nNguyễn Văn An,1985,Thôn Đông\n");
    expect(suggestMapping(table.header)).toEqual([null, null, null]);
    expect(groupHouseholds(table, [null, "birthYear", "village"])).toEqual({ ok: false, formError: "noNameColumn" });
    expect(groupHouseholds(table, ["headName", "birthYear", "birthYear"])).toEqual({
      ok: false,
      formError: "badMapping",
      issues: [{ row: 1, key: "meaningTwice", values: { meaning: "birthYear", column: 3 } }],
    });
    const list = groupHouseholds(table, ["headName", "birthYear", "village"]);
    expect("ok" in list ? list : list.households.map(outline)).toEqual([
      { rows: [2], code: undefined, village: "Thôn Đông", head: "Nguyễn Văn An@2", members: [] },
    ]);
  });
});

describe("message keys", () => {
  it("has a Vietnamese text for every failure, issue and meaning this module returns", async () => {
    const { onboarding } = (await import("@/messages/vi/onboarding.json")).default;
    const errors = [
      ...["noFile", "tooBig", "tooBigUnpacked", "tooManyRows", "badType", "badFile", "notUtf8", "mixedEncoding"],
      ...["emptyFile", "noRows", "noNameColumn", "badMapping", "meaningTwice", "memberBeforeHead", "twoHeads"],
      ...["noHead", "noHousehold"],
    ];
    expect(errors.filter((k) => !(k in onboarding.errors))).toEqual([]);
    expect(COLUMN_MEANINGS.filter((m) => !(m in onboarding.meanings))).toEqual([]);
  });
});
