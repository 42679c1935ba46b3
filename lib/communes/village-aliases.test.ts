import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import {
  addVillageAlias,
  communeKey,
  listVillageAliases,
  removeVillageAlias,
  villageKey,
  villageMatcher,
  VillageAliasSchema,
} from "@/lib/communes/village-aliases";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";
import { Refusal } from "@/lib/validation/refusal";

describe("old village names (before the 2025 reorganisation)", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let admin: CurrentUser;
  let official: CurrentUser;
  let adminB: CurrentUser;
  const village: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "tk", name: "Xã Tứ Kỳ", province: "Hải Phòng" } })).id;
    b = (await t.db.commune.create({ data: { code: "kh", name: "Xã Khác", province: "Hải Phòng" } })).id;
    for (const [key, communeId, name] of [
      ["dong", a, "Thôn Đông"],
      ["ngocSon", a, "Thôn Ngọc Sơn"],
      ["tay", a, "Thôn Tây"],
      ["other", b, "Thôn Đông"],
    ] as const)
      village[key] = (await t.db.village.create({ data: { communeId, name, code: key } })).id;
    const user = async (username: string, role: "admin" | "official", communeId: number) =>
      currentUserOf(await t.db.user.create({ data: { communeId, username, name: username, role, passwordHash: "x" } }));
    admin = await user("admin-a", "admin", a);
    official = await user("official-a", "official", a);
    adminB = await user("admin-b", "admin", b);
  });
  afterAll(() => t?.drop());

  const add = (user: CurrentUser, fields: { villageId: number; oldCommune?: string; oldVillage: string }) =>
    addVillageAlias(user, VillageAliasSchema.parse({ oldCommune: "", ...fields }));

  async function refusal(p: Promise<unknown>): Promise<Refusal> {
    try {
      await p;
    } catch (err) {
      if (err instanceof Refusal) return err;
      throw err;
    }
    throw new Error("not refused");
  }

  it("compares names without diacritics, case, spaces or the kind of place", () => {
    expect(villageKey("Thôn  Đông Hải")).toBe("dong hai");
    expect(villageKey("xom dong hai")).toBe("dong hai");
    expect(villageKey("Tổ dân phố Số 3")).toBe("so 3");
    expect(communeKey("Xã Ngọc Sơn")).toBe("ngoc son");
    expect(communeKey("thi tran Tu Ky")).toBe("tu ky");
  });

  it("an admin records old names; a list's rows then land in the current village", async () => {
    await add(admin, { villageId: village.ngocSon, oldCommune: "Xã Ngọc Sơn", oldVillage: "Thôn Đông" });
    await add(admin, { villageId: village.tay, oldVillage: "Xóm Chợ" });
    const match = await villageMatcher(t.db, a);
    // "Thôn Đông" of the old commune Ngọc Sơn is now Thôn Ngọc Sơn; of this commune, Thôn Đông.
    expect(match("thon dong", "Xa Ngoc Son")).toBe(village.ngocSon);
    expect(match("Thôn Đông", "Xã Tứ Kỳ")).toBe(village.dong);
    expect(match("Đông")).toBe(village.dong);
    // An old name recorded without a commune matches whatever commune the list names.
    expect(match("xom cho", "Xã Ngọc Sơn")).toBe(village.tay);
    expect(match("Chợ")).toBe(village.tay);
    expect(match("Thôn Không Có")).toBeNull();
    // Another commune's villages are not this one's.
    expect((await villageMatcher(t.db, b))("Chợ")).toBeNull();

    const list = await listVillageAliases(admin);
    expect(list.map((v) => v.name)).toEqual(["Thôn Đông", "Thôn Ngọc Sơn", "Thôn Tây"]);
    expect(list.find((v) => v.id === village.ngocSon)!.aliases).toMatchObject([
      { oldCommune: "Xã Ngọc Sơn", oldVillage: "Thôn Đông" },
    ]);
    const log = await t.db.auditLog.findMany({ where: { action: "village_alias.create" } });
    expect(log).toHaveLength(2);
  });

  it("refuses an old name recorded twice, one that is a current name, and a village of another commune", async () => {
    expect((await refusal(add(admin, { villageId: village.dong, oldCommune: "xa ngoc son", oldVillage: "dong" }))).key).toBe(
      "aliasTaken",
    );
    expect((await refusal(add(admin, { villageId: village.tay, oldVillage: "Đông" }))).key).toBe("aliasIsCurrent");
    expect(await refusal(add(admin, { villageId: village.other, oldVillage: "Xóm Mới" }))).toMatchObject({
      field: "villageId",
      key: "villageInvalid",
    });
    expect(VillageAliasSchema.safeParse({ villageId: village.tay, oldCommune: "", oldVillage: "  " }).success).toBe(false);
  });

  it("only the admin of the commune lists, adds and removes them", async () => {
    expect(await refused(listVillageAliases(official))).toBe(true);
    expect(await refused(add(official, { villageId: village.tay, oldVillage: "Xóm Giữa" }))).toBe(true);
    const { aliasId } = await add(admin, { villageId: village.tay, oldVillage: "Xóm Giữa" });
    expect((await refusal(removeVillageAlias(adminB, aliasId))).key).toBe("aliasInvalid");
    expect(await refused(removeVillageAlias(official, aliasId))).toBe(true);
    await removeVillageAlias(admin, aliasId);
    expect(await t.db.villageAlias.count({ where: { id: aliasId } })).toBe(0);
    expect((await villageMatcher(t.db, a))("Xóm Giữa")).toBeNull();
  });
});
