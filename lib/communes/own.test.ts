import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOwnCommune } from "@/lib/communes/own";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";

describe("getOwnCommune", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "oa", name: "Xã Tứ Kỳ", province: "Hải Phòng" } })).id;
    b = (await t.db.commune.create({ data: { code: "ob", name: "Xã Khác", province: "Hà Nội" } })).id;
  });
  afterAll(() => t?.drop());

  const user = async (username: string, role: "official" | "branch_leader" | "city", communeId: number | null) =>
    currentUserOf(await t.db.user.create({ data: { communeId, username, name: username, role, passwordHash: "x" } }));

  it("names the user's own commune, whatever their role in it", async () => {
    expect(await getOwnCommune(await user("official-a", "official", a))).toEqual({
      id: a,
      name: "Xã Tứ Kỳ",
      province: "Hải Phòng",
    });
    expect(await getOwnCommune(await user("leader-b", "branch_leader", b))).toEqual({
      id: b,
      name: "Xã Khác",
      province: "Hà Nội",
    });
  });

  it("refuses a user with no commune (the city)", async () => {
    expect(await refused(getOwnCommune(await user("city", "city", null)))).toBe(true);
  });
});
