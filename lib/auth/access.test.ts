import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { getMyBranchOverview } from "@/lib/branches/queries";
import { getContestRanking } from "@/lib/city/queries";
import { makePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { todayInVietnam } from "@/lib/format/dates";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";
import { getMyResidentOverview } from "@/lib/residents/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { getAdminOverview } from "@/lib/users/admin";
import { refused } from "@/lib/testing/refusals";

// Deny by default: every lib function refuses the roles DESIGN.md does not give it, on the
// server, whatever page or action calls it. next/navigation's forbidden() throws a 403 marker.
const as = (role: Role, communeId: number | null = 1, id = 1): CurrentUser => ({
  id,
  name: role,
  role,
  communeId,
  memberId: null,
  username: role,
  phone: null,
});

const ALL: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin", "city"];

const TODAY = todayInVietnam();
const THIS_MONTH = makePeriod(new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth(), 1)), TODAY, TODAY);
const officialHome = (u: CurrentUser) => getOfficialDashboard(u, THIS_MONTH);

const FUNCTIONS: { name: string; allowed: Role[]; call: (u: CurrentUser) => Promise<unknown> }[] = [
  { name: "getOfficialDashboard", allowed: ["official", "admin"], call: officialHome },
  { name: "getAdminOverview", allowed: ["admin"], call: getAdminOverview },
  { name: "getMyBranchOverview", allowed: ["branch_leader"], call: getMyBranchOverview },
  { name: "listMyAssignedHouseholds", allowed: ["volunteer", "branch_leader"], call: (u) => listMyAssignedHouseholds(u) },
  { name: "getMyResidentOverview", allowed: ["resident"], call: getMyResidentOverview },
  { name: "getContestRanking", allowed: ["city"], call: getContestRanking },
];

describe("access to commune data", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const mk = async (code: string, households: number) => {
      const c = await t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
      const v = await t.db.village.create({ data: { communeId: c.id, name: "Thôn 1", code: "t1" } });
      for (let i = 0; i < households; i++) {
        await t.db.household.create({
          data: {
            communeId: c.id,
            villageId: v.id,
            headName: `Chủ hộ ${i}`,
            address: `Số ${i}`,
            members: { create: { communeId: c.id, fullName: `Chủ hộ ${i}`, birthYear: 1980, gender: "male", isHead: true } },
          },
        });
      }
      return c.id;
    };
    a = await mk("a", 3);
    b = await mk("b", 5);
  });
  afterAll(() => t.drop());

  for (const fn of FUNCTIONS) {
    for (const role of ALL.filter((r) => !fn.allowed.includes(r))) {
      it(`${fn.name} refuses the ${role} role`, async () => {
        expect(await refused(fn.call(as(role, role === "city" ? null : a)))).toBe(true);
      });
    }
  }

  it("a commune role without a commune is refused (no cross-commune reads by a missing id)", async () => {
    expect(await refused(officialHome(as("official", null)))).toBe(true);
  });

  it("an official sees only their own commune's figures", async () => {
    expect((await officialHome(as("official", a))).population.households).toBe(3);
    expect((await officialHome(as("official", b))).population.households).toBe(5);
    expect((await officialHome(as("official", a))).population.members).toBe(3);
  });
});
