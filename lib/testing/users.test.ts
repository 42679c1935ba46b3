import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actAs } from "@/lib/testing/next-fakes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { currentUserByUsername, currentUserOf } from "@/lib/testing/users";

// The helper must build the very user the app's session builds from the same row.
vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());

const { getCurrentUser } = await import("@/lib/auth/session");

describe("currentUserOf", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("is what getCurrentUser gives for the same row, with no password hash or session version", async () => {
    const commune = await t.db.commune.create({ data: { code: "u", name: "Xã U", province: "Hải Phòng" } });
    const village = await t.db.village.create({ data: { communeId: commune.id, name: "Thôn 1", code: "t1" } });
    const h = await t.db.household.create({
      data: {
        communeId: commune.id,
        villageId: village.id,
        headName: "Lê Thị Hoa",
        address: "Số 1",
        members: { create: { communeId: commune.id, fullName: "Lê Thị Hoa", birthYear: 1980, gender: "female", isHead: true } },
      },
      include: { members: true },
    });
    const row = await t.db.user.create({
      data: {
        communeId: commune.id,
        username: "hoa",
        phone: "0912000111",
        name: "Lê Thị Hoa",
        role: "resident",
        passwordHash: "x",
        memberId: h.members[0].id,
      },
    });
    actAs(row);
    const session = await getCurrentUser();
    expect(session).not.toBeNull();
    expect(currentUserOf(row)).toEqual(session);
    expect(await currentUserByUsername(t.db, "hoa")).toEqual(session);
    expect(Object.keys(currentUserOf(row))).not.toContain("passwordHash");
  });

  it("counts what a partial row lacks as null", () => {
    expect(currentUserOf({ id: 7, name: "x", role: "city", communeId: null })).toEqual({
      id: 7,
      name: "x",
      role: "city",
      communeId: null,
      memberId: null,
      username: null,
      phone: null,
    });
  });
});
