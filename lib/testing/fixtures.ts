// Data to call actions with, in the test database: a world of real users of every role in two
// communes (the demo commune and another), and fresh households, families, classes and
// registrations to act on. Sessions are faked by lib/testing/next-fakes.ts.
import type { Role } from "@/lib/auth/roles";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { localToUtc, vietnamIsoDay } from "@/lib/format/dates";
import type { TestDatabase } from "@/lib/testing/db";
import { seedDemo } from "@/prisma/seed/demo";

/** Commune roles created in the other commune (B), and the second set of users in A (A2). */
export const WORLD_B_ROLES: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin"];
export const WORLD_A2_ROLES: Role[] = ["resident", "volunteer", "branch_leader"];

export type UserRow = { id: number; sessionVersion: number; role: Role; communeId: number | null };
export type World = {
  t: TestDatabase;
  a: number;
  b: number;
  users: Record<string, UserRow>;
  village: number;
  branch: number;
  volunteer: number;
  skill: number;
  topic: number;
  campaign: number;
  todayCampaign: number;
  futureEvent: number;
  todayEvent: number;
};

let seq = 0;
/** A short unique suffix for names and codes. */
export const uniq = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;
export const phone = () => `09${String(10_000_000 + ((Date.now() + seq++ * 7919) % 89_999_999)).slice(0, 8)}`;
export const todayVn = () => vietnamIsoDay();
export const inDaysVn = (d: number) => vietnamIsoDay(d);

export async function freshHousehold(w: World, members = 1) {
  const name = `Hộ Thử ${uniq()}`;
  const h = await w.t.db.household.create({
    data: {
      communeId: w.a,
      villageId: w.village,
      headName: name,
      address: `Số ${uniq()}`,
      members: {
        create: Array.from({ length: members }, (_, i) => ({
          communeId: w.a,
          fullName: i === 0 ? name : `Thành Viên ${uniq()}`,
          birthYear: 1980 + i,
          gender: "female" as const,
          isHead: i === 0,
        })),
      },
    },
    include: { members: { orderBy: { id: "asc" } } },
  });
  return h;
}

export async function adoptedFamily(w: World) {
  const h = await freshHousehold(w);
  const f = await w.t.db.digitalFamily.create({
    data: { communeId: w.a, householdId: h.id, branchId: w.branch, enrolledOn: new Date(`${todayVn()}T00:00:00Z`) },
  });
  return { household: h, family: f };
}

export async function freshEvent(w: World, startsAt: Date, endsAt: Date) {
  return w.t.db.trainingEvent.create({
    data: {
      communeId: w.a,
      topicId: w.topic,
      title: `Lớp thử ${uniq()}`,
      audience: "residents",
      place: "Nhà văn hóa thôn",
      organiser: "Trung tâm Chính trị",
      startsAt,
      endsAt,
      capacity: 30,
    },
  });
}

export async function freshRegistration(w: World, eventId: number) {
  return w.t.db.registration.create({
    data: { communeId: w.a, eventId, fullName: `Người Học ${uniq()}`, phone: phone(), code: uniq().toUpperCase().slice(0, 10) },
  });
}

/**
 * The demo commune (A, seeded as `npm run dev` seeds it) with one user per role; the same commune
 * roles of ANOTHER commune (B); and in A another branch's volunteer and leader and another
 * resident (A2). Plus a campaign of the demo leader's branch (in a few days, and today), a class in
 * a week and one today (check-in is only possible on the class's day).
 */
export async function buildWorld(t: TestDatabase, households = 40): Promise<World> {
  await seedDemo(t.db, { households });
  const a = (await t.db.commune.findUniqueOrThrow({ where: { code: "tu-ky" } })).id;
  const b = (await t.db.commune.create({ data: { code: `other-${uniq()}`, name: "Xã Khác", province: "Hải Phòng" } })).id;
  await ensureCommuneDefaults(t.db, b);
  const bVillage = await t.db.village.create({ data: { communeId: b, name: "Thôn Khác", code: "tk" } });
  const bBranch = await t.db.youthBranch.create({ data: { communeId: b, name: "Chi đoàn Khác", villageId: bVillage.id } });
  const users: Record<string, UserRow> = {};
  const select = { id: true, sessionVersion: true, role: true, communeId: true } as const;
  for (const [username, role] of [
    ["admin", "admin"],
    ["official", "official"],
    ["leader", "branch_leader"],
    ["volunteer", "volunteer"],
    ["resident", "resident"],
    ["city", "city"],
  ] as const) {
    users[`A:${role}`] = await t.db.user.findUniqueOrThrow({ where: { username }, select });
  }
  for (const role of WORLD_B_ROLES) {
    const bMember =
      role === "resident"
        ? (
            await t.db.household.create({
              data: {
                communeId: b,
                villageId: bVillage.id,
                headName: "Cư Dân Khác",
                address: "Số 9 thôn Khác",
                members: { create: { communeId: b, fullName: "Cư Dân Khác", birthYear: 1980, gender: "male", isHead: true } },
              },
              include: { members: true },
            })
          ).members[0]!.id
        : null;
    const u = await t.db.user.create({
      data: {
        communeId: b,
        username: `b-${role}`,
        name: `B ${role}`,
        role,
        passwordHash: "x",
        memberId: bMember,
        phone: phone(),
      },
      select,
    });
    if (role === "volunteer" || role === "branch_leader")
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId: b, branchId: bBranch.id, isLeader: role === "branch_leader", joinedOn: new Date() },
      });
    users[`B:${role}`] = u;
  }
  const leaderProfile = await t.db.volunteerProfile.findUniqueOrThrow({ where: { userId: users["A:branch_leader"]!.id } });
  const otherBranch = await t.db.youthBranch.findFirstOrThrow({ where: { communeId: a, id: { not: leaderProfile.branchId } } });
  const otherMember = await t.db.member.findFirstOrThrow({
    where: { communeId: a, user: null, household: { members: { none: { user: { isNot: null } } } } },
  });
  for (const role of WORLD_A2_ROLES) {
    const u = await t.db.user.create({
      data: {
        communeId: a,
        username: `a2-${role}`,
        name: `A2 ${role}`,
        role,
        passwordHash: "x",
        phone: phone(),
        memberId: role === "resident" ? otherMember.id : null,
      },
      select,
    });
    if (role !== "resident")
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId: a, branchId: otherBranch.id, isLeader: role === "branch_leader", joinedOn: new Date() },
      });
    users[`A2:${role}`] = u;
  }
  const village = (await t.db.village.findFirstOrThrow({ where: { communeId: a }, orderBy: { id: "asc" } })).id;
  const skill = (await t.db.skill.findFirstOrThrow({ where: { communeId: a, scope: "member" }, orderBy: { id: "asc" } })).id;
  const topic = (await t.db.trainingTopic.findFirstOrThrow({ where: { communeId: a }, orderBy: { id: "asc" } })).id;
  const w: World = {
    t,
    a,
    b,
    users,
    village,
    branch: leaderProfile.branchId,
    volunteer: users["A:volunteer"]!.id,
    skill,
    topic,
    campaign: 0,
    todayCampaign: 0,
    futureEvent: 0,
    todayEvent: 0,
  };
  const mkCampaign = (startsOn: string) =>
    t.db.campaign.create({
      data: {
        communeId: a,
        name: `Đợt ${uniq()}`,
        kind: "volunteer_saturday",
        startsOn: new Date(`${startsOn}T00:00:00Z`),
        endsOn: new Date(`${startsOn}T00:00:00Z`),
        createdById: users["A:official"]!.id,
        villages: { create: { villageId: village } },
        branches: { create: { branchId: leaderProfile.branchId } },
      },
    });
  w.campaign = (await mkCampaign(inDaysVn(5))).id;
  w.todayCampaign = (await mkCampaign(todayVn())).id;
  const future = new Date(`${inDaysVn(7)}T01:00:00Z`);
  w.futureEvent = (await freshEvent(w, future, new Date(future.getTime() + 2 * 3_600_000))).id;
  // On today's date in Vietnam, whatever the hour: check-in is only possible on the class's day.
  // Starting five minutes ago, but never before midnight in Vietnam (a run just after 00:00 would
  // otherwise make a class of yesterday).
  const now = Date.now();
  const start = Math.max(now - 5 * 60_000, localToUtc(todayVn()).getTime());
  w.todayEvent = (await freshEvent(w, new Date(start), new Date(Math.max(now, start) + 5 * 60_000))).id;
  return w;
}
