// A household's digital-family status is derived from its members' skills and the commune's
// criteria, never typed in by hand. Pure: no database, usable on the server and in tests.
import type { CriterionLevel, CriterionRule, FamilyStatus } from "@/lib/generated/prisma/client";

export const ADULT_AGE = 18;

/** Statuses from lowest to highest. */
export const FAMILY_STATUS_ORDER = ["enrolled", "in_progress", "digital", "smart"] as const satisfies readonly FamilyStatus[];

export function familyStatusRank(status: FamilyStatus): number {
  return FAMILY_STATUS_ORDER.indexOf(status);
}

export type StatusMember = { birthYear: number; skillKeys: readonly string[] };
export type StatusCriterion = { skillKey: string; level: CriterionLevel; rule: CriterionRule };
export type CriterionResult = StatusCriterion & { met: boolean };

export type FamilyStatusInput = {
  members: readonly StatusMember[];
  criteria: readonly StatusCriterion[];
  /** The calendar year in which ages are counted (age = year − birthYear). */
  year: number;
};

export type FamilyStatusResult = { status: FamilyStatus; met: CriterionResult[] };

export function isAdult(birthYear: number, year: number): boolean {
  return year - birthYear >= ADULT_AGE;
}

/**
 * - `all_adults` holds when the household has at least one adult and every adult has the skill
 *   (a household of children only cannot meet it); `any_adult` when at least one adult has it.
 * - Children's skills never count.
 * - digital: every `digital` criterion holds; smart: every `digital` and every `smart` criterion
 *   holds. A level with no criteria configured cannot be reached (an empty rule set is not "met").
 * - in_progress: at least one criterion holds; otherwise enrolled.
 */
export function computeFamilyStatus({ members, criteria, year }: FamilyStatusInput): FamilyStatusResult {
  const adults = members.filter((m) => isAdult(m.birthYear, year)).map((m) => new Set(m.skillKeys));
  const met: CriterionResult[] = criteria.map((c) => ({
    skillKey: c.skillKey,
    level: c.level,
    rule: c.rule,
    met:
      c.rule === "all_adults"
        ? adults.length > 0 && adults.every((skills) => skills.has(c.skillKey))
        : adults.some((skills) => skills.has(c.skillKey)),
  }));
  const levelHolds = (level: CriterionLevel) => {
    const atLevel = met.filter((m) => m.level === level);
    return atLevel.length > 0 && atLevel.every((m) => m.met);
  };
  let status: FamilyStatus = "enrolled";
  if (levelHolds("digital")) status = levelHolds("smart") ? "smart" : "digital";
  else if (met.some((m) => m.met)) status = "in_progress";
  return { status, met };
}
