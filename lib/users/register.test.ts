import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalHash } from "@/lib/audit/personal";
import { RegisterResidentSchema } from "@/lib/auth/schemas";
import { authenticate } from "@/lib/auth/credentials";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState } from "@/lib/testing/refusals";
import { registerResident } from "@/lib/users/register";

describe("a resident's own account", () => {
  let t: TestDatabase;
  let communeId: number;
  let bareCommuneId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const c = await t.db.commune.create({
      data: { code: "c1", name: "Xã Một", province: "Hải Phòng", villages: { create: { name: "Thôn A", code: "a" } } },
    });
    communeId = c.id;
    bareCommuneId = (await t.db.commune.create({ data: { code: "c2", name: "Xã Hai", province: "Hải Phòng" } })).id;
  });
  afterAll(() => t.drop());

  const input = (over: Record<string, unknown> = {}) =>
    RegisterResidentSchema.parse({
      name: "Đỗ Thị Lan",
      phone: "0987 654 321",
      password: "mat-khau-1",
      confirm: "mat-khau-1",
      communeId: String(communeId),
      consent: "yes",
      ...over,
    });

  it("is created with the consent recorded, its phone unverified and a code sent to it, and can sign in", async () => {
    const result = await asFormState(registerResident(input()));
    expect(result.ok).toBe(true);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "register" } });
    // Personal values as keyed hashes only: the audit trail is append-only, erasure cannot reach it.
    expect(log.after).toEqual({
      name: personalHash("Đỗ Thị Lan"),
      unverifiedPhone: personalHash("0987654321"),
      role: "resident",
    });
    const user = await t.db.user.findFirstOrThrow({ where: { unverifiedPhone: "0987654321" }, include: { userConsents: true } });
    expect(user).toMatchObject({ role: "resident", communeId, name: "Đỗ Thị Lan", memberId: null, phone: null });
    expect(await t.db.outboxMessage.count({ where: { kind: "phone_code", recipient: "0987654321" } })).toBe(1);
    expect(await t.db.phoneCode.count({ where: { userId: user.id } })).toBe(1);
    expect(user.userConsents).toHaveLength(1);
    expect(user.userConsents[0]).toMatchObject({
      purpose: "data_processing",
      granted: true,
      method: "online",
      textKey: "register.v1",
      recordedById: user.id,
      withdrawnAt: null,
    });
    expect(user.userConsents[0].text).toContain("Công dân số");
    expect(await authenticate("0987654321", "mat-khau-1")).toMatchObject({ role: "resident" });
  });

  it("is not refused for a number only unverified accounts typed: whoever proves it takes it", async () => {
    const before = await t.db.consent.count();
    const again = await asFormState(
      registerResident(input({ name: "Người khác", password: "mat-khau-khac", confirm: "mat-khau-khac" })),
    );
    expect(again).toMatchObject({ ok: true, userId: expect.any(Number) });
    expect(await t.db.consent.count()).toBe(before + 1);
    expect(await t.db.user.count({ where: { unverifiedPhone: "0987654321" } })).toBe(2);
    // Each signs in with their own password.
    expect(await authenticate("0987654321", "mat-khau-1")).toMatchObject({ name: "Đỗ Thị Lan" });
    expect(await authenticate("0987654321", "mat-khau-khac")).toMatchObject({ name: "Người khác" });
  });

  it("creates nothing for a number with a proven account, and answers as for a new one", async () => {
    await t.db.user.create({ data: { communeId, phone: "0912000999", name: "Chủ Số", role: "resident", passwordHash: "x" } });
    const [users, consents] = [await t.db.user.count(), await t.db.consent.count()];
    expect(await asFormState(registerResident(input({ phone: "0912000999" })))).toEqual({ ok: true, userId: null });
    expect([await t.db.user.count(), await t.db.consent.count()]).toEqual([users, consents]);
    expect(await t.db.outboxMessage.count({ where: { kind: "phone_account_exists", recipient: "0912000999" } })).toBe(1);
  });

  it("is refused in a commune that does not run the program here", async () => {
    const result = await asFormState(registerResident(input({ phone: "0911111111", communeId: String(bareCommuneId) })));
    expect(result).toEqual({ ok: false, fieldErrors: { communeId: "communeInvalid" } });
  });

  it("needs consent, a valid phone and matching passwords (message keys per field)", () => {
    const bad = RegisterResidentSchema.safeParse({
      name: "A",
      phone: "123",
      password: "x",
      confirm: "y",
      communeId: "",
      consent: undefined,
    });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toMatchObject({
      name: "nameShort",
      phone: "phoneInvalid",
      password: "passwordShort",
      consent: "consentRequired",
    });
  });
});
