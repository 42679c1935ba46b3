import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { createFormatter, createTranslator } from "next-intl";
import {
  getCityComparison,
  getCommuneComparison,
  parseComparisonSort,
  type CommuneComparison,
  forgetCityRanks,
} from "@/lib/city/queries";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { TIME_ZONE } from "@/lib/i18n/config";
import viCore from "@/messages/vi/core.json";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { dayOf } from "@/lib/indicators/period";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";

// Three communes built by hand, every expected figure worked out from them below:
// A has households, adults and skills; B has households of children only (no adults: its VNeID
// rate has no data); C is empty. TODAY is fixed; adults are those born in 2008 or before.
const TODAY = dayOf("2026-05-20");

const as = (role: Role): CurrentUser => ({
  id: 1,
  name: role,
  role,
  communeId: role === "city" ? null : 1,
  memberId: null,
  username: null,
  phone: null,
});

describe("the city's comparison of communes", () => {
  let t: TestDatabase;
  const ids: Record<"A" | "B" | "C", number> = { A: 0, B: 0, C: 0 };

  // Each test changes the figures: count the city again rather than serve the cached table.
  beforeEach(() => forgetCityRanks());
  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    const commune = async (code: "A" | "B" | "C") => {
      const c = await db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
      await ensureCommuneDefaults(db, c.id);
      ids[code] = c.id;
      return c.id;
    };
    const [A, B] = [await commune("A"), await commune("B")];
    await commune("C");

    const setup = async (communeId: number) => {
      const village = await db.village.create({ data: { communeId, name: "Thôn 1", code: "t1" } });
      const vol = await db.user.create({
        data: { communeId, username: `vol-${communeId}`, name: "Đoàn viên", role: "volunteer", passwordHash: "x" },
      });
      const vneid = (await db.skill.findUniqueOrThrow({ where: { communeId_key: { communeId, key: "vneid_l2" } } })).id;
      const household = async (births: number[]) => {
        const h = await db.household.create({ data: { communeId, villageId: village.id, headName: "Hộ", address: "Số 1" } });
        const members: number[] = [];
        for (const [i, birthYear] of births.entries())
          members.push(
            (
              await db.member.create({
                data: { communeId, householdId: h.id, fullName: `Người ${i}`, birthYear, gender: "male", isHead: i === 0 },
              })
            ).id,
          );
        return { id: h.id, members };
      };
      const visit = (householdId: number, on: string) =>
        db.visit.create({
          data: {
            communeId,
            householdId,
            volunteerId: vol.id,
            visitedOn: dayOf(on),
            outcome: "done",
            idempotencyKey: randomUUID(),
          },
        });
      const skill = (memberId: number, on: string) =>
        db.memberSkill.create({ data: { communeId, memberId, skillId: vneid, acquiredOn: dayOf(on) } });
      const family = (householdId: number, digitalOn: string | null) =>
        db.digitalFamily.create({
          data: {
            communeId,
            householdId,
            status: digitalOn ? "digital" : "enrolled",
            enrolledOn: dayOf("2026-01-01"),
            digitalOn: digitalOn ? dayOf(digitalOn) : null,
          },
        });
      return { household, visit, skill, family };
    };

    // A: 3 households, 3 adults (a child born 2010 is not one), 1 adult with VNeID level 2 by today.
    const a = await setup(A);
    const a1 = await a.household([1980, 2010]);
    const a2 = await a.household([1990]);
    const a3 = await a.household([1960]);
    void a3;
    await a.skill(a1.members[0], "2026-04-01");
    await a.skill(a1.members[1], "2026-04-01"); // a child: not counted
    await a.skill(a2.members[0], "2026-06-01"); // after today: not counted
    await a.visit(a1.id, "2026-05-20"); // today: recent
    await a.visit(a1.id, "2026-04-20"); // 30 days ago: reached, not recent
    await a.visit(a2.id, "2026-04-21"); // 29 days ago: recent
    await a.visit(a3.id, "2026-05-21"); // tomorrow: not counted at all
    await a.family(a1.id, "2026-05-01");
    await a.family(a2.id, null); // enrolled only

    // B: 2 households of children only, one visited, both certified.
    const b = await setup(B);
    const b1 = await b.household([2012]);
    const b2 = await b.household([2015]);
    await b.visit(b1.id, "2026-05-01");
    await b.family(b1.id, "2026-05-10");
    await b.family(b2.id, "2026-05-12");

    // Only the latest contest counts: C's participants in an older one do not.
    const old = await db.contest.create({
      data: { code: "old", name: "Cũ", startsOn: dayOf("2025-01-01"), endsOn: dayOf("2025-02-01") },
    });
    const latest = await db.contest.create({
      data: { code: "new", name: "Mới", startsOn: dayOf("2026-03-01"), endsOn: dayOf("2026-04-01") },
    });
    await db.contestResult.createMany({
      data: [
        { communeId: ids.C, contestId: old.id, participants: 999, visits: 1 },
        { communeId: A, contestId: latest.id, participants: 100, visits: 1 },
        { communeId: B, contestId: latest.id, participants: 300, visits: 1 },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  const byName = (rows: CommuneComparison[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

  it("counts each commune's indicators in SQL, rates null without a denominator", async () => {
    const rows = byName(await getCommuneComparison(as("city"), null, TODAY));
    expect(rows["Xã A"].values).toEqual({
      households: 3,
      reached: 2,
      reachRate: 2 / 3,
      adults: 3,
      vneidRate: 1 / 3,
      certified: 1,
      recentVisits: 2,
      participants: 100,
    });
    expect(rows["Xã A"].vneidAdults).toBe(1);
    expect(rows["Xã B"].values).toEqual({
      households: 2,
      reached: 1,
      reachRate: 1 / 2,
      adults: 0,
      vneidRate: null,
      certified: 2,
      recentVisits: 1,
      participants: 300,
    });
    // C has registered no household and sent no result to the latest contest: no data at all,
    // not "0" (its result in the older contest does not count).
    expect(rows["Xã C"].values).toEqual({
      households: null,
      reached: null,
      reachRate: null,
      adults: null,
      vneidRate: null,
      certified: null,
      recentVisits: null,
      participants: null,
    });
  });

  it("ranks every indicator highest first, ties sharing a rank; a commune without data is not ranked", async () => {
    const rows = byName(await getCommuneComparison(as("city"), null, TODAY));
    expect(rows["Xã A"].ranks).toEqual({
      households: 1,
      reached: 1,
      reachRate: 1,
      adults: 1,
      vneidRate: 1,
      certified: 2,
      recentVisits: 1,
      participants: 2,
    });
    expect(rows["Xã B"].ranks).toEqual({
      households: 2,
      reached: 2,
      reachRate: 2,
      adults: 2,
      vneidRate: null,
      certified: 1,
      recentVisits: 2,
      participants: 1,
    });
    expect(rows["Xã C"].ranks).toEqual({
      households: null,
      reached: null,
      reachRate: null,
      adults: null,
      vneidRate: null,
      certified: null,
      recentVisits: null,
      participants: null,
    });
  });

  it("says when the table was counted, and serves that table for up to a minute", async () => {
    const at = new Date("2026-05-20T03:07:00Z"); // 10:07 in Vietnam
    const first = await getCityComparison(as("city"), null, TODAY, at);
    expect(first.countedAt).toEqual(at);
    expect(first.communes.map((r) => r.name)).toEqual(["Xã B", "Xã A", "Xã C"]);
    // Within the minute, another request gets the same table and its time, not its own.
    const again = await getCityComparison(as("city"), "households", TODAY, new Date("2026-05-20T03:07:30Z"));
    expect(again.countedAt).toEqual(at);
    expect(again.communes.map((r) => r.name)).toEqual(["Xã A", "Xã B", "Xã C"]);
    // As the page writes it, in Vietnam's time (dd/MM/yyyy HH:mm).
    const format = createFormatter({ locale: "vi", timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });
    const vi = createTranslator({ locale: "vi", messages: viCore, namespace: "city.comparison" });
    expect(vi("asOf", { time: format.dateTime(first.countedAt, "stamp") })).toBe(
      "Số liệu tính lúc 10:07 20/05/2026; được tính lại trong nền, tối đa mỗi phút một lần.",
    );
  });

  it("sorts by the chosen indicator's rank, by contest participants by default, names breaking ties", async () => {
    const names = async (sort: string | null) =>
      (await getCommuneComparison(as("city"), parseComparisonSort(sort), TODAY)).map((r) => r.name);
    // Communes without a rank on the indicator come last, by name.
    expect(await names(null)).toEqual(["Xã B", "Xã A", "Xã C"]);
    expect(await names("certified")).toEqual(["Xã B", "Xã A", "Xã C"]);
    expect(await names("households")).toEqual(["Xã A", "Xã B", "Xã C"]);
    expect(await names("vneidRate")).toEqual(["Xã A", "Xã B", "Xã C"]);
    expect(parseComparisonSort("name; DROP TABLE commune")).toBeNull();
  });

  it("is refused to every role but the city's", async () => {
    for (const role of ROLES.filter((r) => r !== "city")) {
      expect(await refused(getCommuneComparison(as(role), null, TODAY)), role).toBe(true);
    }
  });
});
