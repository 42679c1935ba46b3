// The drill-downs, the branch leader's and the volunteer's homes, and their exports, on a small
// hand-built dataset whose every figure is known. A second commune holds look-alike data (a village
// of the same name, visits this month) so that any leak across communes changes a figure.
import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { getMyBranchOverview, listMyBranchVolunteers } from "@/lib/branches/queries";
import { buildDrilldownExport, EXPORT_TABLES, type ExportLabels } from "@/lib/drilldown/exports";
import { parseDateRange, thisMonth } from "@/lib/drilldown/period";
import {
  listBranchStats,
  listUnvisitedHouseholds,
  listVillageHouseholds,
  listVillageStats,
  staleBefore,
} from "@/lib/drilldown/queries";
import { getMyVolunteerMonth } from "@/lib/drilldown/volunteer";
import { toCsv, toXlsx } from "@/lib/exports/table";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { asUser, refused } from "@/lib/families/test-fixtures";
import type { FamilyStatus, Role as DbRole } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import viCore from "@/messages/vi/core.json";
import viDrilldown from "@/messages/vi/drilldown.json";

// 15 March 2026, noon in Vietnam: this month is 1–31 March; 60 days before today is 14 January.
const NOW = new Date("2026-03-15T05:00:00Z");
const MARCH = thisMonth(NOW);
const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

let t: TestDatabase;
let official: CurrentUser;
let admin: CurrentUser;
let leader: CurrentUser;
let volunteer: CurrentUser;
let otherOfficial: CurrentUser;
let otherVolunteer: CurrentUser;
const ids: Record<string, number> = {};

const labels: ExportLabels = {
  t: createTranslator({ locale: "vi", messages: viDrilldown, namespace: "drilldown" }) as unknown as ExportLabels["t"],
  status: (s) => viCore.familyStatus[s],
  tr: createTranslator({ locale: "vi", messages: { ...viCore, ...viDrilldown } }) as unknown as ExportLabels["tr"],
  locale: "vi",
};

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;

  const user = async (communeId: number, username: string, name: string, role: DbRole, branchId?: number, isLeader = false) => {
    const u = await db.user.create({
      data: { communeId, username, name, role, passwordHash: "x" },
      select: { id: true, role: true, communeId: true, name: true },
    });
    if (branchId) {
      await db.volunteerProfile.create({ data: { userId: u.id, communeId, branchId, isLeader, joinedOn: d("2025-01-01") } });
    }
    return asUser(u);
  };
  const skillIds = async (communeId: number) =>
    Object.fromEntries((await db.skill.findMany({ where: { communeId, scope: "member" } })).map((s) => [s.key, s.id]));

  // ——— Commune A ———
  const a = await db.commune.create({ data: { code: "a", name: "Xã A", province: "Hải Phòng" } });
  await ensureCommuneDefaults(db, a.id);
  const skA = await skillIds(a.id);
  const east = await db.village.create({ data: { communeId: a.id, name: "Thôn Đông", code: "dong" } });
  const west = await db.village.create({ data: { communeId: a.id, name: "Thôn Tây", code: "tay" } });
  const empty = await db.village.create({ data: { communeId: a.id, name: "Thôn Trống", code: "trong" } });
  ids.east = east.id;
  ids.west = west.id;
  ids.empty = empty.id;
  const bEast = await db.youthBranch.create({
    data: { communeId: a.id, villageId: east.id, name: "Chi đoàn Đông", targetFamilies: 5 },
  });
  // A branch with no volunteers that has met its (small) target.
  const bWest = await db.youthBranch.create({ data: { communeId: a.id, name: "Chi đoàn Tây", targetFamilies: 1 } });
  ids.bEast = bEast.id;
  ids.bWest = bWest.id;
  official = await user(a.id, "a-official", "Cán bộ A", "official");
  admin = await user(a.id, "a-admin", "Quản trị A", "admin");
  leader = await user(a.id, "a-leader", "Đặng Thu Hà", "branch_leader", bEast.id, true);
  volunteer = await user(a.id, "a-volunteer", "Bùi Minh Khoa", "volunteer", bEast.id);

  type M = { name: string; born: number };
  const household = async (villageId: number, head: string, members: M[], lastVisitOn: string | null) => {
    const h = await db.household.create({
      data: {
        communeId: a.id,
        villageId,
        headName: head,
        address: `Số 1, ${head}`,
        lastVisitOn: lastVisitOn ? d(lastVisitOn) : null,
        members: {
          create: members.map((m, i) => ({
            communeId: a.id,
            fullName: m.name,
            birthYear: m.born,
            gender: "male",
            isHead: i === 0,
          })),
        },
      },
      include: { members: { orderBy: { id: "asc" } } },
    });
    return { id: h.id, members: h.members.map((m) => m.id) };
  };
  // H1: two adults and a 16-year-old; last visited 12 March.
  const h1 = await household(
    east.id,
    "Nguyễn Văn An",
    [
      { name: "Nguyễn Văn An", born: 1980 },
      { name: "Phạm Thị Lan", born: 1985 },
      { name: "Nguyễn Văn Nam", born: 2010 },
    ],
    "2026-03-12",
  );
  // H2: last visited 59 days ago (not stale). H3: never visited; its member turns 18 this year.
  const h2 = await household(east.id, "Trần Thị Bình", [{ name: "Trần Thị Bình", born: 1990 }], "2026-01-15");
  const h3 = await household(east.id, "Lê Văn Cường", [{ name: "Lê Văn Cường", born: 2008 }], null);
  // H4: last visited 61 days ago (stale). H5: children only, never visited.
  const h4 = await household(west.id, "Phạm Văn Dũng", [{ name: "Phạm Văn Dũng", born: 1970 }], "2026-01-13");
  const h5 = await household(west.id, "Hoàng Thị Em", [{ name: "Hoàng Thị Em", born: 2012 }], null);
  Object.assign(ids, { h1: h1.id, h2: h2.id, h3: h3.id, h4: h4.id, h5: h5.id });

  const family = (householdId: number, status: FamilyStatus, branchId: number | null) =>
    db.digitalFamily.create({ data: { communeId: a.id, householdId, status, branchId, enrolledOn: d("2026-01-01") } });
  await family(h1.id, "digital", bEast.id);
  await family(h2.id, "enrolled", bEast.id);
  await family(h4.id, "smart", bWest.id);
  await family(h5.id, "enrolled", null);

  let key = 0;
  const visit = (householdId: number, by: CurrentUser, on: string, outcome: "done" | "not_home" = "done") =>
    db.visit.create({
      data: {
        communeId: a.id,
        householdId,
        volunteerId: by.id,
        visitedOn: d(on),
        outcome,
        idempotencyKey: `00000000-0000-4000-8000-${String(++key).padStart(12, "0")}`,
      },
    });
  const x1 = await visit(h1.id, volunteer, "2026-03-10");
  const x2 = await visit(h1.id, volunteer, "2026-02-20");
  await visit(h2.id, leader, "2026-01-15", "not_home");
  await visit(h4.id, leader, "2026-01-13");
  await visit(h1.id, leader, "2026-03-02");
  await visit(h1.id, volunteer, "2026-03-12");

  const skill = (memberId: number, key: string, visitId: number | null, on: string) =>
    db.memberSkill.create({ data: { communeId: a.id, memberId, skillId: skA[key], visitId, acquiredOn: d(on) } });
  // X1 gave H1's head every tracked skill and the 16-year-old VNeID; X2 (February) gave his wife VNeID.
  for (const k of ["vneid_l2", "smart_hp", "online_service", "cashless", "safety_briefing", "ai_basics"]) {
    await skill(h1.members[0], k, x1.id, "2026-03-10");
    await db.visitItem.create({ data: { communeId: a.id, visitId: x1.id, skillId: skA[k], memberId: h1.members[0] } });
  }
  await skill(h1.members[2], "vneid_l2", x1.id, "2026-03-10");
  await skill(h1.members[1], "vneid_l2", x2.id, "2026-02-20");
  await db.visitItem.create({ data: { communeId: a.id, visitId: x1.id, skillId: skA.vneid_l2, memberId: h1.members[2] } });
  await db.visitItem.create({ data: { communeId: a.id, visitId: x2.id, skillId: skA.vneid_l2, memberId: h1.members[1] } });
  // X2 also went over VNeID with the head, who did not activate it then: an item, but no skill given.
  await db.visitItem.create({ data: { communeId: a.id, visitId: x2.id, skillId: skA.vneid_l2, memberId: h1.members[0] } });
  // H4's head got VNeID at the police station, not on a visit.
  await skill(h4.members[0], "vneid_l2", null, "2025-06-01");

  await db.assignment.create({
    data: { communeId: a.id, householdId: h1.id, volunteerId: volunteer.id, assignedById: leader.id },
  });
  await db.assignment.create({
    data: { communeId: a.id, householdId: h3.id, volunteerId: volunteer.id, assignedById: leader.id, active: false },
  });

  // ——— Commune B: look-alike data that must never show in A's figures ———
  const b = await db.commune.create({ data: { code: "b", name: "Xã B", province: "Hải Phòng" } });
  await ensureCommuneDefaults(db, b.id);
  const skB = await skillIds(b.id);
  const bVillage = await db.village.create({ data: { communeId: b.id, name: "Thôn Đông", code: "dong" } });
  ids.bVillage = bVillage.id;
  const bBranch = await db.youthBranch.create({ data: { communeId: b.id, villageId: bVillage.id, name: "Chi đoàn Đông" } });
  otherOfficial = await user(b.id, "b-official", "Cán bộ B", "official");
  otherVolunteer = await user(b.id, "b-volunteer", "Bùi Minh Khoa", "volunteer", bBranch.id);
  const bh = await db.household.create({
    data: {
      communeId: b.id,
      villageId: bVillage.id,
      headName: "Nguyễn Văn An",
      address: "Số 9",
      lastVisitOn: d("2026-03-11"),
      members: { create: [{ communeId: b.id, fullName: "Nguyễn Văn An", birthYear: 1970, gender: "male", isHead: true }] },
    },
    include: { members: true },
  });
  await db.digitalFamily.create({
    data: { communeId: b.id, householdId: bh.id, status: "smart", branchId: bBranch.id, enrolledOn: d("2026-01-01") },
  });
  for (const [i, on] of ["2026-03-05", "2026-03-11"].entries()) {
    const v = await db.visit.create({
      data: {
        communeId: b.id,
        householdId: bh.id,
        volunteerId: otherVolunteer.id,
        visitedOn: d(on),
        outcome: "done",
        idempotencyKey: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
      },
    });
    if (i === 0) {
      for (const k of Object.keys(skB)) {
        await db.memberSkill.create({
          data: { communeId: b.id, memberId: bh.members[0].id, skillId: skB[k], visitId: v.id, acquiredOn: d(on) },
        });
        await db.visitItem.create({ data: { communeId: b.id, visitId: v.id, skillId: skB[k], memberId: bh.members[0].id } });
      }
    }
  }
});
afterAll(() => t?.drop());

const as = (role: Role, communeId: number | null = official.communeId, id = official.id): CurrentUser => ({
  ...official,
  id,
  role,
  communeId,
});

describe("period", () => {
  it("defaults to this month in Vietnam and keeps a valid range", () => {
    expect(MARCH).toEqual({ from: d("2026-03-01"), to: d("2026-03-31") });
    // 31 March, 18:00 UTC is already 1 April in Vietnam.
    expect(thisMonth(new Date("2026-03-31T18:00:00Z"))).toEqual({ from: d("2026-04-01"), to: d("2026-04-30") });
    expect(parseDateRange({ from: "2026-02-20", to: "2026-03-09" }, NOW)).toEqual({ from: d("2026-02-20"), to: d("2026-03-09") });
    for (const bad of [
      {},
      { from: "2026-03-09", to: "2026-02-20" },
      { from: "2026-02-30", to: "2026-03-09" },
      { from: "x", to: "2026-03-09" },
      { from: "2020-01-01", to: "2026-03-09" },
      { from: ["2026-01-01"], to: "2026-03-09" },
    ]) {
      expect(parseDateRange(bad, NOW)).toEqual(MARCH);
    }
  });
});

describe("villages", () => {
  it("gives every column's exact value, this month", async () => {
    const table = await listVillageStats(official, { period: MARCH }, NOW);
    expect(table.skillsTracked).toBe(6);
    expect(table.vneidTracked).toBe(true);
    expect(table.rows).toEqual([
      {
        id: ids.east,
        name: "Thôn Đông",
        households: 3,
        // H1 met; H2 only "not home" (a visit, not a reach); H3 never visited.
        reached: 1,
        reach: 1 / 3,
        adults: 4,
        vneid: 2,
        vneidShare: 0.5,
        allSkills: 1,
        allSkillsShare: 0.25,
        enrolled: 2,
        certified: 1,
        visits: 3,
        lastVisitOn: d("2026-03-12"),
      },
      {
        id: ids.west,
        name: "Thôn Tây",
        households: 2,
        reached: 1,
        reach: 0.5,
        adults: 1,
        vneid: 1,
        vneidShare: 1,
        allSkills: 0,
        allSkillsShare: 0,
        enrolled: 2,
        certified: 1,
        visits: 0,
        lastVisitOn: d("2026-01-13"),
      },
      {
        id: ids.empty,
        name: "Thôn Trống",
        households: 0,
        reached: 0,
        reach: null,
        adults: 0,
        vneid: 0,
        vneidShare: null,
        allSkills: 0,
        allSkillsShare: null,
        enrolled: 0,
        certified: 0,
        visits: 0,
        lastVisitOn: null,
      },
    ]);
  });

  it("counts visits in the period, both ends included", async () => {
    const table = await listVillageStats(official, { period: { from: d("2026-02-20"), to: d("2026-03-09") } }, NOW);
    expect(table.rows.map((r) => [r.name, r.visits])).toEqual([
      ["Thôn Đông", 2],
      ["Thôn Tây", 0],
      ["Thôn Trống", 0],
    ]);
  });

  it("counts a household reached by the period's last day, as the indicator does", async () => {
    // Before H4's visit of 13 January nobody in the commune was reached; by 31 January H4 was.
    const before = await listVillageStats(official, { period: { from: d("2026-01-01"), to: d("2026-01-12") } }, NOW);
    expect(before.rows.map((r) => r.reached)).toEqual([0, 0, 0]);
    const jan = await listVillageStats(official, { period: { from: d("2026-01-01"), to: d("2026-01-31") } }, NOW);
    expect(jan.rows.map((r) => [r.name, r.reached])).toEqual([
      ["Thôn Đông", 0],
      ["Thôn Tây", 1],
      ["Thôn Trống", 0],
    ]);
  });

  it("sorts by a whitelisted column, either way", async () => {
    const byHouseholds = await listVillageStats(official, { period: MARCH, sort: "households", dir: "desc" }, NOW);
    expect(byHouseholds.rows.map((r) => r.households)).toEqual([3, 2, 0]);
    const byReach = await listVillageStats(official, { period: MARCH, sort: "reach", dir: "asc" }, NOW);
    expect(byReach.rows.map((r) => r.name)).toEqual(["Thôn Trống", "Thôn Đông", "Thôn Tây"]);
    const byLast = await listVillageStats(official, { period: MARCH, sort: "lastVisit", dir: "desc" }, NOW);
    expect(byLast.rows.map((r) => r.name)).toEqual(["Thôn Đông", "Thôn Tây", "Thôn Trống"]);
  });

  it("the admin sees the same; another commune sees its own only", async () => {
    expect(await listVillageStats(admin, { period: MARCH }, NOW)).toEqual(
      await listVillageStats(official, { period: MARCH }, NOW),
    );
    const b = await listVillageStats(otherOfficial, { period: MARCH }, NOW);
    expect(b.rows).toMatchObject([
      { id: ids.bVillage, households: 1, reached: 1, adults: 1, vneid: 1, allSkills: 1, enrolled: 1, certified: 1, visits: 2 },
    ]);
  });
});

describe("a village's households", () => {
  it("lists each household with its exact figures", async () => {
    const page = await listVillageHouseholds(official, ids.east, { period: MARCH });
    expect(page).toMatchObject({ village: { id: ids.east, name: "Thôn Đông" }, total: 3, page: 1, pages: 1 });
    expect(page!.rows).toEqual([
      {
        id: ids.h3,
        headName: "Lê Văn Cường",
        address: "Số 1, Lê Văn Cường",
        villageName: "Thôn Đông",
        members: 1,
        familyStatus: null,
        visits: 0,
        lastVisitOn: null,
      },
      {
        id: ids.h1,
        headName: "Nguyễn Văn An",
        address: "Số 1, Nguyễn Văn An",
        villageName: "Thôn Đông",
        members: 3,
        familyStatus: "digital",
        visits: 3,
        lastVisitOn: d("2026-03-12"),
      },
      {
        id: ids.h2,
        headName: "Trần Thị Bình",
        address: "Số 1, Trần Thị Bình",
        villageName: "Thôn Đông",
        members: 1,
        familyStatus: "enrolled",
        visits: 0,
        lastVisitOn: d("2026-01-15"),
      },
    ]);
    // The households' visits add up to the village's.
    const village = (await listVillageStats(official, { period: MARCH }, NOW)).rows.find((r) => r.id === ids.east)!;
    expect(page!.rows.reduce((n, r) => n + r.visits, 0)).toBe(village.visits);
  });

  it("pages and sorts; a page past the end shows the last one", async () => {
    const p2 = await listVillageHouseholds(official, ids.east, { period: MARCH, paging: { page: 2, size: 2 } });
    expect(p2).toMatchObject({ total: 3, page: 2, pages: 2 });
    expect(p2!.rows.map((r) => r.headName)).toEqual(["Trần Thị Bình"]);
    const past = await listVillageHouseholds(official, ids.east, { period: MARCH, paging: { page: 99, size: 2 } });
    expect(past).toMatchObject({ page: 2, pages: 2 });
    const byMembers = await listVillageHouseholds(official, ids.east, { period: MARCH, sort: "members", dir: "desc" });
    expect(byMembers!.rows.map((r) => r.members)).toEqual([3, 1, 1]);
    const byStatus = await listVillageHouseholds(official, ids.east, { period: MARCH, sort: "status", dir: "desc" });
    expect(byStatus!.rows.map((r) => r.familyStatus)).toEqual(["digital", "enrolled", null]);
    const empty = await listVillageHouseholds(official, ids.empty, { period: MARCH });
    expect(empty).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 });
  });

  it("another commune's village, or a guessed id, is not found", async () => {
    expect(await listVillageHouseholds(official, ids.bVillage, { period: MARCH })).toBeNull();
    expect(await listVillageHouseholds(otherOfficial, ids.east, { period: MARCH })).toBeNull();
    for (const guess of [0, -1, 999_999, Number.NaN, 2 ** 40]) {
      expect(await listVillageHouseholds(official, guess, { period: MARCH })).toBeNull();
    }
  });
});

describe("households not visited", () => {
  it("lists the never visited and those last visited more than 60 days ago (61 yes, 59 no)", async () => {
    expect(staleBefore(NOW)).toEqual(d("2026-01-14"));
    const page = await listUnvisitedHouseholds(official, { period: MARCH }, NOW);
    expect(page).toMatchObject({ total: 3, village: null, staleBefore: d("2026-01-14") });
    expect(page!.rows.map((r) => [r.headName, r.villageName, r.members, r.familyStatus, r.lastVisitOn])).toEqual([
      ["Hoàng Thị Em", "Thôn Tây", 1, "enrolled", null],
      ["Lê Văn Cường", "Thôn Đông", 1, null, null],
      ["Phạm Văn Dũng", "Thôn Tây", 1, "smart", d("2026-01-13")],
    ]);
    const west = await listUnvisitedHouseholds(official, { period: MARCH, village: ids.west }, NOW);
    expect(west).toMatchObject({ total: 2, village: { id: ids.west, name: "Thôn Tây" } });
    const byHead = await listUnvisitedHouseholds(official, { period: MARCH, sort: "head", dir: "desc" }, NOW);
    expect(byHead!.rows.map((r) => r.headName)).toEqual(["Phạm Văn Dũng", "Lê Văn Cường", "Hoàng Thị Em"]);
  });

  it("a day later, the household last visited 59 days ago is still not listed; at 61 days it is", async () => {
    const later = await listUnvisitedHouseholds(official, { period: MARCH }, new Date("2026-03-16T05:00:00Z"));
    expect(later!.total).toBe(3);
    const evenLater = await listUnvisitedHouseholds(official, { period: MARCH }, new Date("2026-03-17T05:00:00Z"));
    expect(evenLater!.rows.map((r) => r.headName)).toContain("Trần Thị Bình");
  });

  it("another commune's village as the filter is not found", async () => {
    expect(await listUnvisitedHouseholds(official, { period: MARCH, village: ids.bVillage }, NOW)).toBeNull();
    expect((await listUnvisitedHouseholds(otherOfficial, { period: MARCH }, NOW))!.total).toBe(0);
  });
});

describe("branches", () => {
  it("gives each branch against its target, met or not", async () => {
    const { rows } = await listBranchStats(official, { period: MARCH });
    expect(rows).toEqual([
      {
        id: ids.bEast,
        name: "Chi đoàn Đông",
        villageName: "Thôn Đông",
        target: 5,
        adopted: 2,
        certified: 1,
        met: false,
        volunteers: 2,
        visits: 3,
      },
      {
        id: ids.bWest,
        name: "Chi đoàn Tây",
        villageName: null,
        target: 1,
        adopted: 1,
        certified: 1,
        met: true,
        volunteers: 0,
        visits: 0,
      },
    ]);
    const feb = await listBranchStats(official, { period: { from: d("2026-02-01"), to: d("2026-02-28") } });
    expect(feb.rows.map((r) => r.visits)).toEqual([1, 0]);
    const byMet = await listBranchStats(official, { period: MARCH, sort: "met", dir: "desc" });
    expect(byMet.rows.map((r) => r.name)).toEqual(["Chi đoàn Tây", "Chi đoàn Đông"]);
  });
});

describe("the branch leader's home", () => {
  it("gives the branch's families by status, progress and each volunteer's month", async () => {
    const o = await getMyBranchOverview(leader, NOW);
    expect(o).toMatchObject({
      adopted: 2,
      certified: 1,
      targetMet: false,
      byStatus: { enrolled: 1, in_progress: 0, digital: 1, smart: 0 },
      month: MARCH,
      branch: { id: ids.bEast, targetFamilies: 5 },
    });
    expect(o!.volunteers).toEqual([
      {
        id: volunteer.id,
        name: "Bùi Minh Khoa",
        isLeader: false,
        assigned: 1,
        visits: 2,
        households: 1,
        lastVisitOn: d("2026-03-12"),
      },
      { id: leader.id, name: "Đặng Thu Hà", isLeader: true, assigned: 0, visits: 1, households: 1, lastVisitOn: d("2026-03-02") },
    ]);
    expect((await listMyBranchVolunteers(leader, NOW))!.rows).toEqual(o!.volunteers);
  });
});

describe("the volunteer's home", () => {
  it("gives their visits, households helped and the skills their visits activated this month", async () => {
    expect(await getMyVolunteerMonth(volunteer, NOW)).toEqual({
      month: MARCH,
      visits: 2,
      households: 1,
      skillsActivated: 7,
      bySkill: [
        { key: "vneid_l2", nameVi: "Định danh điện tử VNeID mức 2", nameEn: "VNeID level-2 e-ID", count: 2 },
        {
          key: "smart_hp",
          nameVi: "Cài và đăng nhập Smart Hải Phòng",
          nameEn: "Smart Hải Phòng installed and signed in",
          count: 1,
        },
        {
          key: "online_service",
          nameVi: "Đã nộp hồ sơ dịch vụ công trực tuyến",
          nameEn: "Filed an online public-service application",
          count: 1,
        },
        { key: "cashless", nameVi: "Thanh toán không dùng tiền mặt", nameEn: "Pays cashless", count: 1 },
        { key: "safety_briefing", nameVi: "Được phổ biến an toàn trên mạng", nameEn: "Had the online-safety briefing", count: 1 },
        { key: "ai_basics", nameVi: "Sử dụng AI cơ bản", nameEn: "Basic AI use", count: 1 },
      ],
      lastVisitOn: d("2026-03-12"),
    });
    expect(await getMyVolunteerMonth(leader, NOW)).toMatchObject({ visits: 1, households: 1, skillsActivated: 0, bySkill: [] });
    // February: the wife's VNeID (X2) is the volunteer's only activation.
    expect(await getMyVolunteerMonth(volunteer, new Date("2026-02-10T05:00:00Z"))).toMatchObject({
      visits: 1,
      households: 1,
      skillsActivated: 1,
    });
    // The same name in another commune has their own figures.
    expect(await getMyVolunteerMonth(otherVolunteer, NOW)).toMatchObject({ visits: 2, households: 1, skillsActivated: 6 });
  });

  it("an empty month is zeros, not an error", async () => {
    expect(await getMyVolunteerMonth(volunteer, new Date("2025-12-10T05:00:00Z"))).toMatchObject({
      visits: 0,
      households: 0,
      skillsActivated: 0,
      bySkill: [],
      lastVisitOn: d("2026-03-12"),
    });
  });
});

describe("access", () => {
  const ALL: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin", "city"];
  const cases: { name: string; allowed: Role[]; call: (u: CurrentUser) => Promise<unknown> }[] = [
    { name: "listVillageStats", allowed: ["official", "admin"], call: (u) => listVillageStats(u, { period: MARCH }, NOW) },
    {
      name: "listVillageHouseholds",
      allowed: ["official", "admin"],
      call: (u) => listVillageHouseholds(u, ids.east, { period: MARCH }),
    },
    {
      name: "listUnvisitedHouseholds",
      allowed: ["official", "admin"],
      call: (u) => listUnvisitedHouseholds(u, { period: MARCH }),
    },
    { name: "listBranchStats", allowed: ["official", "admin"], call: (u) => listBranchStats(u, { period: MARCH }) },
    { name: "getMyBranchOverview", allowed: ["branch_leader"], call: (u) => getMyBranchOverview(u, NOW) },
    { name: "listMyBranchVolunteers", allowed: ["branch_leader"], call: (u) => listMyBranchVolunteers(u, NOW) },
    { name: "getMyVolunteerMonth", allowed: ["volunteer", "branch_leader"], call: (u) => getMyVolunteerMonth(u, NOW) },
  ];
  for (const c of cases) {
    it(`${c.name} refuses every other role, and a commune role without a commune`, async () => {
      for (const role of ALL.filter((r) => !c.allowed.includes(r))) {
        expect(await refused(c.call(as(role, role === "city" ? null : official.communeId))), role).toBe(true);
      }
      expect(await refused(c.call(as(c.allowed[0], null)))).toBe(true);
    });
  }

  it("every export refuses the roles its screen refuses", async () => {
    // The drill-downs' tables; the others are checked in lib/drilldown/exports.test.ts.
    const drilldowns = ["villages", "village-households", "branches", "unvisited", "branch-volunteers"] as const;
    expect(EXPORT_TABLES).toEqual(expect.arrayContaining([...drilldowns]));
    for (const name of drilldowns) {
      const allowed: Role[] = name === "branch-volunteers" ? ["branch_leader"] : ["official", "admin"];
      for (const role of ALL.filter((r) => !allowed.includes(r))) {
        const p = buildDrilldownExport(as(role), name, new URLSearchParams(`village=${ids.east}`), labels, NOW);
        expect(await refused(p), `${name} ${role}`).toBe(true);
      }
    }
  });
});

describe("exports", () => {
  it("the villages file holds the screen's numbers, with Vietnamese headers (CSV with BOM, XLSX)", async () => {
    const screen = await listVillageStats(official, { period: MARCH }, NOW);
    const built = await buildDrilldownExport(
      official,
      "villages",
      new URLSearchParams("from=2026-03-01&to=2026-03-31"),
      labels,
      NOW,
    );
    expect(built!.fileBase).toBe("thon-2026-03-01_2026-03-31");
    const csv = toCsv(built!.table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Thôn,Số hộ,Hộ đã được hỗ trợ,Độ phủ,Người từ 18 tuổi,Có VNeID mức 2,Tỷ lệ VNeID mức 2,Đủ mọi kỹ năng số," +
        "Tỷ lệ đủ mọi kỹ năng,Gia đình số tham gia,Gia đình số đạt chuẩn,Lượt hỗ trợ trong kỳ,Lần hỗ trợ gần nhất",
    );
    expect(lines.slice(1)).toEqual([
      "Thôn Đông,3,1,33%,4,2,50%,1,25%,2,1,3,12/03/2026",
      "Thôn Tây,2,1,50%,1,1,100%,0,0%,2,1,0,13/01/2026",
      "Thôn Trống,0,0,,0,0,,0,,0,0,0,",
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(built!.table)) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("Theo thôn");
    expect(ws.getRow(1).getCell(1).value).toBe("Thôn");
    expect(ws.rowCount).toBe(screen.rows.length + 1);
    screen.rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.name);
      expect(row.getCell(2).value).toBe(r.households);
      expect(row.getCell(4).value).toBe(r.reach);
      expect(row.getCell(12).value).toBe(r.visits);
      expect(row.getCell(13).value ?? null).toEqual(r.lastVisitOn);
    });
    // Aggregates only: no audit entry.
    expect(await t.db.auditLog.count({ where: { actorId: official.id, action: "export" } })).toBe(0);
  });

  it("exports of households name people, so each is written to the audit log", async () => {
    const built = await buildDrilldownExport(
      official,
      "village-households",
      new URLSearchParams(`village=${ids.east}`),
      labels,
      NOW,
    );
    expect(built!.table.rows.map((r) => [r.headName, r.members, r.familyStatus, r.visits])).toEqual([
      ["Lê Văn Cường", 1, "Chưa tham gia", 0],
      ["Nguyễn Văn An", 3, "Gia đình số", 3],
      ["Trần Thị Bình", 1, "Mới tham gia", 0],
    ]);
    const unvisited = await buildDrilldownExport(official, "unvisited", new URLSearchParams(""), labels, NOW);
    expect(unvisited!.table.rows.map((r) => [r.headName, r.daysSince])).toEqual([
      ["Hoàng Thị Em", "Chưa đến lần nào"],
      ["Lê Văn Cường", "Chưa đến lần nào"],
      ["Phạm Văn Dũng", 61],
    ]);
    const logs = await t.db.auditLog.findMany({ where: { actorId: official.id, action: "export" }, orderBy: { id: "asc" } });
    expect(logs.map((l) => [l.entity, l.details])).toEqual([
      ["household", { table: "village-households", village: ids.east, rows: 3 }],
      ["household", { table: "unvisited", village: null, rows: 3 }],
    ]);
  });

  it("another commune's village gives no file", async () => {
    for (const q of [`village=${ids.bVillage}`, "village=999999", "village=abc", ""]) {
      expect(await buildDrilldownExport(official, "village-households", new URLSearchParams(q), labels, NOW)).toBeNull();
    }
    expect(
      await buildDrilldownExport(official, "unvisited", new URLSearchParams(`village=${ids.bVillage}`), labels, NOW),
    ).toBeNull();
  });

  it("branches and the branch's volunteers export the screen's figures", async () => {
    const branches = await buildDrilldownExport(official, "branches", new URLSearchParams(""), labels, NOW);
    expect(toCsv(branches!.table).slice(1).trimEnd().split("\r\n")).toEqual([
      "Chi đoàn,Địa bàn,Chỉ tiêu,Đã nhận,Gia đình số đạt chuẩn,Đạt chỉ tiêu,Đoàn viên,Lượt hỗ trợ trong kỳ",
      "Chi đoàn Đông,Thôn Đông,5,2,1,Chưa đạt,2,3",
      "Chi đoàn Tây,Toàn xã,1,1,1,Đạt,0,0",
    ]);
    const vols = await buildDrilldownExport(leader, "branch-volunteers", new URLSearchParams(""), labels, NOW);
    expect(vols!.fileBase).toBe(`doan-vien-chi-doan-${ids.bEast}-2026-03`);
    expect(toCsv(vols!.table).slice(1).trimEnd().split("\r\n")).toEqual([
      "Họ tên,Bí thư,Hộ đang giao,Lượt hỗ trợ tháng này,Hộ được giúp tháng này,Lần hỗ trợ gần nhất",
      "Bùi Minh Khoa,Không,1,2,1,12/03/2026",
      "Đặng Thu Hà,Có,0,1,1,02/03/2026",
    ]);
    expect(await t.db.auditLog.count({ where: { actorId: leader.id, action: "export", entity: "volunteer" } })).toBe(1);
  });

  it("a cell that would run as a formula is neutralised", () => {
    const csv = toCsv({
      sheet: "x",
      columns: [{ key: "a", header: "A" }],
      rows: [{ a: "=HYPERLINK(1)" }, { a: 'say "hi", ok' }],
    });
    expect(csv).toBe('\uFEFFA\r\n"\'=HYPERLINK(1)"\r\n"say ""hi"", ok"\r\n');
  });
});
