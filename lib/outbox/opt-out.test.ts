// Reminders off and on from /resident: only for the resident's proven number, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";

const { getMyReminders, setMyReminders } = await import("@/lib/outbox/opt-out");

let t: TestDatabase;
let communeId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: `optout-${Date.now()}`, name: "Xã Nhắc", province: "Hải Phòng" } })).id;
}, 60_000);
afterAll(async () => t?.drop());

async function resident(phone: string | null, unverifiedPhone: string | null = null) {
  const u = await t.db.user.create({
    data: { communeId, name: "Người Dân", role: "resident", passwordHash: "x", phone, unverifiedPhone },
  });
  return { id: u.id, name: u.name, role: "resident" as Role, communeId, memberId: null, username: null, phone };
}

describe("reminders on /resident", () => {
  it("turn off and on for the resident's proven number, each change audited", async () => {
    const me = await resident("0918000001");
    expect(await getMyReminders(me)).toEqual({ on: true, phone: "0918000001" });
    expect(await setMyReminders(me, false)).toBe(true);
    expect(await getMyReminders(me)).toEqual({ on: false, phone: "0918000001" });
    expect(await t.db.reminderOptOut.count({ where: { phone: "0918000001" } })).toBe(1);
    expect(await setMyReminders(me, true)).toBe(true);
    expect(await t.db.reminderOptOut.count({ where: { phone: "0918000001" } })).toBe(0);
    const log = await t.db.auditLog.findMany({ where: { actorId: me.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(log.map((l) => l.action)).toEqual(["reminders.off", "reminders.on"]);
  });

  it("an unproven number is not the resident's to set; other roles are refused", async () => {
    const me = await resident(null, "0918000002");
    expect(await getMyReminders(me)).toBeNull();
    expect(await setMyReminders(me, false)).toBe(false);
    expect(await t.db.reminderOptOut.count({ where: { phone: "0918000002" } })).toBe(0);
    expect(await refused(setMyReminders({ ...me, role: "official" }, false))).toBe(true);
  });
});
