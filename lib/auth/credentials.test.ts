import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("authenticate", () => {
  let t: TestDatabase;
  let communeId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const commune = await t.db.commune.create({ data: { code: "c1", name: "Xã Một", province: "Hải Phòng" } });
    communeId = commune.id;
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.createMany({
      data: [
        { communeId, username: "canbo", name: "Cán bộ", role: "official", passwordHash },
        { communeId, phone: "0912345678", name: "Người dân", role: "resident", passwordHash },
        { communeId, username: "nghiviec", name: "Đã nghỉ", role: "volunteer", passwordHash, active: false },
      ],
    });
  });
  afterAll(() => t.drop());

  it("signs in by username, with the claims the session needs", async () => {
    const claims = await authenticate("CanBo ", "dung-mat-khau");
    expect(claims).toMatchObject({ name: "Cán bộ", role: "official", communeId, sessionVersion: 1 });
    const row = await t.db.user.findUniqueOrThrow({ where: { username: "canbo" } });
    expect(row.lastLoginAt).not.toBeNull();
  });

  it("signs in by phone number however it is written", async () => {
    expect(await authenticate("+84 912 345 678", "dung-mat-khau")).toMatchObject({ role: "resident" });
    expect(await authenticate("0912.345.678", "dung-mat-khau")).toMatchObject({ role: "resident" });
  });

  it("refuses a wrong password, an unknown login and a deactivated account", async () => {
    expect(await authenticate("canbo", "sai")).toBeNull();
    expect(await authenticate("khongco", "dung-mat-khau")).toBeNull();
    expect(await authenticate("nghiviec", "dung-mat-khau")).toBeNull();
    expect(await authenticate("", "")).toBeNull();
  });

  it("never returns the password hash from ordinary queries", async () => {
    const row = (await t.db.user.findFirstOrThrow({ where: { username: "canbo" } })) as Record<string, unknown>;
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("locks an account after five wrong passwords, refuses even the right one, and unlocks when the window ends", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.create({ data: { communeId, username: "bikhoa", name: "Bị khoá", role: "official", passwordHash } });
    const t0 = new Date();
    for (let i = 0; i < 5; i++) expect(await authenticate("bikhoa", "sai", "10.0.0.1", t0)).toBeNull();
    expect(await authenticate("bikhoa", "dung-mat-khau", "10.0.0.2", t0)).toBeNull();
    const later = new Date(t0.getTime() + 16 * 60 * 1000);
    expect(await authenticate("bikhoa", "dung-mat-khau", "10.0.0.2", later)).toMatchObject({ role: "official" });
  });

  it("limits failures per address across accounts", async () => {
    const t0 = new Date();
    for (let i = 0; i < 30; i++) await authenticate(`khongco${i}`, "sai", "10.9.9.9", t0);
    expect(await authenticate("canbo", "dung-mat-khau", "10.9.9.9", t0)).toBeNull();
    expect(await authenticate("canbo", "dung-mat-khau", "10.9.9.8", t0)).toMatchObject({ role: "official" });
  });
});
