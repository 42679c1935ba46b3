// Households and their members: where they live, who they are, their phones and the digital
// skills they already have. Household 0 is the demo resident's.
import type { Gender } from "@/lib/generated/prisma/client";
import { byKey, inBatches, need } from "@/prisma/seed/helpers";
import { TU_KY_VILLAGES } from "@/prisma/seed/names";
import {
  FAMILY_SHAPES,
  personName,
  phoneChance,
  planPeople,
  planSkills,
  type MemberSkillKey,
  type PlannedSkill,
} from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";

export type PMember = {
  fullName: string;
  age: number;
  birthYear: number;
  gender: Gender;
  phone: string | null;
  isHead: boolean;
  skills: Map<MemberSkillKey, PlannedSkill>;
};
export type PHousehold = {
  villageIdx: number;
  address: string;
  members: PMember[];
  lastVisitOn: Date | null;
  followUpOn: Date | null;
};
/** A member by household and member index. */
export type MemberRef = { household: number; member: number };

/** The demo resident: the head of household 0. */
export const RESIDENT_MEMBER = 0;

export function planHouseholds({ householdCount, today, year, phones }: PlanContext): PHousehold[] {
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
  return households;
}

export function headOf(household: PHousehold): PMember {
  return need(
    household.members.find((m) => m.isHead),
    "head",
  );
}

export type HouseholdIds = {
  /** By household index. */
  householdIds: number[];
  /** By household index, then member index. */
  memberIds: number[][];
  memberId: (ref: MemberRef) => number;
};

/** Households and members. Addresses are unique, so rows are matched back by them. */
export async function writeHouseholds(
  tx: Tx,
  { communeId, villageIds }: CommuneIds,
  households: readonly PHousehold[],
): Promise<HouseholdIds> {
  const householdRows = await inBatches(households, (batch) =>
    tx.household.createManyAndReturn({
      data: batch.map((h) => ({
        communeId,
        villageId: villageIds[h.villageIdx],
        headName: headOf(h).fullName,
        address: h.address,
        phone: headOf(h).phone,
        lastVisitOn: h.lastVisitOn,
        followUpOn: h.followUpOn,
      })),
      select: { id: true, address: true },
    }),
  );
  const householdByAddress = byKey(householdRows, (h) => h.address, "household");
  const householdIds = households.map((h) => need(householdByAddress.get(h.address), h.address).id);

  const memberInput = households.flatMap((h, hi) =>
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
  const memberIds = households.map((h, hi) =>
    h.members.map((m) => need(memberByKey.get(`${householdIds[hi]}|${m.fullName}`), m.fullName).id),
  );
  const memberId = (ref: MemberRef) => memberIds[ref.household][ref.member];
  return { householdIds, memberIds, memberId };
}

/** What each member can do, and the visit it was learnt on (written after the visits). */
export async function writeMemberSkills(
  tx: Tx,
  { communeId, skillId }: CommuneIds,
  { memberIds }: HouseholdIds,
  households: readonly PHousehold[],
  visitId: (key: string) => number,
): Promise<void> {
  const memberSkills = households.flatMap((h, hi) =>
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
}
