import { settled } from "@/lib/testing/refusals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adoptHousehold, releaseFamily, searchAdoptable } from "@/lib/families/adoption";
import { giveSkills, makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("adopting households", () => {
  let t: TestDatabase;
  let a: Commune;
  let b: Commune;
  const families = (householdId: number) => t.db.digitalFamily.findUnique({ where: { householdId } });

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeCommune(t.db, "a");
    b = await makeCommune(t.db, "b", 2);
  });
  afterAll(() => t.drop());

  it("a leader adopts a household: a family of their branch, enrolled today, its status computed", async () => {
    const h = a.households[0];
    await giveSkills(t.db, a.id, h, ["vneid_l2", "smart_hp", "online_service", "cashless"]);
    const now = new Date("2026-03-10T20:00:00Z"); // 11 March in Vietnam
    const r = await settled(adoptHousehold(a.leader, { householdId: String(h) }, now));
    expect(r.ok).toBe(true);
    const f = await families(h);
    expect(f).toMatchObject({ branchId: a.branches[0], status: "digital", communeId: a.id });
    expect(f?.enrolledOn.toISOString()).toBe("2026-03-11T00:00:00.000Z");
    expect(f?.digitalOn?.toISOString()).toBe("2026-03-11T00:00:00.000Z");
    expect(await t.db.auditLog.count({ where: { action: "adopt", entityId: String(f?.id) } })).toBe(1);
  });

  it("a household adopted by another branch cannot be taken, and says by whom", async () => {
    const h = a.households[1];
    expect((await settled(adoptHousehold(a.otherLeader, { householdId: h }))).ok).toBe(true);
    const r = await settled(adoptHousehold(a.leader, { householdId: h }));
    expect(r).toEqual({ ok: false, error: "takenByOtherBranch", field: "householdId", params: { branch: "Chi đoàn 2 a" } });
    expect((await families(h))?.branchId).toBe(a.branches[1]);
    expect(await settled(adoptHousehold(a.otherLeader, { householdId: h }))).toMatchObject({ ok: false, error: "alreadyOurs" });
  });

  it("a family that enrolled on its own is taken on by the adopting branch, keeping its dates", async () => {
    const h = a.households[2];
    await t.db.digitalFamily.create({
      data: { communeId: a.id, householdId: h, status: "enrolled", enrolledOn: new Date("2025-05-01") },
    });
    expect((await settled(adoptHousehold(a.leader, { householdId: h }))).ok).toBe(true);
    const f = await families(h);
    expect(f?.branchId).toBe(a.branches[0]);
    expect(f?.enrolledOn.toISOString()).toBe("2025-05-01T00:00:00.000Z");
  });

  it("two leaders adopting the same household at once: one wins, nothing is duplicated", async () => {
    const h = a.households[3];
    const results = await Promise.all([
      settled(adoptHousehold(a.leader, { householdId: h })),
      settled(adoptHousehold(a.otherLeader, { householdId: h })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.digitalFamily.count({ where: { householdId: h } })).toBe(1);
  });

  it("refuses other roles, another commune's household, and bad input, saving nothing", async () => {
    const h = a.households[4];
    for (const role of ["volunteer", "official", "admin", "resident"] as const) {
      expect(await refused(adoptHousehold(someone(role, a.id), { householdId: h }))).toBe(true);
    }
    expect(await refused(adoptHousehold(someone("city", null), { householdId: h }))).toBe(true);
    // b's leader names a's household: not found in their commune.
    expect(await settled(adoptHousehold(b.leader, { householdId: h }))).toMatchObject({ ok: false, error: "householdNotFound" });
    expect(await settled(adoptHousehold(a.leader, { householdId: "abc" }))).toMatchObject({
      ok: false,
      error: "householdNotFound",
    });
    expect(await settled(adoptHousehold(a.leader, { householdId: -1 }))).toMatchObject({ ok: false, error: "householdNotFound" });
    // A leader without a branch.
    expect(await settled(adoptHousehold(someone("branch_leader", a.id, a.admin.id), { householdId: h }))).toMatchObject({
      ok: false,
      error: "noBranch",
    });
    expect(await families(h)).toBeNull();
  });

  it("releases only the branch's own families; the household stays enrolled, free to adopt", async () => {
    const h = a.households[5];
    await settled(adoptHousehold(a.leader, { householdId: h }));
    const f = (await families(h))!;
    expect(await settled(releaseFamily(a.otherLeader, { familyId: f.id }))).toMatchObject({ ok: false, error: "notOurFamily" });
    expect(await settled(releaseFamily(b.leader, { familyId: f.id }))).toMatchObject({ ok: false, error: "notOurFamily" });
    expect(await settled(releaseFamily(a.leader, { familyId: "x" }))).toMatchObject({ ok: false, error: "familyNotFound" });
    expect(await refused(releaseFamily(a.admin, { familyId: f.id }))).toBe(true);
    expect(await refused(releaseFamily(someone("volunteer", a.id), { familyId: f.id }))).toBe(true);
    expect((await families(h))?.branchId).toBe(a.branches[0]);

    expect(await settled(releaseFamily(a.leader, { familyId: f.id }))).toEqual({ ok: true, value: { familyId: f.id } });
    expect((await families(h))?.branchId).toBeNull();
    expect(await settled(releaseFamily(a.leader, { familyId: f.id }))).toMatchObject({ ok: false, error: "notOurFamily" });
    expect((await settled(adoptHousehold(a.otherLeader, { householdId: h }))).ok).toBe(true);
  });

  it("searches the commune's households, marking who has adopted each", async () => {
    const page = await searchAdoptable(a.leader, { q: "Chủ hộ a 1" });
    const row = page.rows.find((r) => r.id === a.households[1]);
    expect(row?.adoptedBy).toEqual({ name: "Chi đoàn 2 a", ours: false });
    const none = await searchAdoptable(a.leader, { family: "none" });
    expect(none.rows.every((r) => r.adoptedBy === null && r.familyStatus === null)).toBe(true);
    expect(none.rows.map((r) => r.id)).toContain(a.households[4]);
    expect(await refused(searchAdoptable(a.volunteer, {}))).toBe(true);
  });
});
