import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit, changes } from "@/lib/audit/log";
import { hashPersonal, personalHash } from "@/lib/audit/personal";
import { fieldChanges, listAuditLog } from "@/lib/audit/queries";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { addMember, createHousehold, removeMember, updateHousehold, updateMember } from "@/lib/households/mutations";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { currentUserOf } from "@/lib/testing/users";

describe("the audit trail", () => {
  let t: TestDatabase;
  let communeId: number;
  let villageId: number;
  let village2: number;
  let official: CurrentUser;
  let admin: CurrentUser;

  beforeAll(async () => {
    t = await createTestDatabase();
    communeId = (await t.db.commune.create({ data: { code: "au", name: "Xã Nhật Ký", province: "Hải Phòng" } })).id;
    await ensureCommuneDefaults(t.db, communeId);
    villageId = (await t.db.village.create({ data: { communeId, name: "Thôn Một", code: "t1" } })).id;
    village2 = (await t.db.village.create({ data: { communeId, name: "Thôn Hai", code: "t2" } })).id;
    const mk = async (role: "official" | "admin") => {
      const u = await t.db.user.create({
        data: { communeId, username: `${role}-au`, name: `Cán bộ ${role}`, role, passwordHash: "x" },
      });
      return currentUserOf(u);
    };
    official = await mk("official");
    admin = await mk("admin");
  });
  afterAll(() => t?.drop());

  const lastLog = (action: string) => t.db.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });

  it("records a household's creation with its values, and an update with the changed fields only, before and after (personal values as keyed hashes)", async () => {
    const created = await createHousehold(official, {
      villageId,
      headName: "Trần Văn Cũ",
      address: "Số 1",
      phone: "0912345678",
      headBirthYear: 1970,
      headGender: "male",
      createAnyway: true,
      consent: true,
    });
    const c = await lastLog("household.create");
    expect(c).toMatchObject({ actorId: official.id, communeId, entity: "household", entityId: String(created.id) });
    expect(c.before).toBeNull();
    expect(c.after).toMatchObject({
      headName: personalHash("Trần Văn Cũ"),
      address: personalHash("Số 1"),
      phone: personalHash("0912345678"),
      headBirthYear: personalHash(1970),
      villageId,
    });

    const r = await updateHousehold(official, created.id, {
      villageId: village2,
      headName: "Trần Văn Cũ",
      address: "Số 2, xóm Mới",
      phone: "0912345678",
      version: 1,
    });
    expect(r).toEqual({ id: created.id });
    const u = await lastLog("household.update");
    expect(u.entityId).toBe(String(created.id));
    expect(u.before).toEqual({ villageId, address: personalHash("Số 1") });
    expect(u.after).toEqual({ villageId: village2, address: personalHash("Số 2, xóm Mới") });
    expect(u.details).toEqual({ changed: ["villageId", "address"] });
  });

  it("records a member's edit (changed fields before and after) and removal (the values removed)", async () => {
    const h = await createHousehold(official, {
      villageId,
      headName: "Lê Thị Chủ",
      address: "Số 5",
      phone: null,
      headBirthYear: 1965,
      headGender: "female",
      createAnyway: true,
      consent: true,
    });
    const m = await addMember(official, h.id, {
      fullName: "Lê Văn Con",
      birthYear: 1995,
      gender: "male",
      phone: null,
      isHead: false,
      skills: [],
      skillsOnForm: false,
      consent: true,
    });
    expect((await lastLog("member.create")).after).toMatchObject({
      fullName: personalHash("Lê Văn Con"),
      birthYear: personalHash(1995),
      householdId: h.id,
    });

    const edited = await updateMember(official, h.id, m.id, {
      fullName: "Lê Văn Con Sửa",
      birthYear: 1995,
      gender: "male",
      phone: "0987000111",
      isHead: false,
      skills: [],
      skillsOnForm: false,
      version: 1,
    });
    expect(edited).toEqual({ id: m.id });
    const u = await lastLog("member.update");
    expect(u).toMatchObject({ entity: "member", entityId: String(m.id), actorId: official.id });
    expect(u.before).toEqual({ fullName: personalHash("Lê Văn Con"), phone: null });
    expect(u.after).toEqual({ fullName: personalHash("Lê Văn Con Sửa"), phone: personalHash("0987000111") });

    expect(await removeMember(official, h.id, m.id, { version: 2 })).toEqual({ id: m.id });
    const d = await lastLog("member.delete");
    // Equal values, equal codes: the removed member is the one the edit named.
    expect(d.before).toMatchObject({
      fullName: (u.after as { fullName: string }).fullName,
      phone: personalHash("0987000111"),
      householdId: h.id,
    });
    expect(d.after).toBeNull();
  });

  it("never records a password hash, and turns dates into ISO strings", () => {
    const when = new Date("2026-01-02T03:04:05.000Z");
    const diff = changes({ name: "A", passwordHash: "h1", at: when }, { name: "B", passwordHash: "h2", at: when }, [
      "name",
      "at",
    ]);
    expect(diff).toEqual({ before: { name: "A" }, after: { name: "B" }, changed: ["name"] });
    expect(fieldChanges({ a: 1, b: null }, { a: 2, c: "x" })).toEqual([
      { field: "a", before: "1", after: "2" },
      { field: "b", before: "", after: "" },
      { field: "c", before: "", after: "x" },
    ]);
  });

  it("keeps personal values out of details too, at any depth, and hashes with the server's secret", async () => {
    await audit(t.db, official, "test.details", "member", 1, {
      householdId: 7,
      people: [{ fullName: "Phan Văn Lồng", phone: "0911222333", notes: "" }],
      reason: null,
    });
    const row = await lastLog("test.details");
    expect(row.details).toEqual({
      householdId: 7,
      people: [{ fullName: personalHash("Phan Văn Lồng"), phone: personalHash("0911222333"), notes: "" }],
      reason: null,
    });
    expect(JSON.stringify([row.details, row.before, row.after])).not.toMatch(/Lồng|0911222333/);
    expect(hashPersonal({ at: "x", notes: "Ghi chú" })).toEqual({ at: "x", notes: personalHash("Ghi chú") });
    // Keyed: another secret, another code (a guessed phone cannot be checked without it).
    const mine = personalHash("0911222333");
    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another secret";
    try {
      expect(personalHash("0911222333")).not.toBe(mine);
      expect(personalHash("0911222333")).toMatch(/^hmac:[0-9a-f]{16}$/);
    } finally {
      if (saved === undefined) delete process.env.AUTH_SECRET;
      else process.env.AUTH_SECRET = saved;
    }
  });

  it("the migration that hides the clear personal values older rows kept leaves ids, field names and other values", async () => {
    await t.db.auditLog.createMany({
      data: [
        {
          communeId,
          actorId: official.id,
          action: "legacy.update",
          entity: "household",
          entityId: "5",
          details: { changed: ["address", "phone"] },
          before: { address: "Số 8 ngõ Cũ", phone: null, villageId },
          after: { address: "Số 9 ngõ Mới", phone: "0912000999", villageId },
        },
        {
          communeId,
          actorId: null,
          action: "legacy.export",
          entity: "user",
          details: { table: "users", q: "Nguyễn Văn Tìm", rows: 1 },
        },
      ],
    });
    const sql = readFileSync(
      path.join(import.meta.dirname, "../../prisma/migrations/20261204203746_audit_personal_values/migration.sql"),
      "utf8",
    );
    for (const statement of sql.replace(/^--.*$/gm, "").split(";")) {
      if (statement.trim()) await t.db.$executeRawUnsafe(statement);
    }
    const [update, exported] = await t.db.auditLog.findMany({
      where: { action: { startsWith: "legacy." } },
      orderBy: { id: "asc" },
    });
    expect(update).toMatchObject({
      actorId: official.id,
      entityId: "5",
      details: { changed: ["address", "phone"] },
      before: { address: "***", phone: null, villageId },
      after: { address: "***", phone: "***", villageId },
    });
    expect(exported.details).toEqual({ table: "users", q: "***", rows: 1 });
    // Append-only again.
    await expect(t.db.$executeRawUnsafe(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it("shows the admin before and after, filtered by user, action, entity and dates", async () => {
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
    const log = await listAuditLog(admin, {
      actor: "Cán bộ official",
      action: "member.update",
      entity: "member",
      from: today,
      to: today,
    });
    expect(log.total).toBe(1);
    // jsonb keeps its own key order: compare by field.
    expect([...log.rows[0].changes].sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: "fullName", before: personalHash("Lê Văn Con"), after: personalHash("Lê Văn Con Sửa") },
      { field: "phone", before: "", after: personalHash("0987000111") },
    ]);
    const none = await listAuditLog(admin, { actor: "Cán bộ admin" });
    expect(none.total).toBe(0);
    const yesterday = await listAuditLog(admin, { to: "2020-01-01" });
    expect(yesterday.total).toBe(0);
  });

  it("cannot be edited, deleted or truncated through the application's database connection", async () => {
    const before = await t.db.auditLog.count();
    expect(before).toBeGreaterThan(0);
    await expect(t.db.$executeRawUnsafe(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.auditLog.updateMany({ data: { action: "forged" } })).rejects.toThrow();
    await expect(t.db.auditLog.deleteMany({})).rejects.toThrow();
    expect(await t.db.auditLog.count()).toBe(before);
    expect(await t.db.auditLog.count({ where: { action: "forged" } })).toBe(0);
  });
});
