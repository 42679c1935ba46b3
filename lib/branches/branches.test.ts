import { settled } from "@/lib/testing/refusals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adoptHousehold } from "@/lib/families/adoption";
import { makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { setBranchTarget } from "@/lib/branches/mutations";
import { getMyBranchOverview, listBranchTargets, listMyBranchFamilies } from "@/lib/branches/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("branch target and overview", () => {
  let t: TestDatabase;
  let a: Commune;
  let b: Commune;
  const branch = (id: number) => t.db.youthBranch.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeCommune(t.db, "a", 6);
    b = await makeCommune(t.db, "b", 1);
  });
  afterAll(() => t.drop());

  it("the leader sets their branch's target; the overview says when it is met", async () => {
    const [b1] = a.branches;
    const r = await settled(setBranchTarget(a.leader, { branchId: b1, target: "6", version: "1" }));
    expect(r).toEqual({ ok: true, value: { target: 6 } });
    expect(await branch(b1)).toMatchObject({ targetFamilies: 6, version: 2 });
    for (const h of a.households.slice(0, 5)) expect((await settled(adoptHousehold(a.leader, { householdId: h }))).ok).toBe(true);
    let o = await getMyBranchOverview(a.leader);
    expect(o).toMatchObject({ adopted: 5, targetMet: false, branch: { targetFamilies: 6 } });
    await settled(adoptHousehold(a.leader, { householdId: a.households[5] }));
    o = await getMyBranchOverview(a.leader);
    expect(o).toMatchObject({ adopted: 6, targetMet: true });
    expect(o?.volunteers.map((v) => v.name)).toEqual(["leader a", "volunteer a"]);
    const fam = await listMyBranchFamilies(a.leader);
    expect(fam.total).toBe(6);
    expect(fam.rows[0].household.headName).toMatch(/Chủ hộ a/);
    expect(await t.db.auditLog.count({ where: { action: "set_target" } })).toBe(1);
  });

  it("refuses a target below five, or a stale form, saving nothing", async () => {
    const [b1] = a.branches;
    expect(await settled(setBranchTarget(a.leader, { branchId: b1, target: "4", version: "2" }))).toEqual({
      ok: false,
      error: "targetMin",
      field: "target",
    });
    expect(await settled(setBranchTarget(a.leader, { branchId: b1, target: "abc", version: "2" }))).toMatchObject({
      error: "targetInvalid",
    });
    expect(await settled(setBranchTarget(a.leader, { branchId: b1, target: "5.5", version: "2" }))).toMatchObject({
      error: "targetInvalid",
    });
    expect(await settled(setBranchTarget(a.leader, { branchId: b1, target: "9", version: "1" }))).toEqual({
      ok: false,
      error: "stale",
      field: "target",
    });
    expect(await branch(b1)).toMatchObject({ targetFamilies: 6, version: 2 });
  });

  it("a leader cannot set another branch's target; the admin sets any branch of their commune only", async () => {
    const [, b2] = a.branches;
    expect(await settled(setBranchTarget(a.leader, { branchId: b2, target: "7", version: "1" }))).toMatchObject({
      error: "branchNotFound",
    });
    expect(await settled(setBranchTarget(b.admin, { branchId: b2, target: "7", version: "1" }))).toMatchObject({
      error: "branchNotFound",
    });
    expect(await settled(setBranchTarget(b.leader, { branchId: b2, target: "7", version: "1" }))).toMatchObject({
      error: "branchNotFound",
    });
    expect((await branch(b2)).targetFamilies).toBe(5);
    expect(await settled(setBranchTarget(a.admin, { branchId: b2, target: "7", version: "1" }))).toEqual({
      ok: true,
      value: { target: 7 },
    });
    expect((await listBranchTargets(a.admin)).find((x) => x.id === b2)).toMatchObject({ targetFamilies: 7, adopted: 0 });
  });

  it("refuses every other role", async () => {
    const [b1] = a.branches;
    for (const role of ["volunteer", "official", "resident"] as const) {
      expect(await refused(setBranchTarget(someone(role, a.id), { branchId: b1, target: "8", version: "2" }))).toBe(true);
    }
    expect(await refused(setBranchTarget(someone("city", null), { branchId: b1, target: "8", version: "2" }))).toBe(true);
    expect(await refused(listBranchTargets(a.leader))).toBe(true);
    expect(await refused(listMyBranchFamilies(a.admin))).toBe(true);
    expect((await branch(b1)).targetFamilies).toBe(6);
  });
});
