import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NO_PASSWORD } from "@/lib/auth/password";
import { NulFreeClient } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import type { UploadedTable } from "@/lib/imports/table";
import type { DuplicateChoices } from "@/lib/onboarding/plan";
import { readCommuneList } from "@/lib/onboarding/read";
import {
  branchKey,
  isLeaderPosition,
  planVolunteers,
  saveVolunteers,
  suggestVolunteerMapping,
  undoVolunteers,
  volunteerMeaningOf,
  volunteersStale,
  volunteersUsedSince,
  type VolunteerMeaning,
  type VolunteerPlan,
} from "@/lib/onboarding/volunteers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError } from "@/lib/testing/refusals";

let t: TestDatabase;
let communeId: number;
let otherCommuneId: number;
const branch: Record<string, number> = {};
const user: Record<string, { id: number; communeId: number }> = {};
let seq = 0;
const nextPhone = () => `098${String(1_000_000 + seq++).padStart(7, "0")}`;

async function readCsv(text: string): Promise<UploadedTable> {
  const table = await readCommuneList(new File([text], "doan-vien.csv"));
  if (!table.ok) throw new Error(table.formError);
  return table;
}

/** A youth union list as CSV: the header, then one line per row. */
async function plan(lines: string[][]): Promise<VolunteerPlan> {
  const table = await readCsv(lines.map((l) => l.join(",")).join("\n"));
  const p = await planVolunteers(t.db, communeId, table, suggestVolunteerMapping(table.header));
  if ("ok" in p) throw new Error(p.formError);
  return p;
}

/** Saves a plan as the save job does: in one transaction, as the batch's importer. */
function save(batch: { id: number; communeId: number; createdById: number }, p: VolunteerPlan, choices: DuplicateChoices | null) {
  return t.db.$transaction((tx) => saveVolunteers(tx, batch, p, choices));
}

/** Undoes a batch as the pipeline does: if its accounts were not taken up, with the fills the save returned. */
function undo(batchId: number, fills: Parameters<typeof undoVolunteers>[2]) {
  return t.db.$transaction(async (tx) => {
    if (await volunteersUsedSince(tx, batchId)) return false;
    await undoVolunteers(tx, batchId, fills);
    return true;
  });
}

const HEADER = ["STT", "Họ và tên", "Năm sinh", "SĐT", "Chi đoàn", "Chức vụ"];

async function newBatch(createdById = user.official!.id, commune = communeId) {
  return t.db.importBatch.create({
    data: { communeId: commune, kind: "volunteers", fileName: "doan-vien.xlsx", fileHash: `h${seq++}`, rowCount: 1, createdById },
  });
}

async function account(data: {
  role: "resident" | "volunteer" | "branch_leader" | "official";
  phone?: string;
  unverifiedPhone?: string;
  commune?: number;
  branchId?: number;
  name?: string;
}) {
  const commune = data.commune ?? communeId;
  const u = await t.db.user.create({
    data: {
      communeId: commune,
      name: data.name ?? "Người Có Sẵn",
      role: data.role,
      phone: data.phone,
      unverifiedPhone: data.unverifiedPhone,
      passwordHash: "x",
    },
  });
  if (data.branchId)
    await t.db.volunteerProfile.create({
      data: {
        userId: u.id,
        communeId: commune,
        branchId: data.branchId,
        isLeader: data.role === "branch_leader",
        joinedOn: new Date(),
      },
    });
  return u;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const c = await t.db.commune.create({
    data: {
      code: "dv",
      name: "Xã Đoàn Viên",
      province: "Hải Phòng",
      villages: {
        create: [
          { name: "Thôn An Lão", code: "al" },
          { name: "Thôn Đông Mai", code: "dm" },
          { name: "Thôn Hạ", code: "ha" },
        ],
      },
    },
    include: { villages: true },
  });
  communeId = c.id;
  const village = Object.fromEntries(c.villages.map((v) => [v.name, v.id]));
  otherCommuneId = (await t.db.commune.create({ data: { code: "dk", name: "Xã Khác", province: "Hải Phòng" } })).id;
  for (const [name, villageId] of [
    ["Chi đoàn Thôn An Lão", village["Thôn An Lão"]],
    ["Chi đoàn Thôn Đông Mai", village["Thôn Đông Mai"]],
    ["Chi đoàn Cơ quan UBND xã", null],
    // Named otherwise than its village: found by the village's name (and its old name) too.
    ["Chi đoàn Cơ sở 3", village["Thôn Hạ"]],
  ] as const) {
    branch[name] = (await t.db.youthBranch.create({ data: { communeId, name, villageId } })).id;
  }
  branch.other = (await t.db.youthBranch.create({ data: { communeId: otherCommuneId, name: "Chi đoàn Thôn An Lão" } })).id;
  await t.db.villageAlias.create({
    data: { communeId, villageId: village["Thôn Hạ"]!, oldCommune: "", oldVillage: "Thôn Hạ Cũ", folded: "|ha cu" },
  });
  for (const [key, role, commune] of [
    ["official", "official", communeId],
    ["admin", "admin", communeId],
    ["volunteer", "volunteer", communeId],
    ["otherOfficial", "official", otherCommuneId],
  ] as const) {
    const u = await t.db.user.create({
      data: { communeId: commune, username: key.toLowerCase(), name: key, role, passwordHash: "x" },
    });
    user[key] = { id: u.id, communeId: commune };
  }
});
afterAll(() => t?.drop());

const VARIANTS: Record<VolunteerMeaning, string[]> = {
  fullName: ["Họ và tên", "Họ tên đoàn viên", "Ho ten doan vien", "HỌ VÀ TÊN", "Họ tên", "Tên đoàn viên", "Họ và tên đoàn viên"],
  phone: ["SĐT", "Điện thoại", "Số điện thoại", "SDT", "ĐT", "Số ĐT/Zalo", "Điện thoại di động", "S.Đ.T"],
  branch: [
    "Chi đoàn",
    "Chi đoàn thôn",
    "Chi doan",
    "CĐ",
    "Tên chi đoàn",
    "Chi đoàn (thôn/cơ quan)",
    "Thôn",
    "Đơn vị",
    "Sinh hoạt tại chi đoàn",
  ],
  role: ["Chức vụ", "Chuc vu", "Chức danh", "Chức vụ trong chi đoàn", "CV", "Vai trò"],
  birthYear: ["Năm sinh", "NS", "Nam sinh", "Ngày sinh", "Ngày tháng năm sinh"],
  notes: ["Ghi chú", "Ghi chu", "GC"],
};

describe("recognising a volunteer list's headers", () => {
  for (const [meaning, headers] of Object.entries(VARIANTS))
    it(`recognises ${meaning}: ${headers.join(" · ")}`, () => {
      expect(headers.map(volunteerMeaningOf)).toEqual(headers.map(() => meaning));
    });

  it("leaves row numbers and what the portal does not keep unread, one column per meaning", () => {
    expect(
      ["STT", "TT", "Số CCCD", "Giới tính", "Ngày vào Đoàn", "Số thẻ đoàn viên", "Email", "Dân tộc"].map(volunteerMeaningOf),
    ).toEqual(Array(8).fill(null));
    expect(
      suggestVolunteerMapping(["TT", "Họ tên đoàn viên", "Ngày sinh", "Số ĐT", "Chi đoàn thôn", "Chức vụ", "Ghi chú", "Họ tên"]),
    ).toEqual([null, "fullName", "birthYear", "phone", "branch", "role", "notes", null]);
  });

  it("reads positions and branch names as lists write them", () => {
    expect(["Bí thư", "Phó Bí thư", "BÍ THƯ CHI ĐOÀN", "PBT", "BT", "Đoàn viên", "UV BCH", ""].map(isLeaderPosition)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(["Chi đoàn Thôn An Lão", "CĐ thôn An Lão", "chi doan an lao", "AN LÃO", "Thôn An Lão"].map(branchKey)).toEqual(
      Array(5).fill("an lao"),
    );
  });
});

describe("checking the rows", () => {
  it("matches branches without tone marks, case or the words “chi đoàn”/“thôn”, and says which rows it cannot place", async () => {
    const p = await plan([
      HEADER,
      ["1", "Nguyễn Văn An", "2001", nextPhone(), "Chi đoàn thôn An Lão", "Bí thư"],
      ["2", "Trần Thị Bình", "2003", nextPhone(), "an lao", "Đoàn viên"],
      ["3", "Lê Văn Cường", "15/03/2002", nextPhone(), "CĐ Đông Mai", "Phó bí thư"],
      ["4", "Phạm Thị Dung", "", nextPhone(), "THÔN ĐÔNG MAI", ""],
      ["5", "Hoàng Văn Em", "", nextPhone(), "Cơ quan UBND xã", ""],
      ["6", "Vũ Thị Gấm", "", nextPhone(), "Thôn Hạ", ""],
      ["7", "Đỗ Văn Hải", "", nextPhone(), "Thôn Hạ Cũ", ""],
      ["8", "Bùi Thị Hoa", "", nextPhone(), "Thôn Không Có", ""],
    ]);
    expect(p.items.map((v) => [v.row, v.branchId, v.leader])).toEqual([
      [2, branch["Chi đoàn Thôn An Lão"], true],
      [3, branch["Chi đoàn Thôn An Lão"], false],
      [4, branch["Chi đoàn Thôn Đông Mai"], true],
      [5, branch["Chi đoàn Thôn Đông Mai"], false],
      [6, branch["Chi đoàn Cơ quan UBND xã"], false],
      [7, branch["Chi đoàn Cơ sở 3"], false],
      [8, branch["Chi đoàn Cơ sở 3"], false],
    ]);
    expect(p.items[2]).toMatchObject({ fullName: "Lê Văn Cường", birthYear: 2002, branch: "Chi đoàn Thôn Đông Mai" });
    expect(p.problems).toEqual([{ row: 9, key: "branchUnknown", values: { branch: "Thôn Không Có" } }]);
    expect(p.counts).toEqual({ rows: 8, items: 7, withProblems: 1 });
    expect(p.duplicates).toEqual([]);
  });

  it("refuses names, phones and birth years as the member form does, each with its row", async () => {
    const p = await plan([
      HEADER,
      ["1", "", "", nextPhone(), "An Lão", ""],
      ["2", "A", "", nextPhone(), "An Lão", ""],
      ["3", "Nguyễn Văn Số", "", "0123 456", "An Lão", ""],
      ["4", "Nguyễn Văn Trống", "", "", "An Lão", ""],
      ["5", "Nguyễn Văn Năm", "khoảng 1990", nextPhone(), "An Lão", ""],
      ["6", "Nguyễn Văn Sáu", "2999", nextPhone(), "", ""],
      // A phone stored as a number lost its leading 0; +84 and spaces are read too.
      ["7", "Nguyễn Văn Bảy", "", "912345670", "An Lão", ""],
      ["8", "Nguyễn Văn Tám", "", "+84 912 345 671", "An Lão", ""],
    ]);
    // The household and business lists' messages: the column's header and the value.
    expect(p.problems).toEqual([
      { row: 2, key: "field.required", values: { column: "Họ và tên", value: "" } },
      { row: 3, key: "field.nameShort", values: { column: "Họ và tên", value: "A" } },
      { row: 4, key: "field.phoneInvalid", values: { column: "SĐT", value: "0123 456" } },
      { row: 5, key: "field.required", values: { column: "SĐT", value: "" } },
      { row: 6, key: "field.birthYearInvalid", values: { column: "Năm sinh", value: "khoảng 1990" } },
      // A blank branch continues the branch above (merged cells): row 7 is An Lão's; its year is wrong.
      { row: 7, key: "field.birthYearInvalid", values: { column: "Năm sinh", value: "2999" } },
    ]);
    expect(p.items.map((v) => [v.row, v.phone])).toEqual([
      [8, "0912345670"],
      [9, "0912345671"],
    ]);
  });

  it("reads a branch's section row, and a list without tone marks", async () => {
    const p = await plan([
      ["TT", "Ho ten doan vien", "So dien thoai", "Chi doan", "Chuc vu"],
      ["CHI ĐOÀN THÔN ĐÔNG MAI", "", "", "", ""],
      ["1", "Nguyen Van Mot", nextPhone(), "", "Bi thu"],
      ["2", "Tran Thi Hai", nextPhone(), "", ""],
      ["Chi đoàn thôn An Lão", "", "", "", ""],
      ["1", "Le Van Ba", nextPhone(), "", ""],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.items.map((v) => [v.row, v.branchId, v.leader])).toEqual([
      [3, branch["Chi đoàn Thôn Đông Mai"], true],
      [4, branch["Chi đoàn Thôn Đông Mai"], false],
      [6, branch["Chi đoàn Thôn An Lão"], false],
    ]);
  });

  it("refuses a mapping without a name, phone or branch column, or with a meaning twice", async () => {
    const table = await readCsv(`Họ và tên,SĐT,Chi đoàn\nNguyễn Văn An,${nextPhone()},An Lão`);
    const failure = (mapping: (string | null)[]) => planVolunteers(t.db, communeId, table, mapping);
    expect(await failure(["fullName", "phone", null])).toEqual({ ok: false, formError: "noBranchColumn" });
    expect(await failure(["fullName", null, "branch"])).toEqual({ ok: false, formError: "noPhoneColumn" });
    expect(await failure([null, "phone", "branch"])).toEqual({ ok: false, formError: "noNameColumn" });
    expect(await failure(["fullName", "phone", "phone"])).toEqual({
      ok: false,
      formError: "badMapping",
      issues: [{ row: 1, key: "meaningTwice", values: { meaning: "phone", column: 3 } }],
    });
  });
});

describe("duplicates", () => {
  it("groups the same phone twice in the list: the first row is kept", async () => {
    const phone = nextPhone();
    const p = await plan([
      HEADER,
      ["1", "Nguyễn Văn An", "", phone, "An Lão", ""],
      ["2", "Nguyễn V. An", "", phone, "An Lão", ""],
    ]);
    expect(p.duplicates).toEqual([
      { key: "r2", items: [0, 1], rows: [2, 3], name: "Nguyễn Văn An", matches: [], choices: ["skip"] },
    ]);
  });

  it("matches the accounts that already name a phone, in this commune or another, and offers what each allows", async () => {
    const [volunteerPhone, unverifiedVolunteerPhone, residentProven, residentUnverified, elsewhereProven, elsewhereUnverified] =
      Array.from({ length: 6 }, nextPhone);
    const vol = await account({
      role: "volunteer",
      phone: volunteerPhone,
      branchId: branch["Chi đoàn Thôn Đông Mai"],
      name: "Đoàn Viên Cũ",
    });
    const imported = await account({
      role: "branch_leader",
      unverifiedPhone: unverifiedVolunteerPhone,
      branchId: branch["Chi đoàn Thôn An Lão"],
    });
    const proven = await account({ role: "resident", phone: residentProven, name: "Người Dân Đã Xác Minh" });
    const typed = await account({ role: "resident", unverifiedPhone: residentUnverified, name: "Người Dân Chưa Xác Minh" });
    await account({ role: "volunteer", phone: elsewhereProven, commune: otherCommuneId, branchId: branch.other });
    await account({ role: "resident", unverifiedPhone: elsewhereUnverified, commune: otherCommuneId });
    const p = await plan([
      HEADER,
      ["1", "Nguyễn Văn An", "", volunteerPhone, "An Lão", ""],
      ["2", "Trần Văn Bình", "", unverifiedVolunteerPhone, "An Lão", ""],
      ["3", "Lê Văn Cường", "", residentProven, "An Lão", ""],
      ["4", "Phạm Văn Dũng", "", residentUnverified, "An Lão", ""],
      ["5", "Hoàng Văn Em", "", elsewhereProven, "An Lão", ""],
      ["6", "Vũ Văn Giang", "", elsewhereUnverified, "An Lão", ""],
      ["7", "Nguyễn Văn An", "", volunteerPhone, "An Lão", ""],
    ]);
    expect(p.problems).toEqual([{ row: 6, key: "phoneTakenElsewhere" }]);
    expect(p.items.map((v) => v.row)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(p.duplicates).toEqual([
      {
        key: "r2",
        items: [0, 5],
        rows: [2, 8],
        name: "Nguyễn Văn An",
        matches: [{ id: vol.id, name: "Đoàn Viên Cũ", place: "Chi đoàn Thôn Đông Mai", reason: "phone" }],
        choices: ["skip", "merge"],
      },
      {
        key: "r3",
        items: [1],
        rows: [3],
        name: "Trần Văn Bình",
        matches: [{ id: imported.id, name: "Người Có Sẵn", place: "Chi đoàn Thôn An Lão", reason: "phone" }],
        choices: ["skip", "merge"],
      },
      {
        key: "r4",
        items: [2],
        rows: [4],
        name: "Lê Văn Cường",
        matches: [{ id: proven.id, name: "Người Dân Đã Xác Minh", place: "", reason: "phone" }],
        choices: ["skip"],
      },
      {
        // Typed at registration, not proven: whoever proves the number takes it (decision 0007).
        key: "r5",
        items: [3],
        rows: [5],
        name: "Phạm Văn Dũng",
        matches: [{ id: typed.id, name: "Người Dân Chưa Xác Minh", place: "", reason: "phone" }],
        choices: ["skip", "create"],
      },
    ]);
  });

  it("reads the registry in the same few statements whatever the list's length (never row by row)", async () => {
    const statements = async (n: number) => {
      const lines = [
        HEADER,
        ...Array.from({ length: n }, (_, i) => [String(i + 1), `Đoàn Viên Số ${i + 1}`, "", nextPhone(), "An Lão", ""]),
      ];
      const table = await readCsv(lines.map((l) => l.join(",")).join("\n"));
      const spy = vi.spyOn(NulFreeClient.prototype, "query");
      try {
        const p = await planVolunteers(t.db, communeId, table, suggestVolunteerMapping(table.header));
        expect("items" in p && p.items).toHaveLength(n);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const few = await statements(3);
    expect(await statements(400)).toBe(few);
    expect(few).toBeLessThanOrEqual(8);
  });
});

describe("saving and undoing a list", () => {
  it("creates unverified accounts without a password in their branches, merges and skips as chosen; undo removes them", async () => {
    const [a, b, c, d, mergePhone, keepPhone] = Array.from({ length: 6 }, nextPhone);
    const existing = await account({ role: "volunteer", phone: mergePhone, branchId: branch["Chi đoàn Thôn Đông Mai"] });
    const kept = await account({ role: "volunteer", phone: keepPhone, branchId: branch["Chi đoàn Thôn Đông Mai"] });
    const p = await plan([
      HEADER,
      ["1", "Nguyễn Thị Lưu", "2001", a, "An Lão", "Bí thư"],
      ["2", "Trần Văn Mới", "", b, "Đông Mai", ""],
      ["3", "Lê Thị Mới", "", c, "Cơ quan UBND xã", ""],
      ["4", "Trần Văn Mới", "", b, "Đông Mai", ""],
      ["5", "Phạm Văn Gộp", "", mergePhone, "An Lão", ""],
      ["6", "Vũ Văn Giữ", "", keepPhone, "An Lão", ""],
      ["7", "Đỗ Thị Tư", "", d, "Đông Mai", ""],
    ]);
    const choices: DuplicateChoices = { r6: "merge" }; // r7 left out: its first choice, skip
    const batch = await newBatch();
    const progress: [number, number][] = [];
    const result = await t.db.$transaction((tx) =>
      saveVolunteers(tx, batch, p, choices, (done, total) => void progress.push([done, total])),
    );
    expect(result).toEqual({
      created: 4,
      merged: 1,
      skipped: 2,
      fills: [
        {
          table: "volunteer_profile",
          userId: existing.id,
          fromBranchId: branch["Chi đoàn Thôn Đông Mai"],
          toBranchId: branch["Chi đoàn Thôn An Lão"],
        },
      ],
    });
    expect(progress.at(-1)).toEqual([7, 7]);

    const created = await t.db.user.findMany({
      where: { importBatchId: batch.id },
      select: {
        name: true,
        role: true,
        phone: true,
        unverifiedPhone: true,
        passwordHash: true,
        communeId: true,
        active: true,
        volunteer: { select: { branchId: true, isLeader: true, joinedOn: true } },
      },
      orderBy: { id: "asc" },
    });
    const joinedOn = todayInVietnam();
    const made = (name: string, unverifiedPhone: string, branchId: number, leader = false) => ({
      name,
      role: leader ? "branch_leader" : "volunteer",
      phone: null,
      unverifiedPhone,
      passwordHash: NO_PASSWORD,
      communeId,
      active: true,
      volunteer: { branchId, isLeader: leader, joinedOn },
    });
    expect(created).toEqual([
      made("Nguyễn Thị Lưu", a, branch["Chi đoàn Thôn An Lão"]!, true),
      made("Trần Văn Mới", b, branch["Chi đoàn Thôn Đông Mai"]!),
      made("Lê Thị Mới", c, branch["Chi đoàn Cơ quan UBND xã"]!),
      made("Đỗ Thị Tư", d, branch["Chi đoàn Thôn Đông Mai"]!),
    ]);
    // Merged: the existing volunteer is in the list's branch now; skipped: left as it was.
    const branchOf = async (userId: number) => (await t.db.volunteerProfile.findUniqueOrThrow({ where: { userId } })).branchId;
    expect(await branchOf(existing.id)).toBe(branch["Chi đoàn Thôn An Lão"]);
    expect(await branchOf(kept.id)).toBe(branch["Chi đoàn Thôn Đông Mai"]);
    // The pipeline writes the batch's one audit entry (import.save); saving writes none of its own.
    expect(await t.db.auditLog.count({ where: { entity: "import_batch", entityId: String(batch.id) } })).toBe(0);

    // Saving the same plan again creates nobody: the numbers now name accounts; the registry moved under the plan.
    expect(await volunteersStale(t.db, communeId, p)).toBe(true);
    expect(await save(batch, p, choices)).toMatchObject({ created: 0, merged: 1, skipped: 6, fills: [] });
    expect(await t.db.user.count({ where: { importBatchId: batch.id } })).toBe(4);

    expect(await undo(batch.id, result.fills)).toBe(true);
    expect(await t.db.user.count({ where: { importBatchId: batch.id } })).toBe(0);
    expect(await t.db.user.count({ where: { unverifiedPhone: { in: [a, b, c, d] } } })).toBe(0);
    expect(await branchOf(existing.id)).toBe(branch["Chi đoàn Thôn Đông Mai"]);
  });

  it("is not stale while nobody names its phones since the check", async () => {
    const p = await plan([HEADER, ["1", "Chu Văn Yên", "", nextPhone(), "An Lão", ""]]);
    expect(await volunteersStale(t.db, communeId, p)).toBe(false);
    await account({ role: "resident", unverifiedPhone: p.items[0]!.phone });
    expect(await volunteersStale(t.db, communeId, p)).toBe(true);
  });

  it("creates a second account only where the official chose to, and never for a number proven since the plan", async () => {
    const [typedPhone, racePhone] = [nextPhone(), nextPhone()];
    await account({ role: "resident", unverifiedPhone: typedPhone });
    const p = await plan([
      HEADER,
      ["1", "Ngô Văn Tạo", "", typedPhone, "An Lão", ""],
      ["2", "Ngô Văn Đua", "", racePhone, "An Lão", ""],
    ]);
    expect(p.duplicates.map((g) => [g.key, g.choices])).toEqual([["r2", ["skip", "create"]]]);
    // Someone registers and proves the second number between the preview and the save.
    await account({ role: "resident", phone: racePhone });
    const batch = await newBatch(user.admin!.id);
    expect(await save(batch, p, { r2: "create" })).toEqual({ created: 1, merged: 0, skipped: 1, fills: [] });
    expect(await t.db.user.findMany({ where: { importBatchId: batch.id }, select: { unverifiedPhone: true } })).toEqual([
      { unverifiedPhone: typedPhone },
    ]);
  });

  it("is not undone once an account was taken up (activated, or given households)", async () => {
    const [a, b] = [nextPhone(), nextPhone()];
    const p = await plan([HEADER, ["1", "Mai Văn Dùng", "", a, "An Lão", ""], ["2", "Mai Văn Giao", "", b, "An Lão", ""]]);
    const batch = await newBatch();
    await save(batch, p, null);
    const given = await t.db.user.findFirstOrThrow({ where: { importBatchId: batch.id, unverifiedPhone: b } });
    const village = await t.db.village.findFirstOrThrow({ where: { communeId } });
    const h = await t.db.household.create({
      data: { communeId, villageId: village.id, headName: "Hộ Được Giao", address: "Số 1" },
    });
    await t.db.assignment.create({ data: { communeId, householdId: h.id, volunteerId: given.id, assignedById: user.admin!.id } });
    expect(await undo(batch.id, [])).toBe(false);
    expect(await t.db.user.count({ where: { importBatchId: batch.id } })).toBe(2);
    await t.db.assignment.deleteMany({ where: { volunteerId: given.id } });
    await t.db.user.update({ where: { id: given.id }, data: { passwordHash: "$2b$10$activated" } });
    expect(await undo(batch.id, [])).toBe(false);
    await t.db.user.update({ where: { id: given.id }, data: { passwordHash: NO_PASSWORD } });
    expect(await undo(batch.id, [])).toBe(true);
  });

  it("is refused to a role without lists:import, and for another commune's batch", async () => {
    const p = await plan([HEADER, ["1", "Kẻ Không Được", "", nextPhone(), "An Lão", ""]]);
    const refusal = (batch: { id: number; communeId: number; createdById: number }) => httpError(save(batch, p, null));
    expect(await refusal(await newBatch(user.volunteer!.id))).toBe("403");
    // The importer must be of the batch's commune.
    expect(await refusal(await newBatch(user.otherOfficial!.id))).toBe("403");
    const otherBatch = await newBatch(user.otherOfficial!.id, otherCommuneId);
    expect(await refusal({ ...otherBatch, communeId, createdById: user.official!.id })).toBe("404");
    expect(await t.db.user.count({ where: { importBatch: { communeId: otherCommuneId } } })).toBe(0);
    expect(await refusal(await newBatch(user.admin!.id))).toBe("none");
  });
});
