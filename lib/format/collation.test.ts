// One Vietnamese order for every list of names: the database's name columns (ICU "vi", set by the
// migration vietnamese_collation) and JavaScript's compareVietnamese agree, and the lib functions
// behind the sign-up form, the admin's pages, the drill-downs and the user lists return it.
// docs/decisions/0021-vietnamese-collation.md
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { listMyBranchVolunteers } from "@/lib/branches/queries";
import { listVillageAliases } from "@/lib/communes/village-aliases";
import { parseDateRange } from "@/lib/drilldown/period";
import { listBranchStats, listDrilldownVillages, listUnvisitedHouseholds, listVillageStats } from "@/lib/drilldown/queries";
import { compareVietnamese } from "@/lib/format/names";
import { searchHouseholds } from "@/lib/households/search";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { currentUserOf } from "@/lib/testing/users";
import { getScheduleChoices } from "@/lib/training/schedule";
import { getAdminOverview } from "@/lib/users/admin";
import { listUsers } from "@/lib/users/manage";

// Vietnamese alphabetical order, written out: a ă â b c d đ e ê … o ô ơ … u ư v. By code point
// (the database's default collation, C.UTF-8) "Đ", "Ơ", "Ư" and "Ẳ" come after "V", "Ê" and "Ô"
// before "Ă"; by unaccented letters "Đông" falls between "Dân" and "Dương".
const ORDERED = [
  "An Lão",
  "Ẳng Nưa",
  "Ân Thi",
  "Bình Lãng",
  "Dương Kinh",
  "Đông Hải",
  "Ê Đê",
  "Ô Mễ",
  "Ơn Thượng",
  "Uy Nỗ",
  "Ưng Hoà",
  "Văn Xá",
];
// Created in another order, so that neither insertion order nor id order can pass for it.
const CREATED = [6, 11, 0, 9, 3, 7, 1, 10, 4, 8, 2, 5].map((i) => ORDERED[i]!);

// Every column holding a person's or a place's name, with the collation the migration gave it.
const NAME_COLUMNS = [
  "app_user.name",
  "attendance.full_name",
  "commune.name",
  "household.head_name",
  "member.full_name",
  "registration.full_name",
  "village.name",
  "youth_branch.name",
];

let t: TestDatabase;
let communeId: number;
let admin: CurrentUser;
let official: CurrentUser;
let leader: CurrentUser;
const period = parseDateRange({});

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: "vi-order", name: "Xã Thứ Tự", province: "Hải Phòng" } })).id;
  const villages: number[] = [];
  for (const [i, name] of CREATED.entries())
    villages.push((await t.db.village.create({ data: { communeId, name, code: `v${i}` } })).id);
  const branches: number[] = [];
  for (const name of CREATED) branches.push((await t.db.youthBranch.create({ data: { communeId, name } })).id);
  // Each village's household is headed by another name, so the head order is not the village order.
  for (const [i, villageId] of villages.entries()) {
    const headName = CREATED[(i + 5) % CREATED.length]!;
    const h = await t.db.household.create({ data: { communeId, villageId, headName, address: `Số ${i}` } });
    await t.db.member.create({
      data: { communeId, householdId: h.id, fullName: headName, birthYear: 1980, gender: "female", isHead: true },
    });
  }
  // Users: the first an admin, the second an official, the rest the first branch's volunteers and leader.
  const users: CurrentUser[] = [];
  for (const [i, name] of CREATED.entries()) {
    const role = i === 0 ? "admin" : i === 1 ? "official" : i === 2 ? "branch_leader" : "volunteer";
    const u = await t.db.user.create({ data: { communeId, username: `u${i}`, name, role, passwordHash: "x" } });
    if (i >= 2)
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId, branchId: branches[0]!, isLeader: i === 2, joinedOn: new Date("2026-01-01") },
      });
    users.push(currentUserOf(u));
  }
  [admin, official, leader] = users as [CurrentUser, CurrentUser, CurrentUser];
});
afterAll(() => t?.drop());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const heads = (rows: { headName: string }[]) => rows.map((r) => r.headName);

describe("Vietnamese order", () => {
  it("is JavaScript's compareVietnamese, with Node's full Vietnamese collation data", () => {
    expect(new Intl.Collator("vi").resolvedOptions().locale).toBe("vi");
    expect([...CREATED].sort(compareVietnamese)).toEqual(ORDERED);
    expect(compareVietnamese("Dương", "Đông")).toBeLessThan(0);
    expect(compareVietnamese("Đông Hải", "Văn Xá")).toBeLessThan(0);
  });

  it("is the order of every name column in the database, which is set to ICU's vi collation", async () => {
    const rows = await t.db.$queryRaw<{ col: string }[]>`
      SELECT table_name || '.' || column_name AS col FROM information_schema.columns
      WHERE table_schema = 'public' AND collation_name = 'vi-x-icu' ORDER BY 1`;
    expect(rows.map((r) => r.col)).toEqual(NAME_COLUMNS);
    // Code points disagree (so the checks below mean something); the column needs no COLLATE.
    const byCodePoint = await t.db.$queryRaw<{ name: string }[]>`
      SELECT name FROM village WHERE commune_id = ${communeId} ORDER BY name COLLATE "C"`;
    expect(names(byCodePoint)).not.toEqual(ORDERED);
    const byColumn = await t.db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM village WHERE commune_id = ${communeId} ORDER BY name`;
    expect(names(byColumn)).toEqual(ORDERED);
  });

  it("orders the sign-up form's villages (/schedule)", async () => {
    expect(names((await getScheduleChoices(communeId)).villages)).toEqual(ORDERED);
  });

  it("orders the admin's villages and branches (/admin, /admin/villages)", async () => {
    const overview = await getAdminOverview(admin);
    expect(names(overview.villages)).toEqual(ORDERED);
    expect(names(overview.branches)).toEqual(ORDERED);
    expect(names(await listVillageAliases(admin))).toEqual(ORDERED);
  });

  it("orders the drill-downs by name, both ways", async () => {
    expect(names((await listVillageStats(official, { period })).rows)).toEqual(ORDERED);
    expect(names((await listVillageStats(official, { period, dir: "desc" })).rows)).toEqual([...ORDERED].reverse());
    expect(names(await listDrilldownVillages(official))).toEqual(ORDERED);
    expect(names((await listBranchStats(official, { period })).rows)).toEqual(ORDERED);
    const unvisited = await listUnvisitedHouseholds(official, { period, sort: "head" });
    expect(heads(unvisited!.rows)).toEqual(ORDERED);
    const byVillage = await listUnvisitedHouseholds(official, { period, sort: "village" });
    expect(byVillage!.rows.map((r) => r.villageName)).toEqual(ORDERED);
  });

  it("orders the household registry by head and by village", async () => {
    expect(heads((await searchHouseholds(official, { sort: "head", size: 100 })).rows)).toEqual(ORDERED);
    const byVillage = await searchHouseholds(official, { sort: "village", size: 100 });
    expect(byVillage.rows.map((r) => r.villageName)).toEqual(ORDERED);
  });

  it("orders the user lists (/admin/users, the branch's volunteers)", async () => {
    expect(names((await listUsers(admin, {})).rows)).toEqual(ORDERED);
    const volunteers = names((await listMyBranchVolunteers(leader))!.rows);
    expect(volunteers).toEqual(ORDERED.filter((n) => volunteers.includes(n)));
    expect(volunteers).toHaveLength(CREATED.length - 2);
  });
});
