// The commune's users: one demo sign-in per role (the volunteer and the leader in the first
// branch, the resident a member of household 0), then a leader for every other branch and 30
// volunteers spread over the branches.
import { addDays } from "@/lib/format/dates";
import type { Role } from "@/lib/generated/prisma/client";
import { DEMO_USERS } from "@/prisma/seed/constants";
import { byKey, need } from "@/prisma/seed/helpers";
import { TU_KY_BRANCHES, TU_KY_VILLAGES } from "@/prisma/seed/names";
import { personName, type Sex } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import { headOf, RESIDENT_MEMBER, type HouseholdIds, type MemberRef, type PHousehold } from "@/prisma/seed/steps/households";

export type PUser = {
  key: string;
  name: string;
  role: Role;
  username: string | null;
  phone: string | null;
  communeScoped: boolean;
  memberRef: MemberRef | null;
  branchIdx: number | null;
  isLeader: boolean;
  joinedOn: Date;
};

/** The users, and who is who among them (indexes into `users`). */
export type Team = {
  users: PUser[];
  officialIdx: number;
  demoVolunteerIdx: number;
  residentUserIdx: number;
  /** Everyone in a youth branch (leaders and volunteers). */
  fieldUsers: number[];
  /** By branch index. */
  leaderOf: number[];
  /** By branch index: its leaders and volunteers. */
  branchUsers: number[][];
  /** By branch index: the index of its village in TU_KY_VILLAGES, or -1. */
  branchVillage: number[];
};

export function planUsers({ today, phones }: PlanContext, households: readonly PHousehold[]): Team {
  const ur = new Rng("users");
  const userNames = new Set<string>(DEMO_USERS.map((u) => u.nameVi));
  const joined = () => addDays(today, -ur.int(120, 900));
  const users: PUser[] = DEMO_USERS.map((u) => ({
    key: u.username,
    name: u.nameVi,
    role: u.role,
    username: u.username,
    phone:
      u.role === "resident"
        ? headOf(households[0]).phone
        : u.role === "branch_leader" || u.role === "volunteer"
          ? phones.next()
          : null,
    communeScoped: u.role !== "city",
    memberRef: u.role === "resident" ? { household: 0, member: RESIDENT_MEMBER } : null,
    branchIdx: u.role === "branch_leader" || u.role === "volunteer" ? 0 : null,
    isLeader: u.role === "branch_leader",
    joinedOn: joined(),
  }));
  if (households[0].members[RESIDENT_MEMBER].fullName !== DEMO_USERS[4].nameVi) throw new Error("seed: resident member");
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
  const residentUserIdx = userIdx("resident");
  return { users, officialIdx, demoVolunteerIdx, residentUserIdx, fieldUsers, leaderOf, branchUsers, branchVillage };
}

/** Users and their volunteer profiles; returns their ids by user index. */
export async function writeUsers(
  tx: Tx,
  { communeId, branchIds }: CommuneIds,
  { memberId }: HouseholdIds,
  users: readonly PUser[],
  passwordHash: string,
): Promise<number[]> {
  const userRows = await tx.user.createManyAndReturn({
    data: users.map((u) => ({
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
  const userIds = users.map((u) => need(userByName.get(u.name), u.name).id);
  await tx.volunteerProfile.createMany({
    data: users.flatMap((u, i) =>
      u.branchIdx === null
        ? []
        : [{ userId: userIds[i], communeId, branchId: branchIds[u.branchIdx], isLeader: u.isLeader, joinedOn: u.joinedOn }],
    ),
  });
  return userIds;
}
