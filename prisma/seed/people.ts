// People, planned: household shapes, names, phones and the digital skills people already have,
// by age. The model commune's households use all of it, the comparison communes shapes and names.
import { addDays } from "@/lib/format/dates";
import type { Rng } from "@/prisma/seed/random";
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from "@/prisma/seed/names";

// Mobile prefixes by network, weighted roughly by subscribers.
const PHONE_PREFIXES: readonly (readonly [string, number])[] = [
  ["086", 3],
  ["096", 5],
  ["097", 5],
  ["098", 5],
  ["032", 3],
  ["033", 3],
  ["034", 3],
  ["035", 3],
  ["036", 3],
  ["037", 3],
  ["038", 3],
  ["039", 3],
  ["091", 3],
  ["094", 3],
  ["081", 1],
  ["082", 1],
  ["083", 1],
  ["084", 1],
  ["085", 1],
  ["088", 1],
  ["089", 2],
  ["090", 3],
  ["093", 2],
  ["070", 1],
  ["076", 1],
  ["077", 1],
  ["078", 1],
  ["079", 1],
  ["056", 0.5],
  ["058", 0.5],
  ["052", 0.3],
];

export class PhoneBook {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  next(): string {
    for (;;) {
      const phone = this.rng.weighted(PHONE_PREFIXES) + String(this.rng.int(0, 9_999_999)).padStart(7, "0");
      if (!this.used.has(phone)) {
        this.used.add(phone);
        return phone;
      }
    }
  }
}

export type Sex = "male" | "female";

export function personName(rng: Rng, sex: Sex, age: number, family?: string): string {
  const fam = family ?? rng.weighted(FAMILY_NAMES);
  const middle = rng.weighted(MIDDLE_NAMES[sex][age >= 40 ? "older" : "younger"]);
  let given: string;
  if (age >= 68 && rng.chance(0.25)) given = rng.pick(sex === "male" ? GIVEN_NAMES.maleElderly : GIVEN_NAMES.femaleElderly);
  else if (age <= 16 && rng.chance(0.45)) given = rng.pick(sex === "male" ? GIVEN_NAMES.maleYoung : GIVEN_NAMES.femaleYoung);
  else given = rng.pick(sex === "male" ? GIVEN_NAMES.male : GIVEN_NAMES.female);
  while (given === middle || given === fam) given = rng.pick(sex === "male" ? GIVEN_NAMES.male : GIVEN_NAMES.female);
  return `${fam} ${middle} ${given}`.normalize("NFC");
}

export type MemberSkillKey = "vneid_l2" | "smart_hp" | "online_service" | "cashless" | "safety_briefing" | "ai_basics";
export const MEMBER_SKILLS: readonly MemberSkillKey[] = [
  "vneid_l2",
  "smart_hp",
  "online_service",
  "cashless",
  "safety_briefing",
  "ai_basics",
];

export type PlannedSkill = { on: Date; visitKey: string | null };

// Adoption rates by age band: [vneid_l2, smart_hp | vneid, online_service | vneid, cashless, safety_briefing, ai_basics].
function baseRates(age: number): Record<MemberSkillKey, number> {
  const r = (v: number, s: number, o: number, c: number, b: number, a: number) => ({
    vneid_l2: v,
    smart_hp: s,
    online_service: o,
    cashless: c,
    safety_briefing: b,
    ai_basics: a,
  });
  if (age < 13) return r(0, 0, 0, 0, 0, 0);
  if (age < 15) return r(0.05, 0, 0, 0.05, 0.1, 0.06);
  if (age < 18) return r(0.45, 0.12, 0.03, 0.35, 0.3, 0.18);
  if (age < 30) return r(0.91, 0.66, 0.5, 0.88, 0.5, 0.28);
  if (age < 45) return r(0.88, 0.6, 0.52, 0.82, 0.45, 0.16);
  if (age < 60) return r(0.83, 0.48, 0.42, 0.62, 0.42, 0.06);
  if (age < 70) return r(0.66, 0.3, 0.22, 0.32, 0.32, 0.02);
  return r(0.5, 0.12, 0.07, 0.1, 0.22, 0.005);
}

export function planSkills(rng: Rng, age: number, villageFactor: number, today: Date): Map<MemberSkillKey, PlannedSkill> {
  const rates = baseRates(age);
  const skills = new Map<MemberSkillKey, PlannedSkill>();
  for (const key of MEMBER_SKILLS) {
    let p = rates[key];
    if ((key === "smart_hp" || key === "online_service") && !skills.has("vneid_l2")) p *= 0.15; // they sign in with VNeID
    p = Math.min(0.97, p * villageFactor);
    if (rng.chance(p)) skills.set(key, { on: addDays(today, -rng.int(1, 365)), visitKey: null });
  }
  return skills;
}

export type FamilyShape =
  "elderly_single" | "elderly_couple" | "single_adult" | "young_couple" | "nuclear" | "three_gen" | "single_parent";
export const FAMILY_SHAPES: readonly (readonly [FamilyShape, number])[] = [
  ["elderly_single", 8],
  ["elderly_couple", 10],
  ["single_adult", 5],
  ["young_couple", 7],
  ["nuclear", 42],
  ["three_gen", 23],
  ["single_parent", 5],
];

type Person = { sex: Sex; age: number; family?: string; name?: string; head?: boolean };

export function planPeople(rng: Rng, shape: FamilyShape, forceResident: boolean): Person[] {
  const fam = forceResident ? "Hoàng" : rng.weighted(FAMILY_NAMES);
  const kids = (parentAge: number, count: number): Person[] => {
    const out: Person[] = [];
    let age = Math.min(parentAge - rng.int(20, 30), 24);
    for (let i = 0; i < count && age >= 0; i++) {
      out.push({ sex: rng.chance(0.51) ? "male" : "female", age, family: fam });
      age -= rng.int(2, 6);
    }
    return out;
  };
  const spouse = (husbandAge: number): Person => ({ sex: "female", age: Math.max(19, husbandAge - rng.int(-1, 6)) });
  switch (shape) {
    case "elderly_single":
      return [{ sex: rng.chance(0.68) ? "female" : "male", age: rng.int(65, 92), family: fam, head: true }];
    case "elderly_couple": {
      const h = rng.int(62, 88);
      return [{ sex: "male", age: h, family: fam, head: true }, spouse(h)];
    }
    case "single_adult":
      return [{ sex: rng.chance(0.6) ? "male" : "female", age: rng.int(24, 62), family: fam, head: true }];
    case "young_couple": {
      const h = rng.int(22, 33);
      const wifeHead = rng.chance(0.1);
      return [
        { sex: "male", age: h, family: fam, head: !wifeHead },
        { ...spouse(h), head: wifeHead },
      ];
    }
    case "nuclear": {
      const h = forceResident ? 42 : rng.int(27, 56);
      const wifeHead = !forceResident && rng.chance(0.12);
      const people: Person[] = [
        { sex: "male", age: h, family: fam, head: !wifeHead, name: forceResident ? "Hoàng Văn Thắng" : undefined },
        { ...spouse(h), head: wifeHead },
      ];
      return [
        ...people,
        ...kids(
          people[1].age,
          forceResident
            ? 2
            : rng.weighted([
                [1, 3],
                [2, 6],
                [3, 2],
              ] as const),
        ),
      ];
    }
    case "three_gen": {
      const g = rng.int(60, 88);
      const grandparents: Person[] = rng.chance(0.55)
        ? [{ sex: "male", age: g, family: fam }, spouse(g)]
        : [{ sex: "female", age: g }];
      const son = Math.max(24, g - rng.int(22, 34));
      const sonHead = g >= 72 || grandparents.length === 1 || rng.chance(0.5);
      grandparents[0].head = !sonHead;
      const parents: Person[] = [{ sex: "male", age: son, family: fam, head: sonHead }, spouse(son)];
      const room = 6 - grandparents.length - parents.length;
      return [...grandparents, ...parents, ...kids(parents[1].age, rng.int(1, Math.max(1, room)))];
    }
    case "single_parent": {
      const female = rng.chance(0.7);
      const p = rng.int(28, 52);
      return [{ sex: female ? "female" : "male", age: p, family: fam, head: true }, ...kids(p, rng.int(1, 2))];
    }
  }
}

export function phoneChance(age: number, head: boolean): number {
  if (age < 15) return 0;
  if (age < 18) return 0.6;
  if (head) return age < 60 ? 0.95 : age < 75 ? 0.85 : 0.6;
  if (age < 60) return 0.9;
  if (age < 75) return 0.65;
  return 0.3;
}
