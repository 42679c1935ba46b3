import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/queries";
import type { CurrentUser } from "@/lib/auth/user";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const as = (role: CurrentUser["role"], communeId: number | null, id = 1): CurrentUser => ({
  id,
  name: role,
  role,
  communeId,
  memberId: null,
  username: role,
  phone: null,
});

describe("listAuditLog", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let adminId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "a", name: "Xã A", province: "HP" } })).id;
    b = (await t.db.commune.create({ data: { code: "b", name: "Xã B", province: "HP" } })).id;
    adminId = (
      await t.db.user.create({ data: { communeId: a, username: "quantri", name: "Quản Trị", role: "admin", passwordHash: "x" } })
    ).id;
    await t.db.auditLog.createMany({
      data: [
        {
          communeId: a,
          actorId: adminId,
          action: "household.view",
          entity: "household",
          entityId: "1",
          at: new Date("2026-11-20T03:00:00Z"),
        },
        {
          communeId: a,
          actorId: adminId,
          action: "member.create",
          entity: "member",
          entityId: "2",
          at: new Date("2026-11-21T03:00:00Z"),
        },
        // 23:30 on 21 November in Vietnam: still the 21st there.
        { communeId: a, actorId: null, action: "register", entity: "user", entityId: "3", at: new Date("2026-11-21T16:30:00Z") },
        { communeId: b, actorId: null, action: "household.view", entity: "household", entityId: "9" },
      ],
    });
  });
  afterAll(() => t.drop());

  it("shows the admin their own commune's trail only, newest first", async () => {
    const r = await listAuditLog(as("admin", a, adminId), {});
    expect(r.total).toBe(3);
    expect(r.rows.map((x) => x.entityId)).toEqual(["3", "2", "1"]);
    expect(r.entities).toEqual(["household", "member", "user"]);
  });

  it("filters by who, what and the day in Vietnam", async () => {
    expect((await listAuditLog(as("admin", a), { actor: "quản" })).total).toBe(2);
    expect((await listAuditLog(as("admin", a), { entity: "member" })).rows.map((x) => x.entityId)).toEqual(["2"]);
    expect((await listAuditLog(as("admin", a), { from: "2026-11-21", to: "2026-11-21" })).rows.map((x) => x.entityId)).toEqual([
      "3",
      "2",
    ]);
  });

  it("is refused to every other role", async () => {
    for (const role of ["official", "branch_leader", "volunteer", "resident"] as const) {
      await expect(listAuditLog(as(role, a), {})).rejects.toThrow();
    }
    await expect(listAuditLog(as("city", null), {})).rejects.toThrow();
  });
});
