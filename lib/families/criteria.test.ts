import { settled } from "@/lib/testing/refusals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCriterion,
  addMemberSkill,
  getCriteriaSettings,
  removeCriterion,
  setSkillActive,
  updateCriterion,
} from "@/lib/families/criteria";
import { recomputeFamilies } from "@/lib/families/recompute";
import { giveSkills, makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("digital-family criteria", () => {
  let t: TestDatabase;
  let a: Commune;
  let b: Commune;
  const status = (householdId: number) => t.db.digitalFamily.findUniqueOrThrow({ where: { householdId } });
  const skillId = async (communeId: number, key: string) =>
    (await t.db.skill.findUniqueOrThrow({ where: { communeId_key: { communeId, key } } })).id;
  const criterion = async (communeId: number, key: string, level: "digital" | "smart") =>
    t.db.familyCriterion.findFirstOrThrow({ where: { communeId, level, skill: { key } } });

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeCommune(t.db, "a", 3);
    b = await makeCommune(t.db, "b", 1);
    // Household 0 meets the four digital criteria; household 1 also the smart ones; 2 has nothing.
    await giveSkills(t.db, a.id, a.households[0], ["vneid_l2", "smart_hp", "online_service", "cashless"]);
    await giveSkills(t.db, a.id, a.households[1], [
      "vneid_l2",
      "smart_hp",
      "online_service",
      "cashless",
      "safety_briefing",
      "ai_basics",
    ]);
    for (const c of [a, b]) {
      for (const h of c.households) {
        await t.db.digitalFamily.create({ data: { communeId: c.id, householdId: h, enrolledOn: new Date("2026-01-01") } });
      }
      await recomputeFamilies(t.db, c.id);
    }
    await giveSkills(t.db, b.id, b.households[0], ["vneid_l2", "smart_hp", "online_service", "cashless"]);
    await recomputeFamilies(t.db, b.id);
  });
  afterAll(() => t.drop());

  it("starts from the default criteria", async () => {
    expect((await status(a.households[0])).status).toBe("digital");
    expect((await status(a.households[1])).status).toBe("smart");
    expect((await status(a.households[2])).status).toBe("enrolled");
    const s = await getCriteriaSettings(a.admin);
    expect(s.criteria).toHaveLength(6);
    expect(s.skills.map((x) => x.key)).toContain("ai_basics");
    expect(s.skills.map((x) => x.key)).not.toContain("biz_einvoice");
  });

  it("adding a criterion flips statuses of the whole commune, in the same transaction, and says how many", async () => {
    const r = await settled(
      addCriterion(a.admin, { skillId: await skillId(a.id, "ai_basics"), level: "digital", rule: "all_adults" }),
    );
    expect(r).toEqual({ ok: true, value: { changed: 1 } });
    expect((await status(a.households[0])).status).toBe("in_progress");
    expect((await status(a.households[0])).digitalOn).toBeNull();
    expect((await status(a.households[1])).status).toBe("smart");
    // Another commune's families are untouched.
    expect((await status(b.households[0])).status).toBe("digital");
    expect(await t.db.auditLog.count({ where: { entity: "family_criterion", action: "create" } })).toBe(1);
  });

  it("a skill appears once per level", async () => {
    const before = await t.db.familyCriterion.count({ where: { communeId: a.id } });
    const r = await settled(
      addCriterion(a.admin, { skillId: await skillId(a.id, "vneid_l2"), level: "digital", rule: "any_adult" }),
    );
    expect(r).toEqual({ ok: false, error: "criterionDuplicate", field: "skillId" });
    const c = await criterion(a.id, "ai_basics", "digital");
    expect(await settled(updateCriterion(a.admin, { id: c.id, level: "smart", rule: "any_adult" }))).toMatchObject({
      ok: false,
      error: "criterionDuplicate",
    });
    expect(await t.db.familyCriterion.count({ where: { communeId: a.id } })).toBe(before);
  });

  it("changing and removing a criterion: every status follows", async () => {
    const c = await criterion(a.id, "ai_basics", "digital");
    expect(await settled(updateCriterion(a.admin, { id: c.id, level: "digital", rule: "any_adult" }))).toEqual({
      ok: true,
      value: { changed: 0 },
    });
    expect(await settled(removeCriterion(a.admin, { id: c.id }))).toEqual({ ok: true, value: { changed: 1 } });
    expect((await status(a.households[0])).status).toBe("digital");
    expect(await settled(removeCriterion(a.admin, { id: c.id }))).toMatchObject({ ok: false, error: "criterionNotFound" });
  });

  it("deactivating a skill ignores its criteria; reactivating restores them", async () => {
    const safety = await skillId(a.id, "safety_briefing");
    const ai = await skillId(a.id, "ai_basics");
    // With only ai_basics left at the smart level, household 1 stays smart; household 0 (no AI) digital.
    expect(await settled(setSkillActive(a.admin, { skillId: ai, active: "false" }))).toEqual({ ok: true, value: { changed: 0 } });
    expect(await settled(setSkillActive(a.admin, { skillId: safety, active: "false" }))).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    // No smart criterion is active: smart cannot be reached.
    expect((await status(a.households[1])).status).toBe("digital");
    expect(await settled(setSkillActive(a.admin, { skillId: safety, active: "true" }))).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    expect(await settled(setSkillActive(a.admin, { skillId: ai, active: "true" }))).toEqual({ ok: true, value: { changed: 0 } });
    expect((await status(a.households[1])).status).toBe("smart");
  });

  it("adds the commune's own member skill, once per key, and uses it in criteria", async () => {
    const r = await settled(addMemberSkill(a.admin, { key: "Zalo_Use", nameVi: "Dùng Zalo", nameEn: "Uses Zalo" }));
    expect(r.ok).toBe(true);
    const skill = await t.db.skill.findUniqueOrThrow({ where: { communeId_key: { communeId: a.id, key: "zalo_use" } } });
    expect(skill).toMatchObject({ scope: "member", builtin: false, active: true });
    expect(await settled(addMemberSkill(a.admin, { key: "zalo_use", nameVi: "Khác", nameEn: "Other" }))).toEqual({
      ok: false,
      error: "skillKeyTaken",
      field: "key",
    });
    // The same key in another commune is that commune's own.
    expect((await settled(addMemberSkill(b.admin, { key: "zalo_use", nameVi: "Dùng Zalo", nameEn: "Uses Zalo" }))).ok).toBe(true);
    expect(await settled(addCriterion(a.admin, { skillId: skill.id, level: "smart", rule: "any_adult" }))).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    expect((await status(a.households[1])).status).toBe("digital");
  });

  it("bad input gives a message key and saves nothing", async () => {
    const before = await t.db.skill.count();
    expect(await settled(addMemberSkill(a.admin, { key: "1 bad key", nameVi: "Tên", nameEn: "Name" }))).toMatchObject({
      error: "skillKeyInvalid",
      field: "key",
    });
    expect(await settled(addMemberSkill(a.admin, { key: "ok_key", nameVi: "x", nameEn: "Name" }))).toMatchObject({
      error: "skillNameShort",
      field: "nameVi",
    });
    expect(await t.db.skill.count()).toBe(before);
    const crit = await t.db.familyCriterion.count();
    expect(
      await settled(addCriterion(a.admin, { skillId: await skillId(a.id, "smart_hp"), level: "expert", rule: "any_adult" })),
    ).toMatchObject({
      error: "levelInvalid",
    });
    expect(await settled(addCriterion(a.admin, { skillId: "", level: "smart", rule: "any_adult" }))).toMatchObject({
      error: "skillInvalid",
    });
    // A business skill is not a member skill.
    expect(
      await settled(addCriterion(a.admin, { skillId: await skillId(a.id, "biz_einvoice"), level: "smart", rule: "any_adult" })),
    ).toMatchObject({
      error: "skillInvalid",
    });
    expect(await t.db.familyCriterion.count()).toBe(crit);
  });

  it("refuses every role but admin, and another commune's records", async () => {
    const c = await criterion(a.id, "vneid_l2", "digital");
    const smartHp = await skillId(a.id, "smart_hp");
    for (const role of ["volunteer", "branch_leader", "official", "resident"] as const) {
      const u = someone(role, a.id);
      expect(await refused(getCriteriaSettings(u))).toBe(true);
      expect(await refused(addCriterion(u, { skillId: smartHp, level: "smart", rule: "any_adult" }))).toBe(true);
      expect(await refused(updateCriterion(u, { id: c.id, level: "digital", rule: "any_adult" }))).toBe(true);
      expect(await refused(removeCriterion(u, { id: c.id }))).toBe(true);
      expect(await refused(setSkillActive(u, { skillId: smartHp, active: "false" }))).toBe(true);
      expect(await refused(addMemberSkill(u, { key: "k_x", nameVi: "Tên", nameEn: "Name" }))).toBe(true);
    }
    expect(await refused(getCriteriaSettings(someone("city", null)))).toBe(true);
    // b's admin names a's records.
    expect(await settled(updateCriterion(b.admin, { id: c.id, level: "digital", rule: "any_adult" }))).toMatchObject({
      error: "criterionNotFound",
    });
    expect(await settled(removeCriterion(b.admin, { id: c.id }))).toMatchObject({ error: "criterionNotFound" });
    expect(await settled(setSkillActive(b.admin, { skillId: smartHp, active: "false" }))).toMatchObject({
      error: "skillInvalid",
    });
    expect(await settled(addCriterion(b.admin, { skillId: smartHp, level: "smart", rule: "any_adult" }))).toMatchObject({
      error: "skillInvalid",
    });
    expect(await criterion(a.id, "vneid_l2", "digital")).toMatchObject({ rule: "all_adults" });
    expect((await t.db.skill.findUniqueOrThrow({ where: { id: smartHp } })).active).toBe(true);
  });
});
