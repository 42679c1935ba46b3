// Demo data modelled on Tứ Kỳ commune, Hải Phòng city: villages, youth branches, households and
// their members' digital skills, visits, digital families, classes, the city contest and the
// other 113 communes and wards (aggregates only). Deterministic: every random choice comes from a
// seeded PRNG and every date is relative to `now`, so the same `now` gives the same data.
//
// Everything is planned in memory first, then written in batches inside one transaction, so a
// failed seed leaves nothing behind.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { addDays, daysBetween, todayInVietnam, vietnamDayStart } from "@/lib/format/dates";
import { withoutToneMarks } from "@/lib/format/names";
import { BUILTIN_SKILLS, DEFAULT_CRITERIA, ensureCommuneDefaults } from "@/lib/families/defaults";
import { computeFamilyStatus, familyStatusRank, type StatusCriterion } from "@/lib/families/status";
import type {
  FamilyStatus,
  Gender,
  Prisma,
  PrismaClient,
  Role,
  TrainingAudience,
  VisitOutcome,
} from "@/lib/generated/prisma/client";
import {
  BUSINESS_SECTORS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  OTHER_HAI_PHONG_COMMUNES,
  TRAINING_PLACES,
  TU_KY_BRANCHES,
  TU_KY_NEIGHBOURS,
  TU_KY_VILLAGES,
  VISIT_NOTES,
} from "@/prisma/seed/names";

import { DEMO_PASSWORD } from "@/lib/auth/demo";
import type { BUILTIN_TRAINING_TOPICS } from "@/lib/families/defaults";
import { registrationCode } from "@/lib/training/codes";

type TrainingTopicKey = (typeof BUILTIN_TRAINING_TOPICS)[number]["key"];

export { DEMO_PASSWORD };

export type DemoUser = { username: string; role: Role; nameVi: string };

/** One sign-in per role, all with DEMO_PASSWORD. */
export const DEMO_USERS = [
  { username: "admin", role: "admin", nameVi: "Phạm Minh Tuấn" },
  { username: "official", role: "official", nameVi: "Trần Thị Thu Hà" },
  { username: "leader", role: "branch_leader", nameVi: "Vũ Đức Anh" },
  { username: "volunteer", role: "volunteer", nameVi: "Lê Thị Mai Anh" },
  { username: "resident", role: "resident", nameVi: "Hoàng Văn Thắng" },
  { username: "city", role: "city", nameVi: "Sở Khoa học và Công nghệ Hải Phòng" },
] as const satisfies readonly DemoUser[];

export const DEMO_COMMUNE = { code: "tu-ky", name: "Xã Tứ Kỳ", province: "Thành phố Hải Phòng" } as const;
export const DEMO_CONTEST = {
  code: "cong-dan-so-hp-2026",
  name: "Công dân số Hải Phòng – sử dụng thông minh, sống an toàn",
  startsOn: new Date("2026-10-11T00:00:00Z"),
  endsOn: new Date("2026-11-11T00:00:00Z"),
} as const;
/** Tứ Kỳ's participants in the city contest, first of 114 communes and wards. */
export const DEMO_CONTEST_PARTICIPANTS = 18_625;
export const VOLUNTEER_SATURDAY = "Ngày thứ bảy tình nguyện – Hỗ trợ chuyển đổi số";

export type SeedDemoOptions = {
  /** Households in the model commune (default 2,000). */
  households?: number;
  /** The reference date: visits, skills and classes are placed relative to it (default: now). */
  now?: Date;
};

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

const SEED = 20_261_011;

/** A small seeded generator (the city benchmark's seed uses it too). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hashString(s: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(stream: string) {
    this.next = mulberry32(SEED ^ hashString(stream));
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  /** A version-4 UUID made from this generator (for idempotency keys). */
  uuid(): string {
    const b = Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates: @db.Date values are UTC midnights standing for a local (Asia/Ho_Chi_Minh) calendar day.

const HOUR = 3_600_000;

/** The instant of `hour:minute` local time on the local day `date`. */
function atLocal(date: Date, hour: number, minute = 0): Date {
  return new Date(vietnamDayStart(date).getTime() + hour * HOUR + minute * 60_000);
}
function saturdayOnOrBefore(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 1) % 7));
}
function firstOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

export function slugify(s: string): string {
  return withoutToneMarks(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const BATCH = 5_000;

async function inBatches<T, R>(rows: readonly T[], run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(...(await run(rows.slice(i, i + BATCH))));
  return out;
}

function byKey<R>(rows: readonly R[], key: (r: R) => string, what: string): Map<string, R> {
  const map = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    if (map.has(k)) throw new Error(`seed: duplicate ${what} key ${k}`);
    map.set(k, r);
  }
  return map;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed: missing ${what}`);
  return value;
}

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

class PhoneBook {
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

type Sex = "male" | "female";

function personName(rng: Rng, sex: Sex, age: number, family?: string): string {
  const fam = family ?? rng.weighted(FAMILY_NAMES);
  const middle = rng.weighted(MIDDLE_NAMES[sex][age >= 40 ? "older" : "younger"]);
  let given: string;
  if (age >= 68 && rng.chance(0.25)) given = rng.pick(sex === "male" ? GIVEN_NAMES.maleElderly : GIVEN_NAMES.femaleElderly);
  else if (age <= 16 && rng.chance(0.45)) given = rng.pick(sex === "male" ? GIVEN_NAMES.maleYoung : GIVEN_NAMES.femaleYoung);
  else given = rng.pick(sex === "male" ? GIVEN_NAMES.male : GIVEN_NAMES.female);
  while (given === middle || given === fam) given = rng.pick(sex === "male" ? GIVEN_NAMES.male : GIVEN_NAMES.female);
  return `${fam} ${middle} ${given}`.normalize("NFC");
}

// ---------------------------------------------------------------------------------------------
// The plan

type SkillKey = (typeof BUILTIN_SKILLS)[number]["key"];
type MemberSkillKey = "vneid_l2" | "smart_hp" | "online_service" | "cashless" | "safety_briefing" | "ai_basics";
const MEMBER_SKILLS: readonly MemberSkillKey[] = [
  "vneid_l2",
  "smart_hp",
  "online_service",
  "cashless",
  "safety_briefing",
  "ai_basics",
];

type PlannedSkill = { on: Date; visitKey: string | null };
type PMember = {
  fullName: string;
  age: number;
  birthYear: number;
  gender: Gender;
  phone: string | null;
  isHead: boolean;
  skills: Map<MemberSkillKey, PlannedSkill>;
};
type PHousehold = {
  villageIdx: number;
  address: string;
  members: PMember[];
  lastVisitOn: Date | null;
  followUpOn: Date | null;
};
type PUser = {
  key: string;
  name: string;
  role: Role;
  username: string | null;
  phone: string | null;
  communeScoped: boolean;
  memberRef: { household: number; member: number } | null;
  branchIdx: number | null;
  isLeader: boolean;
  joinedOn: Date;
};
type PVisit = {
  household: number;
  volunteer: number; // index into users
  campaign: number | null;
  visitedOn: Date;
  outcome: VisitOutcome;
  notes: string | null;
  followUpOn: Date | null;
  key: string;
  createdAt: Date;
  items: { skill: MemberSkillKey; member: number | null }[];
  coVolunteers: number[];
};

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

function planSkills(rng: Rng, age: number, villageFactor: number, today: Date): Map<MemberSkillKey, PlannedSkill> {
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

type FamilyShape =
  "elderly_single" | "elderly_couple" | "single_adult" | "young_couple" | "nuclear" | "three_gen" | "single_parent";
const FAMILY_SHAPES: readonly (readonly [FamilyShape, number])[] = [
  ["elderly_single", 8],
  ["elderly_couple", 10],
  ["single_adult", 5],
  ["young_couple", 7],
  ["nuclear", 42],
  ["three_gen", 23],
  ["single_parent", 5],
];

type Person = { sex: Sex; age: number; family?: string; name?: string; head?: boolean };

function planPeople(rng: Rng, shape: FamilyShape, forceResident: boolean): Person[] {
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

function phoneChance(age: number, head: boolean): number {
  if (age < 15) return 0;
  if (age < 18) return 0.6;
  if (head) return age < 60 ? 0.95 : age < 75 ? 0.85 : 0.6;
  if (age < 60) return 0.9;
  if (age < 75) return 0.65;
  return 0.3;
}

// ---------------------------------------------------------------------------------------------

/** Seeds the model commune and the city's other communes into an empty database, all or nothing. */
export async function seedDemo(db: PrismaClient | Db, opts: SeedDemoOptions = {}): Promise<void> {
  const householdCount = Math.max(1, Math.floor(opts.households ?? 2_000));
  const now = opts.now ?? new Date();
  // bcrypt is slow on purpose: hash once, outside the transaction, and reuse the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const plan = planDemo(householdCount, now);
  // Both client shapes run the same queries; the seed reads no omitted field.
  const client = db as unknown as PrismaClient;
  await client.$transaction((tx) => writeDemo(tx, plan, passwordHash), { maxWait: 10_000, timeout: 120_000 });
}

type Plan = ReturnType<typeof planDemo>;

function planDemo(householdCount: number, now: Date) {
  const today = todayInVietnam(now);
  const year = today.getUTCFullYear();
  // Nothing is recorded after `now`.
  const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 60_000));
  const phones = new PhoneBook(new Rng("phones"));

  // --- Households and members ------------------------------------------------------------------
  const hr = new Rng("households");
  const villageWeights = TU_KY_VILLAGES.map(([, size], i) => [i, size] as const);
  const addresses = new Set<string>();
  const households: PHousehold[] = [];
  for (let h = 0; h < householdCount; h++) {
    const resident = h === 0;
    const villageIdx = resident ? 0 : hr.weighted(villageWeights);
    const [villageName, , factor] = TU_KY_VILLAGES[villageIdx];
    let address: string;
    do address = `Số ${hr.int(1, 180)}, xóm ${hr.int(1, 8)}, ${villageName}`;
    while (addresses.has(address));
    addresses.add(address);

    const people = planPeople(hr, resident ? "nuclear" : hr.weighted(FAMILY_SHAPES), resident);
    const names = new Set<string>();
    const members: PMember[] = people.map((p) => {
      let fullName = p.name ?? personName(hr, p.sex, p.age, p.family);
      while (names.has(fullName)) fullName = personName(hr, p.sex, p.age, p.family);
      names.add(fullName);
      const isHead = p.head === true;
      const phone = (resident && isHead) || hr.chance(phoneChance(p.age, isHead)) ? phones.next() : null;
      return {
        fullName,
        age: p.age,
        birthYear: year - p.age,
        gender: p.sex,
        phone,
        isHead,
        skills: planSkills(hr, p.age, factor, today),
      };
    });
    if (members.filter((m) => m.isHead).length !== 1) throw new Error("seed: a household needs exactly one head");
    households.push({ villageIdx, address, members, lastVisitOn: null, followUpOn: null });
  }
  const head = (h: number) =>
    need(
      households[h].members.find((m) => m.isHead),
      "head",
    );
  const residentMember = 0; // the head of household 0

  // --- Digital families: each branch adopts 5–9 households, more enrol on their own ----------
  const fr = new Rng("families");
  const taken = new Set<number>([0]);
  const byVillage = TU_KY_VILLAGES.map((_, v) =>
    fr.shuffle(households.map((_, i) => i).filter((i) => households[i].villageIdx === v)),
  );
  const anyOrder = fr.shuffle(households.map((_, i) => i));
  const takeFrom = (pools: number[][]): number | undefined => {
    for (const pool of pools) {
      while (pool.length) {
        const h = pool.pop()!;
        if (!taken.has(h)) {
          taken.add(h);
          return h;
        }
      }
    }
    return undefined;
  };
  type PFamily = { household: number; branchIdx: number | null; enrolledOn: Date; boost: number };
  const families: PFamily[] = [{ household: 0, branchIdx: 0, enrolledOn: addDays(today, -fr.int(150, 300)), boost: 0.45 }];
  TU_KY_BRANCHES.forEach(([, villageName], b) => {
    const v = villageName === null ? -1 : TU_KY_VILLAGES.findIndex(([n]) => n === villageName);
    const want = fr.int(5, 9) - (b === 0 ? 1 : 0);
    for (let i = 0; i < want; i++) {
      const h = takeFrom(v >= 0 ? [byVillage[v], anyOrder] : [anyOrder]);
      if (h === undefined) break;
      families.push({ household: h, branchIdx: b, enrolledOn: addDays(today, -fr.int(30, 330)), boost: 0.45 });
    }
  });
  // Some households enrol on their own: a few only recently, from where the program has most to do.
  const criteria: StatusCriterion[] = DEFAULT_CRITERIA.map(({ skillKey, level, rule }) => ({ skillKey, level, rule }));
  const startingOut = anyOrder.filter(
    (h) =>
      computeFamilyStatus({
        members: households[h].members.map((m) => ({ birthYear: m.birthYear, skillKeys: [...m.skills.keys()] })),
        criteria,
        year,
      }).status === "enrolled",
  );
  const unbranched = Math.round(householdCount * 0.06);
  for (let i = 0; i < unbranched; i++) {
    const recent = fr.chance(0.3);
    const h = takeFrom(recent ? [startingOut, anyOrder] : [anyOrder]);
    if (h === undefined) break;
    families.push(
      recent
        ? { household: h, branchIdx: null, enrolledOn: addDays(today, -fr.int(5, 40)), boost: 0 }
        : { household: h, branchIdx: null, enrolledOn: addDays(today, -fr.int(41, 240)), boost: 0.2 },
    );
  }
  // Adopted families have had help: fill some of their adults' gaps.
  for (const f of families) {
    const boost = f.boost;
    if (boost === 0) continue;
    for (const m of households[f.household].members) {
      if (m.age < 18) continue;
      for (const key of MEMBER_SKILLS) {
        const p = key === "ai_basics" ? boost / 3 : boost;
        if (!m.skills.has(key) && fr.chance(p)) m.skills.set(key, { on: addDays(today, -fr.int(1, 300)), visitKey: null });
      }
    }
  }

  // --- Users ------------------------------------------------------------------------------------
  const ur = new Rng("users");
  const userNames = new Set<string>(DEMO_USERS.map((u) => u.nameVi));
  const joined = () => addDays(today, -ur.int(120, 900));
  const users: PUser[] = DEMO_USERS.map((u) => ({
    key: u.username,
    name: u.nameVi,
    role: u.role,
    username: u.username,
    phone: u.role === "resident" ? head(0).phone : u.role === "branch_leader" || u.role === "volunteer" ? phones.next() : null,
    communeScoped: u.role !== "city",
    memberRef: u.role === "resident" ? { household: 0, member: residentMember } : null,
    branchIdx: u.role === "branch_leader" || u.role === "volunteer" ? 0 : null,
    isLeader: u.role === "branch_leader",
    joinedOn: joined(),
  }));
  if (households[0].members[residentMember].fullName !== DEMO_USERS[4].nameVi) throw new Error("seed: resident member");
  const youthName = (sex: Sex, age: number) => {
    for (;;) {
      const n = personName(ur, sex, age);
      if (!userNames.has(n)) {
        userNames.add(n);
        return n;
      }
    }
  };
  const volunteerUser = (branchIdx: number, leader: boolean): PUser => {
    const sex: Sex = ur.chance(0.5) ? "male" : "female";
    const name = youthName(sex, ur.int(18, 30));
    return {
      key: name,
      name,
      role: leader ? "branch_leader" : "volunteer",
      username: null,
      phone: phones.next(),
      communeScoped: true,
      memberRef: null,
      branchIdx,
      isLeader: leader,
      joinedOn: joined(),
    };
  };
  for (let b = 1; b < TU_KY_BRANCHES.length; b++) users.push(volunteerUser(b, true));
  for (let i = 0; i < 30; i++) users.push(volunteerUser(i % TU_KY_BRANCHES.length, false));
  const userIdx = (key: string) => users.findIndex((u) => u.key === key);
  const officialIdx = userIdx("official");
  const demoVolunteerIdx = userIdx("volunteer");
  const fieldUsers = users
    .map((u, i) => [u, i] as const)
    .filter(([u]) => u.branchIdx !== null)
    .map(([, i]) => i);
  const leaderOf = TU_KY_BRANCHES.map((_, b) =>
    need(
      fieldUsers.find((i) => users[i].branchIdx === b && users[i].isLeader),
      "leader",
    ),
  );
  const branchUsers = TU_KY_BRANCHES.map((_, b) => fieldUsers.filter((i) => users[i].branchIdx === b));
  const branchVillage = TU_KY_BRANCHES.map(([, v]) => (v === null ? -1 : TU_KY_VILLAGES.findIndex(([n]) => n === v)));

  // --- Assignments --------------------------------------------------------------------------
  const ar = new Rng("assignments");
  const assignedTo = new Map<number, number>(); // household -> volunteer user index
  const assignments: { household: number; volunteer: number; by: number; at: Date }[] = [];
  const aByVillage = TU_KY_VILLAGES.map((_, v) =>
    ar.shuffle(households.map((_, i) => i).filter((i) => households[i].villageIdx === v && i !== 0)),
  );
  const aAny = ar.shuffle(households.map((_, i) => i).filter((i) => i !== 0));
  const volunteersInOrder = [demoVolunteerIdx, ...fieldUsers.filter((i) => i !== demoVolunteerIdx)];
  for (const v of volunteersInOrder) {
    const b = need(users[v].branchIdx ?? undefined, "branch");
    const want = v === demoVolunteerIdx ? 15 : users[v].isLeader ? ar.int(4, 6) : ar.int(8, 12);
    const pools = branchVillage[b] >= 0 ? [aByVillage[branchVillage[b]], aAny] : [aAny];
    for (let i = 0; i < want; i++) {
      let h: number | undefined;
      for (const pool of pools) {
        while (h === undefined && pool.length) {
          const c = pool.pop()!;
          if (!assignedTo.has(c)) h = c;
        }
        if (h !== undefined) break;
      }
      if (h === undefined) break;
      assignedTo.set(h, v);
      assignments.push({
        household: h,
        volunteer: v,
        by: leaderOf[b],
        at: atLocal(addDays(today, -ar.int(95, 110)), ar.int(8, 20), ar.int(0, 59)),
      });
    }
  }

  // --- Campaigns and visits --------------------------------------------------------------------
  const vr = new Rng("visits");
  const campaigns = [saturdayOnOrBefore(addDays(today, -63)), saturdayOnOrBefore(addDays(today, -14))];
  const windowStart = addDays(today, -89);
  const staleEnd = addDays(today, -61);
  const recentStart = addDays(today, -59);

  const never = new Set<number>();
  const demoAssigned = assignments.filter((a) => a.volunteer === demoVolunteerIdx).map((a) => a.household);
  demoAssigned.slice(0, 4).forEach((h) => never.add(h)); // the demo volunteer has some still to visit
  const neverTarget = Math.round(householdCount * 0.15);
  for (const h of vr.shuffle(households.map((_, i) => i).filter((i) => i !== 0))) {
    if (never.size >= neverTarget) break;
    if (!demoAssigned.includes(h)) never.add(h);
  }
  const visited = households.map((_, i) => i).filter((i) => !never.has(i));
  const stale = new Set(vr.shuffle(visited.filter((h) => h !== 0)).slice(0, Math.round(visited.length * 0.2)));
  const visitCounts = new Map<number, number>(visited.map((h) => [h, 1]));
  const extras = Math.max(0, Math.round(householdCount * 1.5) - visited.length);
  const extraWeights = visited.map((h) => [h, stale.has(h) ? 0.5 : 1] as const);
  for (let i = 0; i < extras && visited.length; i++) {
    const h = vr.weighted(extraWeights);
    visitCounts.set(h, (visitCounts.get(h) ?? 0) + 1);
  }

  const dayIn = (from: Date, to: Date): Date => {
    const span = daysBetween(from, to);
    let d = addDays(from, vr.int(0, span));
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && vr.chance(0.35)) d = addDays(from, vr.int(0, span)); // a lean to weekends
    return d;
  };
  const outcomes: readonly (readonly [VisitOutcome, number])[] = [
    ["done", 72],
    ["not_home", 10],
    ["needs_police", 7],
    ["no_smartphone", 6],
    ["declined", 5],
  ];
  const visits: PVisit[] = [];
  for (const h of visited) {
    const hh = households[h];
    const isStale = stale.has(h);
    const k = visitCounts.get(h) ?? 1;
    const dates: { on: Date; campaign: number | null }[] = [];
    for (let i = 0; i < k; i++) {
      const from = isStale ? windowStart : i === 0 ? recentStart : windowStart;
      const to = isStale ? staleEnd : today;
      const usable = campaigns.map((c, ci) => [c, ci] as const).filter(([c]) => c >= from && c <= to);
      if (usable.length && vr.chance(0.22)) {
        const [c, ci] = vr.pick(usable);
        dates.push({ on: c, campaign: ci });
      } else dates.push({ on: dayIn(from, to), campaign: null });
    }
    dates.sort((a, b) => a.on.getTime() - b.on.getTime());
    const eligible = hh.members.map((m, i) => [m, i] as const).filter(([m]) => m.age >= 15);
    for (const { on, campaign } of dates) {
      const assigned = assignedTo.get(h);
      let volunteer: number;
      if (assigned !== undefined && vr.chance(0.8)) volunteer = assigned;
      else if (campaign === null && vr.chance(0.6) && branchVillage.includes(hh.villageIdx))
        volunteer = vr.pick(branchUsers[branchVillage.indexOf(hh.villageIdx)]);
      else volunteer = vr.pick(fieldUsers);

      let outcome = vr.weighted(outcomes);
      const key = vr.uuid();
      const items: PVisit["items"] = [];
      if (outcome === "needs_police" || outcome === "no_smartphone") {
        const skill: MemberSkillKey = outcome === "needs_police" ? "vneid_l2" : "smart_hp";
        const lacking = eligible.filter(([m]) => !m.skills.has(skill));
        if (lacking.length) items.push({ skill, member: vr.pick(lacking)[1] });
        else outcome = "done";
      }
      if (outcome === "done") {
        const want = vr.int(1, 3);
        for (let t = 0; t < want * 3 && items.length < want && eligible.length; t++) {
          const [m, mi] = vr.pick(eligible);
          const skill = vr.weighted([
            ["vneid_l2", 2],
            ["smart_hp", 4],
            ["online_service", 3],
            ["cashless", 3],
            ["safety_briefing", 4],
            ["ai_basics", 1],
          ] as const);
          const has = m.skills.get(skill);
          if (has?.visitKey) continue; // already learnt on an earlier visit
          if (!has && !vr.chance(0.35)) continue; // mostly they help with what people go on to use
          if (items.some((it) => it.member === mi && it.skill === skill)) continue;
          m.skills.set(skill, { on, visitKey: key });
          items.push({ skill, member: mi });
        }
      }
      const coCount = campaign !== null ? (vr.chance(0.6) ? vr.int(1, 2) : 0) : vr.chance(0.1) ? 1 : 0;
      const vb = users[volunteer].branchIdx ?? 0;
      const coPool = branchUsers[vb].filter((u) => u !== volunteer);
      const coVolunteers = vr.shuffle(coPool).slice(0, coCount);
      visits.push({
        household: h,
        volunteer,
        campaign,
        visitedOn: on,
        outcome,
        notes: vr.chance(outcome === "done" ? 0.35 : 0.8) ? vr.pick(VISIT_NOTES[outcome]) : null,
        followUpOn: outcome === "needs_police" || outcome === "not_home" ? addDays(on, vr.int(7, 14)) : null,
        key,
        createdAt: notAfterNow(atLocal(on, vr.int(7, 17), vr.int(0, 59))),
        items,
        coVolunteers,
      });
      hh.lastVisitOn = on;
      hh.followUpOn = visits[visits.length - 1].followUpOn;
    }
  }

  // --- Household businesses --------------------------------------------------------------------
  const br = new Rng("businesses");
  const businesses: { household: number; name: string; sector: string; skills: { key: SkillKey; on: Date }[] }[] = [];
  const bizNames = new Set<string>();
  for (const h of br.shuffle(households.map((_, i) => i))) {
    if (businesses.length >= Math.round(householdCount * 0.06)) break;
    const owner = head(h);
    if (owner.age < 25 || owner.age > 68) continue;
    const [sector, prefix] = br.weighted(BUSINESS_SECTORS.map(([s, p, w]) => [[s, p] as const, w] as const));
    const given = owner.fullName.split(" ").slice(-1)[0];
    let name = `${prefix} ${given}`;
    if (bizNames.has(name)) name = `${prefix} ${owner.fullName.split(" ").slice(-2).join(" ")}`;
    if (bizNames.has(name))
      name = `${prefix} ${TU_KY_VILLAGES[households[h].villageIdx][0].replace(/^Thôn /, "")} ${bizNames.size + 1}`;
    bizNames.add(name);
    const skills: { key: SkillKey; on: Date }[] = [];
    const rates: readonly (readonly [SkillKey, number])[] = [
      ["biz_cashless", 0.65],
      ["biz_online_selling", 0.38],
      ["biz_software", 0.22],
      ["biz_einvoice", 0.18],
    ];
    for (const [key, p] of rates) if (br.chance(p)) skills.push({ key, on: addDays(today, -br.int(5, 365)) });
    businesses.push({ household: h, name, sector, skills });
  }

  // --- Training events -------------------------------------------------------------------------
  const tr = new Rng("training");
  type PEvent = {
    title: string;
    topic: TrainingTopicKey;
    audience: TrainingAudience;
    description: string;
    place: string;
    startsAt: Date;
    endsAt: Date;
    capacity: number;
    past: boolean;
    partner: string | null;
    createdAt: Date;
  };
  const BDHVS = "Bình dân học vụ số";
  const defs: readonly (readonly [string, TrainingTopicKey, TrainingAudience, string])[] = [
    [
      "Nộp hồ sơ dịch vụ công trực tuyến",
      "online_services",
      "residents",
      "Tạo tài khoản, nộp hồ sơ và theo dõi kết quả trên Cổng dịch vụ công quốc gia.",
    ],
    [
      "Nhận diện lừa đảo trực tuyến, bảo vệ tài khoản ngân hàng",
      "online_safety",
      "residents",
      "Các thủ đoạn lừa đảo qua điện thoại, tin nhắn, mạng xã hội và cách phòng tránh.",
    ],
    [
      "Cài đặt và sử dụng Smart Hải Phòng",
      "digital_platforms",
      "residents",
      "Cài ứng dụng, đăng nhập bằng VNeID, phản ánh hiện trường và tra cứu thông tin.",
    ],
    [
      "Làm quen trí tuệ nhân tạo (AI) trong cuộc sống",
      "ai",
      "everyone",
      "Hỏi đáp với trợ lý AI bằng tiếng Việt, dùng AI an toàn và có trách nhiệm.",
    ],
    [
      "Bán hàng trên sàn thương mại điện tử cho hộ kinh doanh",
      "digital_platforms",
      "workers",
      "Mở gian hàng, chụp ảnh sản phẩm, nhận thanh toán và giao hàng.",
    ],
    [
      "Số hoá hồ sơ, giải quyết thủ tục hành chính trên môi trường số",
      "online_services",
      "officials",
      "Dành cho cán bộ, công chức xã: số hoá kết quả giải quyết thủ tục hành chính.",
    ],
    [
      "An toàn thông tin cá nhân trên mạng xã hội",
      "online_safety",
      "everyone",
      "Bảo vệ tài khoản, dữ liệu cá nhân và nhận diện tin giả.",
    ],
    [
      "Kỹ năng số cho người cao tuổi",
      "other",
      "residents",
      "Gọi video, đọc tin tức chính thống, dùng mã QR – hướng dẫn chậm, cầm tay chỉ việc.",
    ],
    ["Ứng dụng AI trong công việc văn phòng", "ai", "officials", "Soạn thảo, tóm tắt văn bản và tra cứu quy định với trợ lý AI."],
    [
      "Hoá đơn điện tử và kê khai thuế trực tuyến",
      "online_services",
      "workers",
      "Dành cho hộ kinh doanh: hoá đơn điện tử khởi tạo từ máy tính tiền, kê khai thuế qua eTax Mobile.",
    ],
    // upcoming
    [
      "Phòng chống lừa đảo qua điện thoại",
      "online_safety",
      "residents",
      "Những cuộc gọi giả danh công an, ngân hàng, nhà mạng: nhận biết và xử lý.",
    ],
    [
      "Hỏi đáp với trợ lý AI bằng tiếng Việt",
      "ai",
      "residents",
      "Thực hành trên điện thoại của chính mình; mang theo điện thoại đã sạc pin.",
    ],
    ["VNeID mức 2 và các tiện ích", "online_services", "everyone", "Tích hợp giấy tờ, thông báo lưu trú, ví giấy tờ trên VNeID."],
    [
      "Thanh toán QR và quản lý bán hàng",
      "digital_platforms",
      "workers",
      "Nhận tiền qua mã QR, phần mềm quản lý bán hàng miễn phí cho hộ kinh doanh.",
    ],
    ["Kỹ năng số cho phụ nữ và người cao tuổi", "other", "residents", "Phối hợp với Hội Liên hiệp Phụ nữ xã."],
    [
      "Bảo vệ dữ liệu cá nhân theo Luật 91/2025/QH15",
      "online_safety",
      "officials",
      "Những điều cán bộ cần biết khi thu thập, xử lý dữ liệu cá nhân của người dân.",
    ],
  ];
  const pastOffsets = Array.from({ length: 10 }, (_, i) => -(8 + i * 15 + tr.int(0, 8)));
  const futureOffsets = Array.from({ length: 6 }, (_, i) => 3 + i * 7 + tr.int(0, 4));
  const offsets = [...pastOffsets.reverse(), ...futureOffsets];
  const events: PEvent[] = defs.map(([title, topic, audience, description], i) => {
    const day = addDays(today, offsets[i]);
    const hour = tr.chance(0.5) ? 8 : 14;
    const past = i < 10;
    const joint = i === 6;
    return {
      title: `${BDHVS}: ${title}`,
      topic,
      audience,
      description: joint ? `${description} Phối hợp với ${TU_KY_NEIGHBOURS[0]}.` : description,
      place: audience === "officials" ? TRAINING_PLACES[0] : joint ? TRAINING_PLACES[1] : tr.pick(TRAINING_PLACES),
      startsAt: atLocal(day, hour),
      endsAt: atLocal(day, hour + 2, tr.chance(0.5) ? 30 : 0),
      capacity: tr.pick([30, 40, 50, 60, 80]),
      past,
      partner: joint ? TU_KY_NEIGHBOURS[0] : null,
      createdAt: notAfterNow(atLocal(addDays(day, -30), 10)),
    };
  });
  type PRegistration = {
    event: number;
    fullName: string;
    phone: string;
    member: { household: number; member: number } | null;
    user: number | null;
    status: "confirmed" | "waitlist";
    createdAt: Date;
    attended: boolean | null;
    code: string;
  };
  const registrations: PRegistration[] = [];
  const walkIns: { event: number; fullName: string }[] = [];
  const withPhones = households.flatMap((hh, h) =>
    hh.members.map((m, mi) => [m, h, mi] as const).filter(([m]) => m.phone !== null && m.age >= 16),
  );
  const residentUserIdx = userIdx("resident");
  const residentM = households[0].members[residentMember];
  const residentEvents = new Map<number, boolean | null>([
    [1, true],
    [3, false],
    [12, null],
  ]);
  events.forEach((ev, e) => {
    const phonesHere = new Set<string>();
    const add = (
      r: Omit<PRegistration, "event" | "createdAt" | "attended" | "status" | "code">,
      status: PRegistration["status"] = "confirmed",
    ) => {
      phonesHere.add(r.phone);
      const signedUp = atLocal(addDays(today, offsets[e] - tr.int(1, 20)), tr.int(7, 21), tr.int(0, 59));
      const createdAt = notAfterNow(new Date(Math.min(ev.startsAt.getTime() - HOUR, signedUp.getTime())));
      const attended = ev.past
        ? r.user !== null
          ? need(residentEvents.get(e) ?? undefined, "resident attendance")
          : tr.chance(0.8)
        : null;
      registrations.push({ ...r, event: e, status, createdAt, attended, code: registrationCode(() => tr.int(0, 1_000_000)) });
    };
    if (residentEvents.has(e))
      add({
        fullName: residentM.fullName,
        phone: need(residentM.phone ?? undefined, "resident phone"),
        member: { household: 0, member: residentMember },
        user: residentUserIdx,
      });
    const fill = ev.past ? tr.int(60, 95) / 100 : e === 11 ? 1 : tr.int(20, 80) / 100;
    const count = Math.round(ev.capacity * fill);
    const pool = tr.shuffle(withPhones);
    while (registrations.filter((r) => r.event === e).length < count) {
      const fromMembers = pool.length > 0 && tr.chance(0.45);
      if (fromMembers) {
        const [m, h, mi] = pool.pop()!;
        if (phonesHere.has(m.phone!) || (h === 0 && mi === residentMember)) continue;
        add({ fullName: m.fullName, phone: m.phone!, member: { household: h, member: mi }, user: null });
      } else {
        const sex: Sex = tr.chance(0.55) ? "female" : "male";
        add({ fullName: personName(tr, sex, tr.int(18, 70)), phone: phones.next(), member: null, user: null });
      }
    }
    if (e === 11)
      for (let i = 0; i < 3; i++)
        add({ fullName: personName(tr, "female", tr.int(30, 70)), phone: phones.next(), member: null, user: null }, "waitlist");
    if (ev.past)
      for (let i = tr.int(0, 3); i > 0; i--)
        walkIns.push({ event: e, fullName: personName(tr, tr.chance(0.5) ? "male" : "female", tr.int(20, 75)) });
  });

  // --- Contest, monthly figures, other communes -------------------------------------------------
  const cr = new Rng("contest");
  const codes = new Set<string>([DEMO_COMMUNE.code]);
  const otherCommunes = OTHER_HAI_PHONG_COMMUNES.map((name) => {
    const base = slugify(name.replace(/^(Phường|Xã|Đặc khu) /, ""));
    let code = base;
    for (let n = 2; codes.has(code); n++) code = `${base}-${n}`;
    codes.add(code);
    const participants = Math.round(1_200 + 15_700 * cr.float() ** 1.6); // most well below the leader
    return {
      name,
      code,
      participants,
      visits: Math.round(participants * (1.5 + cr.float() * 0.7)),
      size: 0.4 + cr.float() * 1.2,
    };
  });
  const villageShares = TU_KY_VILLAGES.map(([, size]) => size * (0.8 + cr.float() * 0.4));
  const shareTotal = villageShares.reduce((s, x) => s + x, 0);
  const villageParticipants = villageShares.map((s) => Math.floor((DEMO_CONTEST_PARTICIPANTS * s) / shareTotal));
  villageParticipants[0] += DEMO_CONTEST_PARTICIPANTS - villageParticipants.reduce((s, x) => s + x, 0);
  const villageContest = villageParticipants.map((p) => ({ participants: p, visits: Math.round(p * (2.3 + cr.float() * 0.6)) }));

  const months = Array.from({ length: 12 }, (_, i) => firstOfMonth(today.getUTCFullYear(), today.getUTCMonth() - 12 + i));
  const figures = (from: number, to: number, size: number) =>
    months.map((month, i) => {
      const total = Math.round(cr.int(300, 500) * size);
      const share = Math.min(0.97, Math.max(0.05, from + ((to - from) * i) / 11 + (cr.float() - 0.5) * 0.04));
      return {
        month,
        applicationsTotal: total,
        applicationsOnline: Math.round(total * share),
        recordsDigitised: Math.round(cr.int(150, 600) * size),
      };
    });
  const tuKyFigures = figures(0.45, 0.8, 1);
  const otherFigures = otherCommunes.map((c) => figures(0.3 + cr.float() * 0.2, 0.55 + cr.float() * 0.3, c.size));

  // --- Consent ------------------------------------------------------------------------------
  const kr = new Rng("consent");
  const consents: { household: number; member: number; by: number; at: Date }[] = [];
  const firstDone = new Map<number, PVisit>();
  for (const v of visits) if (v.outcome === "done" && !firstDone.has(v.household)) firstDone.set(v.household, v);
  for (const [h, v] of firstDone) {
    if (h === 0 || !kr.chance(0.3)) continue;
    const mi = households[h].members.findIndex((m) => m.isHead);
    consents.push({
      household: h,
      member: mi,
      by: v.volunteer,
      at: notAfterNow(atLocal(v.visitedOn, kr.int(8, 17), kr.int(0, 59))),
    });
  }

  return {
    today,
    year,
    households,
    families,
    users,
    assignments,
    campaigns,
    visits,
    businesses,
    events,
    registrations,
    walkIns,
    otherCommunes,
    villageContest,
    tuKyFigures,
    otherFigures,
    consents,
    officialIdx,
    residentUserIdx,
    demoVolunteerIdx,
    residentMember,
  };
}

// ---------------------------------------------------------------------------------------------

async function writeDemo(tx: Tx, plan: Plan, passwordHash: string): Promise<void> {
  const { today, year } = plan;

  // Commune, built-ins, villages, branches.
  const commune = await tx.commune.create({ data: { ...DEMO_COMMUNE }, select: { id: true } });
  const communeId = commune.id;
  await ensureCommuneDefaults(tx, communeId);
  const skillRows = await tx.skill.findMany({ where: { communeId }, select: { id: true, key: true } });
  const skillId = (key: string) => need(skillRows.find((s) => s.key === key)?.id, `skill ${key}`);
  const criteriaRows = await tx.familyCriterion.findMany({
    where: { communeId },
    select: { level: true, rule: true, skill: { select: { key: true } } },
    orderBy: { sortOrder: "asc" },
  });
  const criteria: StatusCriterion[] = criteriaRows.map((c) => ({ skillKey: c.skill.key, level: c.level, rule: c.rule }));

  const villageRows = await tx.village.createManyAndReturn({
    data: TU_KY_VILLAGES.map(([name]) => ({ communeId, name, code: slugify(name.replace(/^Thôn /, "")) })),
    select: { id: true, name: true },
  });
  const villageByName = byKey(villageRows, (v) => v.name, "village");
  const villageIds = TU_KY_VILLAGES.map(([name]) => need(villageByName.get(name), name).id);
  const branchRows = await tx.youthBranch.createManyAndReturn({
    data: TU_KY_BRANCHES.map(([name, village, target]) => ({
      communeId,
      name,
      villageId: village === null ? null : need(villageByName.get(village), village).id,
      targetFamilies: target,
    })),
    select: { id: true, name: true },
  });
  const branchByName = byKey(branchRows, (b) => b.name, "branch");
  const branchIds = TU_KY_BRANCHES.map(([name]) => need(branchByName.get(name), name).id);

  // Households and members. Addresses are unique, so rows are matched back by them.
  const householdRows = await inBatches(plan.households, (batch) =>
    tx.household.createManyAndReturn({
      data: batch.map((h) => ({
        communeId,
        villageId: villageIds[h.villageIdx],
        headName: need(
          h.members.find((m) => m.isHead),
          "head",
        ).fullName,
        address: h.address,
        phone: need(
          h.members.find((m) => m.isHead),
          "head",
        ).phone,
        lastVisitOn: h.lastVisitOn,
        followUpOn: h.followUpOn,
      })),
      select: { id: true, address: true },
    }),
  );
  const householdByAddress = byKey(householdRows, (h) => h.address, "household");
  const householdIds = plan.households.map((h) => need(householdByAddress.get(h.address), h.address).id);

  const memberInput = plan.households.flatMap((h, hi) =>
    h.members.map((m) => ({
      communeId,
      householdId: householdIds[hi],
      fullName: m.fullName,
      birthYear: m.birthYear,
      gender: m.gender,
      phone: m.phone,
      isHead: m.isHead,
    })),
  );
  const memberRows = await inBatches(memberInput, (batch) =>
    tx.member.createManyAndReturn({ data: batch, select: { id: true, householdId: true, fullName: true } }),
  );
  const memberByKey = byKey(memberRows, (m) => `${m.householdId}|${m.fullName}`, "member");
  const memberIds = plan.households.map((h, hi) =>
    h.members.map((m) => need(memberByKey.get(`${householdIds[hi]}|${m.fullName}`), m.fullName).id),
  );
  const memberId = (ref: { household: number; member: number }) => memberIds[ref.household][ref.member];

  // Users and volunteer profiles.
  const userRows = await tx.user.createManyAndReturn({
    data: plan.users.map((u) => ({
      communeId: u.communeScoped ? communeId : null,
      username: u.username,
      phone: u.phone,
      name: u.name,
      passwordHash,
      role: u.role,
      memberId: u.memberRef ? memberId(u.memberRef) : null,
    })),
    select: { id: true, name: true },
  });
  const userByName = byKey(userRows, (u) => u.name, "user");
  const userIds = plan.users.map((u) => need(userByName.get(u.name), u.name).id);
  await tx.volunteerProfile.createMany({
    data: plan.users.flatMap((u, i) =>
      u.branchIdx === null
        ? []
        : [{ userId: userIds[i], communeId, branchId: branchIds[u.branchIdx], isLeader: u.isLeader, joinedOn: u.joinedOn }],
    ),
  });
  await tx.assignment.createMany({
    data: plan.assignments.map((a) => ({
      communeId,
      householdId: householdIds[a.household],
      volunteerId: userIds[a.volunteer],
      assignedById: userIds[a.by],
      assignedAt: a.at,
    })),
  });

  // Campaigns, visits and what was done on them.
  const campaignIds: number[] = [];
  for (const on of plan.campaigns) {
    const c = await tx.campaign.create({
      data: { communeId, name: VOLUNTEER_SATURDAY, kind: "volunteer_saturday", startsOn: on, endsOn: on },
      select: { id: true },
    });
    campaignIds.push(c.id);
  }
  const visitRows = await inBatches(plan.visits, (batch) =>
    tx.visit.createManyAndReturn({
      data: batch.map((v) => ({
        communeId,
        householdId: householdIds[v.household],
        volunteerId: userIds[v.volunteer],
        campaignId: v.campaign === null ? null : campaignIds[v.campaign],
        visitedOn: v.visitedOn,
        outcome: v.outcome,
        notes: v.notes,
        followUpOn: v.followUpOn,
        idempotencyKey: v.key,
        createdAt: v.createdAt,
      })),
      select: { id: true, idempotencyKey: true },
    }),
  );
  const visitByKey = byKey(visitRows, (v) => v.idempotencyKey, "visit");
  const visitId = (key: string) => need(visitByKey.get(key), key).id;
  const items = plan.visits.flatMap((v) =>
    v.items.map((it) => ({
      communeId,
      visitId: visitId(v.key),
      skillId: skillId(it.skill),
      memberId: it.member === null ? null : memberIds[v.household][it.member],
    })),
  );
  await inBatches(items, async (batch) => [await tx.visitItem.createMany({ data: batch })]);
  const coVolunteers = plan.visits.flatMap((v) => v.coVolunteers.map((u) => ({ visitId: visitId(v.key), userId: userIds[u] })));
  await inBatches(coVolunteers, async (batch) => [await tx.visitCoVolunteer.createMany({ data: batch })]);

  const memberSkills = plan.households.flatMap((h, hi) =>
    h.members.flatMap((m, mi) =>
      [...m.skills].map(([key, s]) => ({
        communeId,
        memberId: memberIds[hi][mi],
        skillId: skillId(key),
        acquiredOn: s.on,
        visitId: s.visitKey === null ? null : visitId(s.visitKey),
      })),
    ),
  );
  await inBatches(memberSkills, async (batch) => [await tx.memberSkill.createMany({ data: batch })]);

  // Digital families: status and the day each level was reached, from the members' skills.
  await tx.digitalFamily.createMany({
    data: plan.families.map((f) => {
      const dates = familyStatusDates(plan.households[f.household].members, criteria, year, f.enrolledOn);
      return {
        communeId,
        householdId: householdIds[f.household],
        branchId: f.branchIdx === null ? null : branchIds[f.branchIdx],
        enrolledOn: f.enrolledOn,
        ...dates,
      };
    }),
  });

  // Household businesses.
  const businessRows = await tx.householdBusiness.createManyAndReturn({
    data: plan.businesses.map((b) => ({ communeId, householdId: householdIds[b.household], name: b.name, sector: b.sector })),
    select: { id: true, householdId: true },
  });
  const businessByHousehold = byKey(businessRows, (b) => String(b.householdId), "business");
  await tx.businessSkill.createMany({
    data: plan.businesses.flatMap((b) =>
      b.skills.map((s) => ({
        communeId,
        businessId: need(businessByHousehold.get(String(householdIds[b.household])), "business").id,
        skillId: skillId(s.key),
        acquiredOn: s.on,
      })),
    ),
  });

  // The other communes and wards of the city (aggregates only), the contest, monthly figures.
  const otherRows = await tx.commune.createManyAndReturn({
    data: plan.otherCommunes.map((c) => ({ code: c.code, name: c.name, province: DEMO_COMMUNE.province })),
    select: { id: true, code: true },
  });
  const otherByCode = byKey(otherRows, (c) => c.code, "commune");
  const otherIds = plan.otherCommunes.map((c) => need(otherByCode.get(c.code), c.code).id);
  const contest = await tx.contest.upsert({
    where: { code: DEMO_CONTEST.code },
    create: { ...DEMO_CONTEST },
    update: {},
    select: { id: true },
  });
  await tx.contestResult.createMany({
    data: [
      ...plan.villageContest.map((r, v) => ({ communeId, contestId: contest.id, villageId: villageIds[v], ...r })),
      ...plan.otherCommunes.map((c, i) => ({
        communeId: otherIds[i],
        contestId: contest.id,
        villageId: null,
        participants: c.participants,
        visits: c.visits,
      })),
    ],
  });
  await tx.adminFigure.createMany({
    data: [
      ...plan.tuKyFigures.map((f) => ({ communeId, ...f })),
      ...plan.otherFigures.flatMap((list, i) => list.map((f) => ({ communeId: otherIds[i], ...f }))),
    ],
  });

  // Classes, registrations, attendance.
  const partnerId = (name: string | null) =>
    name === null ? null : need(otherIds[plan.otherCommunes.findIndex((c) => c.name === name)], name);
  const topicIds = new Map(
    (await tx.trainingTopic.findMany({ where: { communeId }, select: { id: true, key: true } })).map((t) => [t.key, t.id]),
  );
  const eventRows = await tx.trainingEvent.createManyAndReturn({
    data: plan.events.map((e) => ({
      communeId,
      partnerCommuneId: partnerId(e.partner),
      title: e.title,
      topicId: need(topicIds.get(e.topic), e.topic),
      audience: e.audience,
      description: e.description,
      place: e.place,
      organiser: "Trung tâm Chính trị xã Tứ Kỳ",
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      capacity: e.capacity,
      status: e.past ? "held" : "scheduled",
      createdAt: e.createdAt,
    })),
    select: { id: true, title: true },
  });
  const eventByTitle = byKey(eventRows, (e) => e.title, "event");
  const eventIds = plan.events.map((e) => need(eventByTitle.get(e.title), e.title).id);
  const registrationRows = await inBatches(plan.registrations, (batch) =>
    tx.registration.createManyAndReturn({
      data: batch.map((r) => ({
        communeId,
        eventId: eventIds[r.event],
        fullName: r.fullName,
        phone: r.phone,
        memberId: r.member ? memberId(r.member) : null,
        userId: r.user === null ? null : userIds[r.user],
        status: r.status,
        code: r.code,
        createdAt: r.createdAt,
      })),
      select: { id: true, eventId: true, phone: true },
    }),
  );
  const registrationByKey = byKey(registrationRows, (r) => `${r.eventId}|${r.phone}`, "registration");
  const markedById = userIds[plan.officialIdx];
  await tx.attendance.createMany({
    data: [
      ...plan.registrations.flatMap((r) => {
        if (r.attended === null || r.status !== "confirmed") return [];
        const event = plan.events[r.event];
        return [
          {
            communeId,
            eventId: eventIds[r.event],
            registrationId: need(registrationByKey.get(`${eventIds[r.event]}|${r.phone}`), r.phone).id,
            fullName: r.fullName,
            attended: r.attended,
            markedAt: event.endsAt,
            markedById,
          },
        ];
      }),
      ...plan.walkIns.map((w) => ({
        communeId,
        eventId: eventIds[w.event],
        registrationId: null,
        fullName: w.fullName,
        attended: true,
        markedAt: plan.events[w.event].endsAt,
        markedById,
      })),
    ],
  });

  // Consent on paper, collected on the first visit, and the demo resident's own.
  await tx.consent.createMany({
    data: [
      ...plan.consents.map((c) => ({
        communeId,
        memberId: memberIds[c.household][c.member],
        purpose: "program_participation" as const,
        granted: true,
        method: "paper",
        recordedById: userIds[c.by],
        recordedAt: c.at,
      })),
      {
        communeId,
        memberId: memberIds[0][plan.residentMember],
        userId: userIds[plan.residentUserIdx],
        purpose: "program_participation" as const,
        granted: true,
        method: "paper",
        recordedById: userIds[plan.demoVolunteerIdx],
        recordedAt: atLocal(addDays(today, -200), 9, 30),
      },
    ],
  });

  await seedComparisonCommunes(
    tx,
    plan.otherCommunes.map((c, i) => ({ id: otherIds[i], code: c.code, name: c.name })),
    today,
    year,
    passwordHash,
  );
}

/**
 * The family's status now and the first day it reached each level, replaying its members' skills
 * in the order they were acquired. A level reached before enrolment counts from enrolment.
 */
function familyStatusDates(
  members: readonly PMember[],
  criteria: readonly StatusCriterion[],
  year: number,
  enrolledOn: Date,
): { status: FamilyStatus; inProgressOn: Date | null; digitalOn: Date | null; smartOn: Date | null } {
  const days = [...new Set(members.flatMap((m) => [...m.skills.values()].map((s) => s.on.getTime())))].sort((a, b) => a - b);
  const reached: (Date | null)[] = [null, null, null, null];
  let status: FamilyStatus = "enrolled";
  for (const day of days) {
    status = computeFamilyStatus({
      members: members.map((m) => ({
        birthYear: m.birthYear,
        skillKeys: [...m.skills].filter(([, s]) => s.on.getTime() <= day).map(([k]) => k),
      })),
      criteria,
      year,
    }).status;
    for (let r = 1; r <= familyStatusRank(status); r++) reached[r] ??= new Date(Math.max(day, enrolledOn.getTime()));
  }
  return { status, inProgressOn: reached[1], digitalOn: reached[2], smartOn: reached[3] };
}

// ---------------------------------------------------------------------------------------------
// Comparison communes: a few small communes with households, people, skills, visits and digital
// families, so the city's side-by-side comparison has more than Tứ Kỳ to show. Their own random
// streams: nothing of Tứ Kỳ's data changes.

/** The first three of the city's other communes, each with its size and how far along it is. */
const COMPARISON_COMMUNE_PROFILES = [
  { households: 60, reach: 0.8, vneid: 0.7, certified: 0.3 },
  { households: 56, reach: 0.5, vneid: 0.45, certified: 0.15 },
  { households: 64, reach: 0.3, vneid: 0.25, certified: 0.05 },
] as const;

async function seedComparisonCommunes(
  tx: Tx,
  communes: readonly { id: number; code: string; name: string }[],
  today: Date,
  year: number,
  passwordHash: string,
): Promise<void> {
  for (const [i, profile] of COMPARISON_COMMUNE_PROFILES.entries()) {
    const commune = communes[i];
    if (!commune) return;
    const rng = new Rng(`comparison-${commune.code}`);
    const communeId = commune.id;
    await ensureCommuneDefaults(tx, communeId);
    const vneid = need(
      (await tx.skill.findFirst({ where: { communeId, key: "vneid_l2" }, select: { id: true } }))?.id,
      "skill vneid_l2",
    );
    const village = await tx.village.create({ data: { communeId, name: "Thôn 1", code: "thon-1" }, select: { id: true } });
    const volunteer = await tx.user.create({
      data: { communeId, username: `tnv-${commune.code}`, name: "Đoàn viên tình nguyện", role: "volunteer", passwordHash },
      select: { id: true },
    });
    const planned = Array.from({ length: profile.households }, (_, h) => {
      const people = planPeople(rng, rng.weighted(FAMILY_SHAPES), false).map((person) => ({
        ...person,
        fullName: person.name ?? personName(rng, person.sex, person.age, person.family),
      }));
      const visits = rng.chance(profile.reach)
        ? Array.from({ length: rng.int(1, 3) }, () => addDays(today, -rng.int(0, 120))).sort((a, b) => a.getTime() - b.getTime())
        : [];
      return { h, people, visits, certified: visits.length > 0 && rng.chance(profile.certified / profile.reach) };
    });
    const households = await tx.household.createManyAndReturn({
      data: planned.map((p) => ({
        communeId,
        villageId: village.id,
        headName: p.people[0].fullName,
        address: `Số ${p.h + 1}, Thôn 1`,
        lastVisitOn: p.visits.at(-1) ?? null,
      })),
      select: { id: true },
    });
    const members = await tx.member.createManyAndReturn({
      data: planned.flatMap((p, h) =>
        p.people.map((person, m) => ({
          communeId,
          householdId: households[h].id,
          fullName: person.fullName,
          birthYear: year - person.age,
          gender: person.sex,
          isHead: m === 0,
        })),
      ),
      select: { id: true, birthYear: true },
    });
    await tx.memberSkill.createMany({
      data: members
        .filter((m) => year - m.birthYear >= 16 && rng.chance(profile.vneid))
        .map((m) => ({ communeId, memberId: m.id, skillId: vneid, acquiredOn: addDays(today, -rng.int(1, 300)) })),
    });
    await tx.visit.createMany({
      data: planned.flatMap((p, h) =>
        p.visits.map((visitedOn) => ({
          communeId,
          householdId: households[h].id,
          volunteerId: volunteer.id,
          visitedOn,
          outcome: "done" as const,
          idempotencyKey: rng.uuid(),
        })),
      ),
    });
    await tx.digitalFamily.createMany({
      data: planned.flatMap((p, h) =>
        p.certified
          ? [
              {
                communeId,
                householdId: households[h].id,
                status: "digital" as const,
                enrolledOn: addDays(p.visits[0], -30),
                inProgressOn: addDays(p.visits[0], -10),
                digitalOn: p.visits[0],
              },
            ]
          : [],
      ),
    });
  }
}
