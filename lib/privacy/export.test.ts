import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { exportMyData, exportToCsv } from "@/lib/privacy/export";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";
import { currentUserOf as asUser } from "@/lib/testing/users";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
let resident: CurrentUser;
let otherCommuneId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 20 });
  resident = asUser(await t.db.user.findUniqueOrThrow({ where: { username: "resident" } }));
  otherCommuneId = (await t.db.commune.findFirstOrThrow({ where: { id: { not: resident.communeId! } } })).id;
}, 120_000);
afterAll(async () => t?.drop());

describe("exportMyData", () => {
  it("gives the demo resident their account, member and household, never a password hash, and logs it", async () => {
    const data = await exportMyData(resident);
    expect(data.user?.name).toBe("Hoàng Văn Thắng");
    expect(data.member?.fullName).toBe("Hoàng Văn Thắng");
    expect(data.household?.address).toBeTruthy();
    expect(data.household?.village).toBeTruthy();
    expect(data.household?.members.map((m) => m.fullName)).toContain("Hoàng Văn Thắng");
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/passwordHash|password_hash|\$argon|\$2[aby]\$/);
    const csv = exportToCsv(data);
    expect(csv.startsWith("\uFEFFsection,field,value\r\n")).toBe(true);
    expect(csv).toContain("household,address,");
    expect(csv).toContain("Hoàng Văn Thắng");
    const log = await t.db.auditLog.findFirst({ where: { actorId: resident.id, action: "export", entity: "user" } });
    expect(log?.entityId).toBe(String(resident.id));
  });

  it("refuses every other role", async () => {
    for (const role of ["volunteer", "branch_leader", "official", "admin", "city"] as Role[]) {
      const u = await t.db.user.findFirstOrThrow({ where: { role } });
      expect(await refused(exportMyData(asUser(u))), role).toBe(true);
    }
  });

  it("a resident of another commune gets nothing of this commune, even pointing at its member", async () => {
    // A hostile or stale link: a commune-B resident whose memberId names the commune-A resident.
    const other = await t.db.user.create({
      data: {
        communeId: otherCommuneId,
        username: "resident-b",
        name: "Người dân B",
        passwordHash: "x",
        role: "resident",
      },
    });
    const b = { ...asUser(other), memberId: resident.memberId, phone: resident.phone };
    const data = await exportMyData(b);
    expect(data.user?.name).toBe("Người dân B");
    expect(data.member).toBeNull();
    expect(data.household).toBeNull();
    expect(data.consents).toEqual([]);
    expect(data.registrations).toEqual([]);
    expect(JSON.stringify(data)).not.toContain("Hoàng Văn Thắng");
  });
});
