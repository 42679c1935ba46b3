// The family status is written by one SQL statement (recompute.ts) and shown by the pages through
// computeFamilyStatus (status.ts). Both must give the same answer: varied households (adults,
// children, a child turning 18 this year, no members, skills of every kind) under varied criteria
// (the default, an empty level, one skill at both levels, an inactive skill, none at all).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import {
  loadCriteria,
  recomputeFamilies,
  recomputeFamilyStatuses,
  unsafeEveryCommuneRecomputeQuery,
  unsafeRecomputeEveryCommune,
} from "@/lib/families/recompute";
import { computeFamilyStatus } from "@/lib/families/status";
import type { CriterionLevel, CriterionRule } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

// 10:00 in Vietnam on 2026-12-05.
const NOW = new Date("2026-12-05T03:00:00Z");
const YEAR = 2026;
const TODAY = new Date("2026-12-05T00:00:00Z");

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("recomputing family statuses in one statement", () => {
  let t: TestDatabase;
  let communeId: number;
  const households: number[] = [];
  const skill: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    const c = await t.db.commune.create({ data: { code: "r", name: "Xã R", province: "Hải Phòng" } });
    communeId = c.id;
    await ensureCommuneDefaults(t.db, communeId);
    const extra = await t.db.skill.create({
      data: { communeId, key: "own_skill", scope: "member", nameVi: "Kỹ năng riêng", nameEn: "Own skill" },
    });
    for (const s of await t.db.skill.findMany({ where: { communeId, scope: "member" } })) skill[s.key] = s.id;
    expect(skill.own_skill).toBe(extra.id);
    const village = await t.db.village.create({ data: { communeId, name: "Thôn 1", code: "t1" } });

    const rnd = random(20261204);
    const keys = Object.keys(skill);
    // Ages around the adult line matter most: 17, 18 and 19 this year.
    const ages = [3, 12, 17, 18, 19, 25, 40, 70, 90];
    for (let i = 0; i < 120; i++) {
      const size = i % 17 === 0 ? 0 : 1 + Math.floor(rnd() * 4);
      const h = await t.db.household.create({
        data: {
          communeId,
          villageId: village.id,
          headName: `Hộ ${i}`,
          address: `Số ${i}`,
          members: {
            create: [...Array(size)].map((_, j) => ({
              communeId,
              fullName: `Người ${i}.${j}`,
              birthYear: YEAR - ages[Math.floor(rnd() * ages.length)],
              gender: "female" as const,
              isHead: j === 0,
            })),
          },
        },
        select: { id: true, members: { select: { id: true } } },
      });
      households.push(h.id);
      // Many members hold most skills, so every status is reached under the default criteria.
      const p = rnd();
      const skills = h.members.flatMap((m) =>
        keys.filter(() => rnd() < p + 0.2).map((k) => ({ communeId, memberId: m.id, skillId: skill[k], acquiredOn: TODAY })),
      );
      if (skills.length) await t.db.memberSkill.createMany({ data: skills });
      // Some families start with a status and dates the recomputation has to correct.
      const start = (["enrolled", "in_progress", "digital", "smart"] as const)[i % 4];
      await t.db.digitalFamily.create({
        data: {
          communeId,
          householdId: h.id,
          status: start,
          enrolledOn: new Date("2026-01-01"),
          digitalOn: start === "digital" || start === "smart" ? new Date("2026-02-01") : null,
        },
      });
    }
    // A household that is not a digital family is left alone.
    await t.db.digitalFamily.delete({ where: { householdId: households[1] } });
    households.splice(1, 1);
  });
  afterAll(() => t.drop());

  /** What computeFamilyStatus gives each family, from the rows as they are now. */
  async function expected() {
    const criteria = await loadCriteria(t.db, communeId);
    const rows = await t.db.digitalFamily.findMany({
      where: { communeId },
      select: {
        householdId: true,
        household: {
          select: { members: { select: { birthYear: true, skills: { select: { skill: { select: { key: true } } } } } } },
        },
      },
    });
    return new Map(
      rows.map((f) => [
        f.householdId,
        computeFamilyStatus({
          year: YEAR,
          criteria,
          members: f.household.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) })),
        }).status,
      ]),
    );
  }

  async function stored() {
    const rows = await t.db.digitalFamily.findMany({ where: { communeId } });
    return new Map(rows.map((f) => [f.householdId, f]));
  }

  async function setCriteria(list: { key: string; level: CriterionLevel; rule: CriterionRule }[]) {
    await t.db.familyCriterion.deleteMany({ where: { communeId } });
    await t.db.familyCriterion.createMany({
      data: list.map((c, i) => ({ communeId, skillId: skill[c.key], level: c.level, rule: c.rule, sortOrder: i })),
    });
  }

  const configurations: [string, { key: string; level: CriterionLevel; rule: CriterionRule }[], string[]][] = [
    [
      "the default criteria",
      [
        { key: "vneid_l2", level: "digital", rule: "all_adults" },
        { key: "smart_hp", level: "digital", rule: "any_adult" },
        { key: "online_service", level: "digital", rule: "any_adult" },
        { key: "cashless", level: "digital", rule: "any_adult" },
        { key: "safety_briefing", level: "smart", rule: "all_adults" },
        { key: "ai_basics", level: "smart", rule: "any_adult" },
      ],
      [],
    ],
    [
      "one skill at both levels, with different rules",
      [
        { key: "vneid_l2", level: "digital", rule: "any_adult" },
        { key: "vneid_l2", level: "smart", rule: "all_adults" },
        { key: "own_skill", level: "smart", rule: "any_adult" },
      ],
      [],
    ],
    [
      "no digital criteria (the smart level alone cannot be reached)",
      [{ key: "cashless", level: "smart", rule: "all_adults" }],
      [],
    ],
    [
      "no smart criteria",
      [
        { key: "smart_hp", level: "digital", rule: "all_adults" },
        { key: "ai_basics", level: "digital", rule: "any_adult" },
      ],
      [],
    ],
    [
      "a criterion on a skill the commune switched off",
      [
        { key: "vneid_l2", level: "digital", rule: "all_adults" },
        { key: "own_skill", level: "digital", rule: "all_adults" },
        { key: "safety_briefing", level: "smart", rule: "any_adult" },
      ],
      ["own_skill"],
    ],
    ["no criteria at all", [], []],
  ];

  for (const [name, criteria, inactive] of configurations) {
    it(`gives computeFamilyStatus's answer for every household under ${name}`, async () => {
      await setCriteria(criteria);
      await t.db.skill.updateMany({ where: { communeId }, data: { active: true } });
      if (inactive.length) await t.db.skill.updateMany({ where: { communeId, key: { in: inactive } }, data: { active: false } });
      const before = await stored();
      const want = await expected();
      const changes = await recomputeFamilyStatuses(t.db, communeId, undefined, NOW);
      const after = await stored();

      expect(changes).toHaveLength(want.size);
      for (const c of changes) {
        expect(c.before, `household ${c.householdId} before`).toBe(before.get(c.householdId)!.status);
        expect(c.after, `household ${c.householdId}`).toBe(want.get(c.householdId));
      }
      const rank = ["enrolled", "in_progress", "digital", "smart"];
      for (const [householdId, status] of want) {
        const f = after.get(householdId)!;
        expect(f.status, `household ${householdId}`).toBe(status);
        // A level reached keeps its first date; one not reached has none.
        const old = before.get(householdId)!;
        const r = rank.indexOf(status);
        expect(f.inProgressOn).toEqual(r >= 1 ? (old.inProgressOn ?? TODAY) : null);
        expect(f.digitalOn).toEqual(r >= 2 ? (old.digitalOn ?? TODAY) : null);
        expect(f.smartOn).toEqual(r >= 3 ? (old.smartOn ?? TODAY) : null);
        // Written only when something changed.
        const same =
          old.status === f.status &&
          [old.inProgressOn, old.digitalOn, old.smartOn].map(String).join() ===
            [f.inProgressOn, f.digitalOn, f.smartOn].map(String).join();
        expect(f.version).toBe(same ? old.version : old.version + 1);
      }
      if (name === "the default criteria") {
        // The sample reaches every status, so each branch of the rule was compared.
        expect(new Set(want.values())).toEqual(new Set(rank));
      }
    });
  }

  it("recomputes only the households asked for, and counts the changes", async () => {
    await setCriteria(configurations[0][1]);
    await t.db.skill.updateMany({ where: { communeId }, data: { active: true } });
    await recomputeFamilies(t.db, communeId, undefined, NOW);
    const [one, two] = households.slice(-2);
    await t.db.digitalFamily.updateMany({ where: { householdId: { in: [one, two] } }, data: { status: "smart" } });
    const want = await expected();
    const changed = await recomputeFamilies(t.db, communeId, [one], NOW);
    expect(changed).toBe(want.get(one) === "smart" ? 0 : 1);
    expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: one } })).status).toBe(want.get(one));
    // The other one was not asked for: it keeps its (wrong) status.
    expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: two } })).status).toBe("smart");
    expect(await recomputeFamilyStatuses(t.db, communeId, [], NOW)).toEqual([]);
  });
});

// The demo once wrote other communes' statuses directly (issue 16), so /city counted digital
// families their own criteria did not give. unsafeRecomputeEveryCommune puts every commune's
// families back on their members' skills, each under its own commune's criteria.
describe("recomputing every commune at once", () => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  const DAY = (s: string) => new Date(`${s}T00:00:00Z`);

  /** A household of adults (born 1980) holding `skills`, enrolled with the status and dates given. */
  async function family(
    name: string,
    communeId: number,
    villageId: number,
    skills: string[][],
    stored: { status: "enrolled" | "in_progress" | "digital" | "smart"; inProgressOn?: Date; digitalOn?: Date; smartOn?: Date },
  ) {
    const h = await t.db.household.create({
      data: {
        communeId,
        villageId,
        headName: name,
        address: "Số 1",
        members: {
          create: skills.map((_, j) => ({ communeId, fullName: `${name} ${j}`, birthYear: 1980, gender: "male" as const })),
        },
      },
      select: { id: true, members: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    const skillIds = new Map(
      (await t.db.skill.findMany({ where: { communeId }, select: { id: true, key: true } })).map((s) => [s.key, s.id]),
    );
    await t.db.memberSkill.createMany({
      data: h.members.flatMap((m, j) =>
        skills[j].map((k) => ({ communeId, memberId: m.id, skillId: skillIds.get(k)!, acquiredOn: DAY("2026-03-01") })),
      ),
    });
    await t.db.digitalFamily.create({ data: { communeId, householdId: h.id, enrolledOn: DAY("2026-01-01"), ...stored } });
    ids[name] = h.id;
  }

  const DIGITAL = ["vneid_l2", "smart_hp", "online_service", "cashless"];
  const SMART = [...DIGITAL, "safety_briefing", "ai_basics"];

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const code of ["X", "Y"]) {
      const c = await t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
      await ensureCommuneDefaults(t.db, c.id);
      const v = await t.db.village.create({ data: { communeId: c.id, name: "Thôn 1", code: "t1" } });
      ids[code] = c.id;
      ids[`village${code}`] = v.id;
    }
    // Y's own criteria: a digital family is one whose adults all have VNeID; no smart level.
    const vneidY = await t.db.skill.findUniqueOrThrow({ where: { communeId_key: { communeId: ids.Y, key: "vneid_l2" } } });
    await t.db.familyCriterion.deleteMany({ where: { communeId: ids.Y } });
    await t.db.familyCriterion.create({
      data: { communeId: ids.Y, skillId: vneidY.id, level: "digital", rule: "all_adults", sortOrder: 1 },
    });
    // X's statuses written wrongly, as the demo wrote them: none follows from the skills.
    const wrong = { inProgressOn: DAY("2026-02-01"), digitalOn: DAY("2026-02-01"), smartOn: DAY("2026-02-01") };
    await family("x-digital", ids.X, ids.villageX, [DIGITAL], { status: "enrolled" });
    await family("x-none", ids.X, ids.villageX, [[]], { status: "smart", ...wrong });
    await family("x-half", ids.X, ids.villageX, [DIGITAL, []], { status: "digital", ...wrong, smartOn: undefined });
    await family("x-smart", ids.X, ids.villageX, [SMART], { status: "in_progress", inProgressOn: DAY("2026-02-01") });
    // Y's written rightly under Y's criteria (VNeID alone makes a digital family there).
    await family("y-vneid", ids.Y, ids.villageY, [["vneid_l2"]], {
      status: "digital",
      inProgressOn: DAY("2026-03-01"),
      digitalOn: DAY("2026-03-01"),
    });
  });
  afterAll(() => t.drop());

  it("corrects the families written wrongly, each under its own commune's criteria", async () => {
    const yBefore = await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: ids["y-vneid"] } });
    expect(await unsafeRecomputeEveryCommune(t.db, NOW)).toBe(4);
    const row = (name: string) =>
      t.db.digitalFamily.findUniqueOrThrow({
        where: { householdId: ids[name] },
        select: { status: true, inProgressOn: true, digitalOn: true, smartOn: true },
      });
    // A level first reached now is dated today; a level kept keeps its day; one lost loses it.
    expect(await row("x-digital")).toEqual({ status: "digital", inProgressOn: TODAY, digitalOn: TODAY, smartOn: null });
    expect(await row("x-none")).toEqual({ status: "enrolled", inProgressOn: null, digitalOn: null, smartOn: null });
    expect(await row("x-half")).toEqual({
      status: "in_progress",
      inProgressOn: DAY("2026-02-01"),
      digitalOn: null,
      smartOn: null,
    });
    expect(await row("x-smart")).toEqual({ status: "smart", inProgressOn: DAY("2026-02-01"), digitalOn: TODAY, smartOn: TODAY });
    // Y's family was right: not written at all.
    expect(await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: ids["y-vneid"] } })).toEqual(yBefore);
    // A second run finds nothing to change.
    expect(await unsafeRecomputeEveryCommune(t.db, NOW)).toBe(0);
  });

  it("gives a plain pg client (the city benchmark) the same statement", async () => {
    await t.db.digitalFamily.update({ where: { householdId: ids["x-none"] }, data: { status: "smart", smartOn: TODAY } });
    const { text, values } = unsafeEveryCommuneRecomputeQuery(NOW);
    expect(values.some((v) => v instanceof Date)).toBe(false);
    const rows = await t.db.$queryRawUnsafe<{ householdId: number; before: string; after: string }[]>(text, ...values);
    expect(rows.filter((r) => r.before !== r.after)).toEqual([
      { householdId: ids["x-none"], before: "smart", after: "enrolled" },
    ]);
  });
});
