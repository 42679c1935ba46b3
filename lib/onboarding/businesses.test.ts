import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import {
  chooseDuplicates,
  confirmMapping,
  getImportBatch,
  queueImportSave,
  saveImportBatch,
  stageImport,
  undoImport,
} from "@/lib/onboarding/batches";
import { isTicked, suggestBusinessMapping, type BusinessPlan } from "@/lib/onboarding/businesses";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError, settled } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";

const csv = (lines: string[][], name = "hkd.csv") => new File([lines.map((l) => l.join(",")).join("\n")], name);

describe("importing the commune's list of household businesses", () => {
  let t: TestDatabase;
  let a: number;
  let official: CurrentUser;
  let volunteer: CurrentUser;
  let lan: number;
  let minh: number;
  let dong: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "tk", name: "Xã Tứ Kỳ", province: "Hải Phòng" } })).id;
    dong = (await t.db.village.create({ data: { communeId: a, name: "Thôn Đông", code: "dong" } })).id;
    for (const [key, nameVi] of [
      ["biz_online_selling", "Bán hàng trực tuyến"],
      ["biz_cashless", "Thanh toán không tiền mặt"],
      ["biz_einvoice", "Hoá đơn điện tử"],
      ["biz_software", "Phần mềm"],
    ])
      await t.db.skill.create({ data: { communeId: a, key, scope: "business", nameVi, nameEn: key } });
    const household = async (headName: string, phone: string | null) =>
      (
        await t.db.household.create({
          data: {
            communeId: a,
            villageId: dong,
            headName,
            address: "Thôn Đông",
            phone,
            members: { create: { communeId: a, fullName: headName, birthYear: 1970, gender: "female", isHead: true } },
          },
        })
      ).id;
    lan = await household("Ngô Thị Lan", "0987000111");
    minh = await household("Bùi Văn Minh", null);
    await t.db.householdBusiness.create({ data: { communeId: a, householdId: minh, name: "Tạp hoá Minh", sector: "Tạp hoá" } });
    const user = async (username: string, role: "official" | "volunteer") =>
      currentUserOf(await t.db.user.create({ data: { communeId: a, username, name: username, role, passwordHash: "x" } }));
    official = await user("official", "official");
    volunteer = await user("volunteer", "volunteer");
  });
  afterAll(() => t?.drop());

  it("recognises the business list's headers and ticks", () => {
    expect(
      suggestBusinessMapping([
        "STT",
        "Tên hộ kinh doanh",
        "Ngành nghề",
        "Họ tên chủ hộ",
        "Thôn",
        "SĐT",
        "Bán hàng online",
        "Thanh toán không dùng tiền mặt",
        "HĐĐT",
        "Phần mềm kế toán",
      ]),
    ).toEqual([null, "businessName", "sector", "headName", "village", "phone", "online", "cashless", "einvoice", "software"]);
    expect(["x", "X", "Có", "co", "1", "✓", "đã dùng"].every(isTicked)).toBe(true);
    expect(["", "Không", "0", "chưa", "-"].some(isTicked)).toBe(false);
  });

  it("finds each business's household, lists the rows it cannot place, and saves with skills; merge adds skills; undo", async () => {
    const { id } = await stageImport(official, {
      kind: "businesses",
      file: csv([
        ["Ten ho kinh doanh", "Nganh nghe", "Ho ten chu ho", "Thon", "SDT", "Ban hang online", "Thanh toan khong tien mat"],
        ["Quán Lan", "Ăn uống", "Ngo Thi Lan", "Đông", "", "x", ""],
        ["Tạp hoá Minh mới", "Tạp hoá", "Bùi Văn Minh", "Thôn Đông", "", "", "x"],
        ["Cửa hàng lạ", "Điện máy", "Người Không Có", "Thôn Đông", "", "", ""],
        ["Q", "Ăn uống", "Ngô Thị Lan", "Thôn Đông", "", "", ""],
      ]),
    });
    const staged = await getImportBatch(official, id);
    await confirmMapping(official, id, staged.suggested);
    const plan = (await getImportBatch(official, id)).plan as BusinessPlan;
    expect(plan.items.map((b) => [b.row, b.householdId, b.skills])).toEqual([
      [2, lan, ["biz_online_selling"]],
      [3, minh, ["biz_cashless"]],
    ]);
    expect(plan.problems).toEqual([
      { row: 4, key: "householdNotFound", values: { value: "Người Không Có" } },
      { row: 5, key: "field.businessNameShort", values: { column: "Ten ho kinh doanh", value: "Q" } },
    ]);
    expect(plan.duplicates).toMatchObject([
      { key: "r3", rows: [3], matches: [{ id: minh, name: "Tạp hoá Minh" }], choices: ["skip", "merge"] },
    ]);
    expect(await settled(chooseDuplicates(official, id, { r3: "create" }))).toMatchObject({ ok: false, error: "choiceInvalid" });
    await chooseDuplicates(official, id, { r3: "merge" });
    await queueImportSave(official, id, async (batchId) => void (await saveImportBatch(batchId)));
    expect((await getImportBatch(official, id)).counts).toEqual({ created: 1, merged: 1, skipped: 0 });
    const businesses = await t.db.householdBusiness.findMany({
      orderBy: { householdId: "asc" },
      select: { householdId: true, name: true, skills: { select: { skill: { select: { key: true } } } } },
    });
    expect(businesses.map((b) => [b.householdId, b.name, b.skills.map((s) => s.skill.key)])).toEqual([
      [lan, "Quán Lan", ["biz_online_selling"]],
      // Merged: its name kept, the list's skill added.
      [minh, "Tạp hoá Minh", ["biz_cashless"]],
    ]);
    await undoImport(official, id);
    const after = await t.db.householdBusiness.findMany({ select: { householdId: true, skills: true } });
    expect(after).toEqual([{ householdId: minh, skills: [] }]);
  });

  it("refuses a list without the columns that place a business, and other roles", async () => {
    const file = csv([
      ["Tên hộ kinh doanh", "Ngành nghề"],
      ["Quán", "Ăn uống"],
    ]);
    expect(await httpError(stageImport(volunteer, { kind: "businesses", file }))).toBe("403");
    const { id } = await stageImport(official, { kind: "businesses", file });
    expect(await settled(confirmMapping(official, id, ["businessName", "sector"]))).toMatchObject({
      ok: false,
      error: "noBusinessColumns",
    });
  });
});
