// An official's own commune's rank among the city's communes (the card on /official): exact
// ranks on a known dataset, ties included, the same as the city's own table, and nothing of
// another commune but the count of communes.
import { randomUUID } from "node:crypto";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { getCommuneComparison, getMyCommuneRank, COMPARISON_KEYS, forgetCityRanks, CITY_RANKS_TTL_MS } from "@/lib/city/queries";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { refused, someone } from "@/lib/families/test-fixtures";
import viDashboard from "@/messages/vi/dashboard.json";
import { dayOf } from "@/lib/indicators/period";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const TODAY = dayOf("2026-05-20");

describe("getMyCommuneRank", () => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  const official = (code: string): CurrentUser => someone("official", ids[code]!);

  /** A commune with `households` households; `visited` of them visited on 2026-05-10. */
  async function commune(
    code: string,
    households: number,
    visited: number,
    adults: { total: number; vneid: number } = { total: 0, vneid: 0 },
  ) {
    const db = t.db;
    const c = await db.commune.create({ data: { code, name: `Phường ${code}`, province: "Hải Phòng" } });
    ids[code] = c.id;
    await ensureCommuneDefaults(db, c.id);
    const village = await db.village.create({ data: { communeId: c.id, name: "Thôn 1", code: "t1" } });
    const vol = await db.user.create({
      data: { communeId: c.id, username: `vol-${code}`, name: "Đoàn viên", role: "volunteer", passwordHash: "x" },
    });
    const vneid = (await db.skill.findUniqueOrThrow({ where: { communeId_key: { communeId: c.id, key: "vneid_l2" } } })).id;
    for (let i = 0; i < households; i++) {
      const h = await db.household.create({
        data: { communeId: c.id, villageId: village.id, headName: `Hộ ${code} ${i}`, address: "Số 1" },
      });
      if (i < visited) {
        await db.visit.create({
          data: {
            communeId: c.id,
            householdId: h.id,
            volunteerId: vol.id,
            visitedOn: dayOf("2026-05-10"),
            outcome: "done",
            idempotencyKey: randomUUID(),
          },
        });
      }
      if (i === 0) {
        for (let k = 0; k < adults.total; k++) {
          const m = await db.member.create({
            data: { communeId: c.id, householdId: h.id, fullName: `Người ${k}`, birthYear: 1980, gender: "male" },
          });
          if (k < adults.vneid) {
            await db.memberSkill.create({
              data: { communeId: c.id, memberId: m.id, skillId: vneid, acquiredOn: dayOf("2026-01-01") },
            });
          }
        }
      }
    }
  }

  // Each test changes the figures: count the city again rather than serve the cached table.
  beforeEach(() => forgetCityRanks());
  beforeAll(async () => {
    t = await createTestDatabase();
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("is empty (null) while no other commune of the city has figures", async () => {
    await commune("A", 3, 2, { total: 4, vneid: 1 });
    ids.E = (await t.db.commune.create({ data: { code: "E", name: "Phường E", province: "Hải Phòng" } })).id; // no households
    expect(await getMyCommuneRank(official("A"), TODAY)).toBeNull();
  });

  it("ranks each commune on each indicator, ties sharing a rank, out of the communes with data", async () => {
    // E has registered no household: it has no household figures and is ranked on none.
    // Households: B 5, A 3, C 3, D 1 → B 1, A 2, C 2, D 4 (of 4).
    // Reached: A 2, C 2, D 1, B 0 → A 1, C 1, D 3, B 4 (of 4).
    // Reach rate: D 100%, A 67%, C 67%, B 0%, E none → D 1, A 2, C 2, B 4 (of 4 with a value).
    // VNeID rate among adults: A 1/4, C 2/2 → C 1, A 2 (of 2); B, D have no adults.
    await commune("B", 5, 0);
    await commune("C", 3, 2, { total: 2, vneid: 2 });
    await commune("D", 1, 1);

    const a = (await getMyCommuneRank(official("A"), TODAY))!;
    expect(a.communes).toBe(5);
    expect(a.ranks.households).toEqual({ value: 3, rank: 2, of: 4 });
    expect(a.ranks.reached).toEqual({ value: 2, rank: 1, of: 4 });
    expect(a.ranks.reachRate).toEqual({ value: 2 / 3, rank: 2, of: 4 });
    expect(a.ranks.adults).toEqual({ value: 4, rank: 1, of: 4 });
    expect(a.ranks.vneidRate).toEqual({ value: 0.25, rank: 2, of: 2 });

    // Another commune's official gets their own rank.
    const c = (await getMyCommuneRank(official("C"), TODAY))!;
    expect(c.ranks.households).toEqual({ value: 3, rank: 2, of: 4 });
    expect(c.ranks.reached).toEqual({ value: 2, rank: 1, of: 4 });
    expect(c.ranks.vneidRate).toEqual({ value: 1, rank: 1, of: 2 });
    const d = (await getMyCommuneRank(official("D"), TODAY))!;
    expect(d.ranks.households).toEqual({ value: 1, rank: 4, of: 4 });
    expect(d.ranks.reachRate).toEqual({ value: 1, rank: 1, of: 4 });
    expect(d.ranks.reached).toEqual({ value: 1, rank: 3, of: 4 });
    // No adults: no rate of its own, so no rank on it.
    expect(d.ranks.vneidRate).toEqual({ value: null, rank: null, of: 2 });
    const b = (await getMyCommuneRank(official("B"), TODAY))!;
    expect(b.ranks.households).toEqual({ value: 5, rank: 1, of: 4 });
    expect(b.ranks.reached).toEqual({ value: 0, rank: 4, of: 4 });
    expect(b.ranks.reachRate).toEqual({ value: 0, rank: 4, of: 4 });
    // E: no data of its own, so no rank, and the others are ranked out of the 4 with data.
    const e = (await getMyCommuneRank(official("E"), TODAY))!;
    for (const key of COMPARISON_KEYS) expect(e.ranks[key].rank, key).toBeNull();
    expect(e.ranks.households).toEqual({ value: null, rank: null, of: 4 });
    // As the official's home writes it.
    const vi = createTranslator({ locale: "vi", messages: viDashboard, namespace: "dashboard.cityRank" });
    expect(vi("rank", { rank: a.ranks.households.rank!, of: a.ranks.households.of })).toBe("Hạng 2/4 xã có số liệu");
    expect(vi("rank", { rank: a.ranks.vneidRate.rank!, of: a.ranks.vneidRate.of })).toBe("Hạng 2/2 xã có số liệu");
  });

  it("gives the same ranks as the city's table", async () => {
    const city = someone("city", null);
    const table = await getCommuneComparison(city, null, TODAY);
    for (const code of ["A", "B", "C", "D"]) {
      const own = (await getMyCommuneRank(official(code), TODAY))!;
      const row = table.find((r) => r.communeId === ids[code])!;
      for (const key of COMPARISON_KEYS) {
        expect(own.ranks[key].value, `${code} ${key}`).toBe(row.values[key]);
        if (own.ranks[key].rank !== null) expect(own.ranks[key].rank, `${code} ${key}`).toBe(row.ranks[key]);
      }
    }
  });

  it("reveals nothing of another commune: no name, no figure", async () => {
    const a = await getMyCommuneRank(official("A"), TODAY);
    const json = JSON.stringify(a);
    for (const code of ["B", "C", "D", "E"]) expect(json).not.toContain(`Phường ${code}`);
    expect(Object.keys(a!).sort()).toEqual(["communes", "countedAt", "ranks"]);
    for (const key of COMPARISON_KEYS) expect(Object.keys(a!.ranks[key]).sort()).toEqual(["of", "rank", "value"]);
    // B's 5 households (the only 5 in the city) appear nowhere in A's answer.
    expect(Object.values(a!.ranks).map((r) => r.value)).not.toContain(5);
  });

  it("is for the official's and admin's dashboard only, and needs a commune", async () => {
    for (const role of ROLES.filter((r) => r !== "official" && r !== "admin")) {
      expect(await refused(getMyCommuneRank(someone(role, role === "city" ? null : ids.A!), TODAY)), role).toBe(true);
    }
    expect(await refused(getMyCommuneRank(someone("official", null), TODAY))).toBe(true);
    expect((await getMyCommuneRank(someone("admin", ids.A!), TODAY))!.ranks.households.rank).toBe(2);
  });

  it("serves the table it counted for up to a minute; a change shows once it is counted again", async () => {
    expect(CITY_RANKS_TTL_MS).toBeLessThanOrEqual(60_000);
    const before = (await getMyCommuneRank(official("A"), TODAY))!;
    await commune("F", 9, 0); // more households than any other commune
    expect(await getMyCommuneRank(official("A"), TODAY)).toEqual(before);
    forgetCityRanks();
    const after = (await getMyCommuneRank(official("A"), TODAY))!;
    expect(after.communes).toBe(before.communes + 1);
    expect(after.ranks.households.rank).toBe(before.ranks.households.rank! + 1);
  });
});
