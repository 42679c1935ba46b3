import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { addVillageAlias, VillageAliasSchema } from "@/lib/communes/village-aliases";
import {
  chooseDuplicates,
  confirmMapping,
  getImportBatch,
  queueImportSave,
  saveImportBatch,
  stageImport,
  undoImport,
} from "@/lib/onboarding/batches";
import type { HouseholdPlan } from "@/lib/onboarding/household-plan";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError, settled } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";

const csv = (lines: string[][], name = "danh-sach.csv") => new File([lines.map((l) => l.join(",")).join("\r\n")], name);

describe("importing a commune's household list (upload → check → save → undo)", () => {
  let t: TestDatabase;
  let a: number;
  const village: Record<string, number> = {};
  let official: CurrentUser;
  let admin: CurrentUser;
  let volunteer: CurrentUser;
  let officialB: CurrentUser;
  /** An existing household of the registry: Lê Văn Cường, 1970, Thôn Đông, 0912000001. */
  let existing: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "tk", name: "Xã Tứ Kỳ", province: "Hải Phòng" } })).id;
    const b = (await t.db.commune.create({ data: { code: "kh", name: "Xã Khác", province: "Hải Phòng" } })).id;
    for (const [key, name] of [
      ["dong", "Thôn Đông"],
      ["tay", "Thôn Tây"],
    ] as const)
      village[key] = (await t.db.village.create({ data: { communeId: a, name, code: key } })).id;
    await t.db.village.create({ data: { communeId: b, name: "Thôn Đông", code: "dong-b" } });
    const user = async (username: string, role: "admin" | "official" | "volunteer", communeId: number) =>
      currentUserOf(await t.db.user.create({ data: { communeId, username, name: username, role, passwordHash: "x" } }));
    official = await user("official-a", "official", a);
    admin = await user("admin-a", "admin", a);
    volunteer = await user("volunteer-a", "volunteer", a);
    officialB = await user("official-b", "official", b);
    existing = (
      await t.db.household.create({
        data: {
          communeId: a,
          villageId: village.dong,
          headName: "Lê Văn Cường",
          address: "Thôn Đông",
          members: { create: { communeId: a, fullName: "Lê Văn Cường", birthYear: 1970, gender: "male", isHead: true } },
        },
      })
    ).id;
    await t.db.member.create({
      data: { communeId: a, householdId: existing, fullName: "Phạm Thị Dung", birthYear: 1972, gender: "female", phone: null },
    });
    await addVillageAlias(
      admin,
      VillageAliasSchema.parse({ oldCommune: "Xã Quang Phục", oldVillage: "Thôn Bắc", villageId: village.tay }),
    );
  });
  afterAll(() => t?.drop());

  /** Uploads, confirms the suggested columns, and returns the batch as its page shows it. */
  async function checked(file: File, user = official) {
    const { id } = await stageImport(user, { kind: "households", file });
    const staged = await getImportBatch(user, id);
    await confirmMapping(user, id, staged.suggested);
    return getImportBatch(user, id);
  }
  const save = async (id: number, user = official) => {
    await queueImportSave(user, id, async (batchId) => void (await saveImportBatch(batchId)));
    return getImportBatch(user, id);
  };

  it("reads a person-per-row list without tone marks, with an old village name, and lists the bad rows", async () => {
    const b = await checked(
      csv([
        ["STT", "Ma ho", "Ho va ten", "Quan he voi chu ho", "Nam sinh", "Gioi tinh", "SDT", "Thon", "Xa cu"],
        ["1", "H1", "Nguyễn Văn An", "Chủ hộ", "1980", "Nam", "0912 345 678", "Đông", ""],
        ["2", "", "Trần Thị Bình", "Vợ", "1982", "Nữ", "", "", ""],
        ["3", "H2", "Hoàng Văn Em", "Chủ hộ", "1975", "Nam", "12345", "Thôn Tây", ""],
        ["4", "H3", "Vũ Thị Hoa", "Chủ hộ", "1990", "Nữ", "", "Thôn Bắc", "Xã Quang Phục"],
        ["5", "H4", "Đỗ Văn Khang", "Chủ hộ", "1700", "Nam", "", "Thôn Nam", ""],
      ]),
    );
    expect(b.status).toBe("checked");
    expect(b.suggested).toEqual([
      null,
      "householdCode",
      "fullName",
      "relation",
      "birthYear",
      "gender",
      "phone",
      "village",
      "oldCommune",
    ]);
    const plan = b.plan as HouseholdPlan;
    expect(plan.shape).toBe("personPerRow");
    expect(plan.items.map((h) => [h.headName, h.people.length, h.villageId])).toEqual([
      ["Nguyễn Văn An", 2, village.dong],
      ["Vũ Thị Hoa", 1, village.tay],
    ]);
    expect(plan.items[0].phone).toBe("0912345678");
    // Row numbers as the spreadsheet shows them (the header is row 1).
    expect(plan.problems).toEqual([
      { row: 4, key: "field.phoneInvalid", values: { column: "SDT", value: "12345" } },
      { row: 6, key: "villageUnknown", values: { value: "Thôn Nam" } },
      { row: 6, key: "field.birthYearInvalid", values: { column: "Nam sinh", value: "1700" } },
    ]);
    expect(plan.counts).toEqual({ rows: 5, items: 2, withProblems: 2 });
  });

  it("reads a household-per-row list and saves it with a consent row giving the legal basis", async () => {
    const file = csv([
      ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Điện thoại", "Thôn", "Địa chỉ"],
      ["Ngô Thị Lan", "1965", "Nữ", "0987000111", "Thôn Tây", "Số 5 ngõ 2"],
      ["Bùi Văn Minh", "1958", "Nam", "", "Thôn Đông", ""],
    ]);
    const b = await checked(file);
    expect((b.plan as HouseholdPlan).shape).toBe("householdPerRow");
    const saved = await save(b.id);
    expect(saved.status).toBe("saved");
    expect(saved.counts).toEqual({ created: 2, merged: 0, skipped: 0 });
    const made = await t.db.household.findMany({
      where: { importBatchId: b.id },
      orderBy: { id: "asc" },
      select: {
        headName: true,
        address: true,
        phone: true,
        members: { select: { isHead: true, consents: { select: { method: true, textKey: true, text: true } } } },
      },
    });
    expect(made.map((h) => [h.headName, h.address, h.phone])).toEqual([
      ["Ngô Thị Lan", "Số 5 ngõ 2", "0987000111"],
      // No address: the village stands for it.
      ["Bùi Văn Minh", "Thôn Đông", null],
    ]);
    expect(made[0].members[0]).toMatchObject({ isHead: true, consents: [{ method: "list", textKey: "list.v1" }] });
    expect(made[0].members[0].consents[0].text).toContain("91/2025/QH15");
    // The file and its rows are not kept once saved.
    const row = await t.db.importBatch.findUniqueOrThrow({ where: { id: b.id }, select: { file: true, sheet: true } });
    expect(row).toEqual({ file: null, sheet: null });

    // The same file again adds nothing: refused at upload.
    const again = await settled(stageImport(official, { kind: "households", file }));
    expect(again).toEqual({ ok: false, error: "alreadyImported", field: "file", params: { batch: b.id } });

    // Undo, then the same file may come again; a second undo is refused.
    await undoImport(official, b.id);
    expect(await t.db.household.count({ where: { headName: { in: ["Ngô Thị Lan", "Bùi Văn Minh"] } } })).toBe(0);
    expect((await getImportBatch(official, b.id)).status).toBe("undone");
    expect(await settled(undoImport(official, b.id))).toMatchObject({ ok: false, error: "status.undone" });
    const third = await checked(file);
    expect((await save(third.id)).counts.created).toBe(2);
  });

  it("finds duplicates in the file and in the registry, and applies skip, merge and create", async () => {
    const lines = [
      ["Mã hộ", "Họ và tên", "Quan hệ với chủ hộ", "Năm sinh", "Giới tính", "SĐT", "Thôn"],
      // The registry's Lê Văn Cường (same name without tone marks, village, birth year).
      ["D1", "Le Van Cuong", "Chủ hộ", "1970", "Nam", "0912000001", "Thôn Đông"],
      ["D1", "Pham Thi Dung", "Vợ", "1972", "Nữ", "0912000002", "Thôn Đông"],
      ["D1", "Lê Thị Giang", "Con", "2001", "Nữ", "", "Thôn Đông"],
      // Twice in the file, by phone.
      ["D2", "Trịnh Văn Hải", "Chủ hộ", "1981", "Nam", "0933000111", "Thôn Tây"],
      ["D3", "Trịnh Văn Hải", "Chủ hộ", "1981", "Nam", "0933000111", "Thôn Tây"],
      ["D3", "Mai Thị Ích", "Vợ", "1983", "Nữ", "", "Thôn Tây"],
      ["D4", "Đinh Văn Kiên", "Chủ hộ", "1979", "Nam", "", "Thôn Tây"],
    ];
    const b = await checked(csv(lines, "trung.csv"));
    const plan = b.plan as HouseholdPlan;
    expect(
      plan.duplicates.map((g) => ({
        key: g.key,
        rows: g.rows,
        matches: g.matches.map((m) => [m.id, m.reason]),
        choices: g.choices,
      })),
    ).toEqual([
      { key: "r2", rows: [2], matches: [[existing, "name"]], choices: ["skip", "merge", "create"] },
      { key: "r5", rows: [5, 6], matches: [], choices: ["skip", "merge", "create"] },
    ]);
    // A choice a group does not offer, or a group that does not exist, is refused.
    expect(await settled(chooseDuplicates(official, b.id, { r2: "delete" }))).toMatchObject({
      ok: false,
      error: "choiceInvalid",
    });
    expect(await settled(chooseDuplicates(official, b.id, { r99: "skip" }))).toMatchObject({ ok: false, error: "choiceInvalid" });

    // Merge into the registry's household; merge the file's twins.
    await chooseDuplicates(official, b.id, { r2: "merge", r5: "merge" });
    const saved = await save(b.id);
    expect(saved.counts).toEqual({ created: 2, merged: 1, skipped: 0 });
    const members = await t.db.member.findMany({
      where: { householdId: existing },
      orderBy: { id: "asc" },
      select: { fullName: true, phone: true, importBatchId: true },
    });
    // The head and Dung were there: Dung's empty phone is filled, nobody is added twice, Giang is added.
    expect(members).toEqual([
      { fullName: "Lê Văn Cường", phone: "0912000001", importBatchId: null },
      { fullName: "Phạm Thị Dung", phone: "0912000002", importBatchId: null },
      { fullName: "Lê Thị Giang", phone: null, importBatchId: b.id },
    ]);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: existing } })).phone).toBe("0912000001");
    const hai = await t.db.household.findMany({
      where: { headName: "Trịnh Văn Hải" },
      select: { members: { select: { fullName: true } } },
    });
    expect(hai).toHaveLength(1);
    expect(hai[0].members.map((m) => m.fullName).sort()).toEqual(["Mai Thị Ích", "Trịnh Văn Hải"]);

    // Undo takes back the members it added and empties only the fields it filled.
    await undoImport(official, b.id);
    expect(
      await t.db.member.findMany({
        where: { householdId: existing },
        orderBy: { id: "asc" },
        select: { fullName: true, phone: true },
      }),
    ).toEqual([
      { fullName: "Lê Văn Cường", phone: null },
      { fullName: "Phạm Thị Dung", phone: null },
    ]);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: existing } })).phone).toBeNull();

    // Skip (the default) adds nothing that is already there; create adds the twin anyway.
    const skip = await checked(csv(lines, "trung-2.csv"));
    await chooseDuplicates(official, skip.id, { r5: "create" });
    expect((await save(skip.id)).counts).toEqual({ created: 3, merged: 0, skipped: 1 });
    expect(await t.db.household.count({ where: { headName: "Trịnh Văn Hải" } })).toBe(2);
    expect(await t.db.member.count({ where: { householdId: existing } })).toBe(2);
    await undoImport(official, skip.id);

    // Create anyway: a second Lê Văn Cường household.
    const create = await checked(csv(lines, "trung-3.csv"));
    await chooseDuplicates(official, create.id, { r2: "create" });
    expect((await save(create.id)).counts).toEqual({ created: 3, merged: 0, skipped: 1 });
    expect(await t.db.household.count({ where: { headName: "Le Van Cuong" } })).toBe(1);
    await undoImport(official, create.id);
  });

  it("refuses undo once a visit was recorded against an imported household", async () => {
    const b = await checked(
      csv([
        ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
        ["Tạ Văn Long", "1960", "Nam", "Thôn Đông"],
      ]),
    );
    await save(b.id);
    const h = await t.db.household.findFirstOrThrow({ where: { importBatchId: b.id } });
    await t.db.household.update({ where: { id: h.id }, data: { version: { increment: 1 } } });
    expect(await settled(undoImport(official, b.id))).toMatchObject({ ok: false, error: "usedSince" });
    expect(await t.db.household.count({ where: { importBatchId: b.id } })).toBe(1);
  });

  it("fails the save, with nothing saved, when the registry gained a duplicate since the check", async () => {
    const file = csv(
      [
        ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
        ["Quách Văn Nam", "1950", "Nam", "Thôn Đông"],
      ],
      "moi.csv",
    );
    const b = await checked(file);
    const twin = await checked(
      csv(
        [
          ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
          ["Quách Văn Nam", "1950", "Nam", "Thôn Đông"],
          ["X Y", "", "", ""],
        ],
        "moi-2.csv",
      ),
    );
    await save(twin.id);
    const failed = await save(b.id);
    expect(failed).toMatchObject({ status: "failed", error: "registryChanged" });
    expect(await t.db.household.count({ where: { headName: "Quách Văn Nam" } })).toBe(1);
    // Checked again, the twin is a duplicate and skipping it saves nothing new.
    await confirmMapping(official, b.id, (await getImportBatch(official, b.id)).mapping);
    expect((await getImportBatch(official, b.id)).plan!.duplicates).toHaveLength(1);
  });

  it("reads an XLSX whose cells are formulas as their saved values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DS");
    ws.addRow(["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"]);
    ws.addRow(["Lục Văn Oanh", { formula: "1950+5", result: 1955 }, "Nam", { formula: '"Thôn "&"Tây"', result: "Thôn Tây" }]);
    const file = new File([(await wb.xlsx.writeBuffer()) as ArrayBuffer], "cong-thuc.xlsx");
    const b = await checked(file);
    expect((b.plan as HouseholdPlan).items).toMatchObject([
      { headName: "Lục Văn Oanh", villageId: village.tay, people: [{ birthYear: 1955 }] },
    ]);
  });

  it("refuses other roles and other communes", async () => {
    const file = csv([
      ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
      ["Kha Văn Phúc", "1950", "Nam", "Thôn Đông"],
    ]);
    expect(await httpError(stageImport(volunteer, { kind: "households", file }))).toBe("403");
    const { id } = await stageImport(admin, { kind: "households", file });
    expect(await httpError(getImportBatch(officialB, id))).toBe("404");
    expect(await httpError(confirmMapping(officialB, id, []))).toBe("404");
    expect(await httpError(undoImport(volunteer, id))).toBe("403");
    // A mapping of the wrong length or with an unknown meaning is refused.
    expect(await settled(confirmMapping(admin, id, ["headName"]))).toMatchObject({ ok: false, error: "badMapping" });
    expect(await settled(confirmMapping(admin, id, ["headName", "birthYear", "gender", "password"]))).toMatchObject({
      ok: false,
      error: "badMapping",
    });
  });

  it("queues a save once when the button is pressed twice", async () => {
    const b = await checked(
      csv(
        [
          ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
          ["Âu Văn Quý", "1950", "Nam", "Thôn Đông"],
        ],
        "hai-lan.csv",
      ),
    );
    const sent: number[] = [];
    await Promise.all([
      queueImportSave(official, b.id, async (id) => void sent.push(id)),
      queueImportSave(official, b.id, async (id) => void sent.push(id)),
    ]);
    expect(sent).toEqual([b.id]);
    expect(await saveImportBatch(b.id)).toBe("saved");
    // A retried job finds it saved and does nothing.
    expect(await saveImportBatch(b.id)).toBe("saved");
    expect(await t.db.household.count({ where: { headName: "Âu Văn Quý" } })).toBe(1);
  });
});
