import { describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA } from "@/lib/families/defaults";
import { computeFamilyStatus, familyStatusRank, type StatusCriterion } from "@/lib/families/status";

const YEAR = 2026;
const criteria: StatusCriterion[] = DEFAULT_CRITERIA.map(({ skillKey, level, rule }) => ({ skillKey, level, rule }));
const DIGITAL = ["vneid_l2", "smart_hp", "online_service", "cashless"];
const SMART = [...DIGITAL, "safety_briefing", "ai_basics"];

const adult = (skillKeys: string[], age = 40) => ({ birthYear: YEAR - age, skillKeys });
const child = (skillKeys: string[], age = 10) => ({ birthYear: YEAR - age, skillKeys });
const status = (members: { birthYear: number; skillKeys: string[] }[], c = criteria) =>
  computeFamilyStatus({ members, criteria: c, year: YEAR }).status;

describe("computeFamilyStatus", () => {
  it("is enrolled when no criterion holds", () => {
    expect(status([adult([]), adult([])])).toBe("enrolled");
  });

  it("is in progress as soon as one criterion holds", () => {
    expect(status([adult(["cashless"]), adult([])])).toBe("in_progress");
  });

  it("is digital when every adult has VNeID L2 and the others are covered by someone", () => {
    const result = computeFamilyStatus({
      members: [adult(["vneid_l2", "smart_hp", "online_service"]), adult(["vneid_l2", "cashless"], 65)],
      criteria,
      year: YEAR,
    });
    expect(result.status).toBe("digital");
    expect(result.met.filter((m) => m.level === "digital").every((m) => m.met)).toBe(true);
    expect(result.met.find((m) => m.skillKey === "ai_basics")?.met).toBe(false);
  });

  it("stays in progress when one adult lacks an all-adults skill", () => {
    expect(status([adult(DIGITAL), adult(["smart_hp", "online_service", "cashless"], 70)])).toBe("in_progress");
  });

  it("is smart when all digital and all smart criteria hold", () => {
    expect(status([adult(SMART), adult(["vneid_l2", "safety_briefing"], 72)])).toBe("smart");
  });

  it("needs the digital criteria before it can be smart", () => {
    const result = computeFamilyStatus({
      members: [adult(["safety_briefing", "ai_basics", "vneid_l2"]), adult(["safety_briefing"])],
      criteria,
      year: YEAR,
    });
    expect(result.met.filter((m) => m.level === "smart").every((m) => m.met)).toBe(true);
    expect(result.status).toBe("in_progress");
  });

  it("ignores children: their missing skills do not block, their skills do not count", () => {
    expect(status([adult(DIGITAL), child([], 5), child([], 17)])).toBe("digital");
    expect(status([adult([]), child(SMART, 16)])).toBe("enrolled");
  });

  it("counts someone who turns 18 this year as an adult", () => {
    expect(status([adult(DIGITAL), { birthYear: YEAR - 18, skillKeys: [] }])).toBe("in_progress");
    expect(status([adult(DIGITAL), { birthYear: YEAR - 17, skillKeys: [] }])).toBe("digital");
  });

  it("cannot meet any criterion without adults, not even all-adults ones vacuously", () => {
    const result = computeFamilyStatus({ members: [child(SMART, 12), child(SMART, 15)], criteria, year: YEAR });
    expect(result.status).toBe("enrolled");
    expect(result.met.every((m) => !m.met)).toBe(true);
    expect(status([])).toBe("enrolled");
  });

  it("reports every criterion in the order given", () => {
    const result = computeFamilyStatus({ members: [adult(["ai_basics"])], criteria, year: YEAR });
    expect(result.met.map((m) => m.skillKey)).toEqual(criteria.map((c) => c.skillKey));
    expect(result.met.map((m) => m.met)).toEqual([false, false, false, false, false, true]);
  });

  it("does not reach a level that has no criteria configured", () => {
    const digitalOnly = criteria.filter((c) => c.level === "digital");
    expect(status([adult(SMART)], digitalOnly)).toBe("digital");
    expect(status([adult(SMART)], [])).toBe("enrolled");
  });

  it("works with a commune's own criteria and rules", () => {
    const own: StatusCriterion[] = [
      { skillKey: "cashless", level: "digital", rule: "all_adults" },
      { skillKey: "local_app", level: "smart", rule: "any_adult" },
    ];
    expect(status([adult(["cashless", "local_app"]), adult(["cashless"])], own)).toBe("smart");
    expect(status([adult(["cashless", "local_app"]), adult([])], own)).toBe("in_progress");
  });

  it("orders statuses", () => {
    expect(familyStatusRank("enrolled")).toBeLessThan(familyStatusRank("in_progress"));
    expect(familyStatusRank("in_progress")).toBeLessThan(familyStatusRank("digital"));
    expect(familyStatusRank("digital")).toBeLessThan(familyStatusRank("smart"));
  });
});
