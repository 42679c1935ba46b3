import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { dayOf } from "@/lib/indicators/period";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { OUTCOMES, REACHED_OUTCOMES } from "@/lib/visits/rules";
import type { VisitOutcome } from "@/lib/generated/prisma/enums";

// The two summaries PostgreSQL keeps for the indicators (migrations indicator_summaries and
// household_first_reached_on): household.first_reached_on and member_skill.birth_year. Each write below goes through a different
// path than the application's (plain Prisma calls, several rows per statement, raw SQL), which is
// the point: whoever writes, the summary follows.
describe("summaries kept by triggers", () => {
  let t: TestDatabase;
  let communeId: number;
  let villageId: number;
  let volunteerId: number;
  let skillIds: number[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const c = await t.db.commune.create({ data: { code: "sum", name: "Xã Tổng", province: "Hải Phòng" } });
    communeId = c.id;
    await ensureCommuneDefaults(t.db, c.id);
    skillIds = (await t.db.skill.findMany({ where: { communeId, scope: "member" }, orderBy: { id: "asc" } })).map((s) => s.id);
    villageId = (await t.db.village.create({ data: { communeId, name: "Thôn 1", code: "t1" } })).id;
    volunteerId = (
      await t.db.user.create({
        data: { communeId, username: "tnv-sum", name: "Tình nguyện viên", passwordHash: "x", role: "volunteer" },
      })
    ).id;
  });
  afterAll(() => t?.drop());

  const household = (headName: string) => t.db.household.create({ data: { communeId, villageId, headName, address: "Số 1" } });
  const visit = (householdId: number, on: string, outcome: VisitOutcome = "done") =>
    t.db.visit.create({
      data: { communeId, householdId, volunteerId, visitedOn: dayOf(on), outcome, idempotencyKey: randomUUID() },
    });
  const firstOn = async (id: number) =>
    (await t.db.household.findUniqueOrThrow({ where: { id } })).firstReachedOn?.toISOString().slice(0, 10) ?? null;

  it("household.first_reached_on counts exactly the outcomes REACHED_OUTCOMES lists (the trigger and the rules agree)", async () => {
    for (const outcome of OUTCOMES) {
      const h = await household(`Hộ ${outcome}`);
      await visit(h.id, "2026-05-10", outcome);
      expect({ outcome, reached: (await firstOn(h.id)) !== null }).toEqual({
        outcome,
        reached: REACHED_OUTCOMES.includes(outcome),
      });
    }
    // Not home first, met a week later: reached on the later day; the refusal edited into a
    // successful visit moves the day back, and the reverse clears it.
    const h = await household("Hộ gặp lần hai");
    const away = await visit(h.id, "2026-05-03", "not_home");
    await visit(h.id, "2026-05-10", "needs_police");
    expect(await firstOn(h.id)).toBe("2026-05-10");
    await t.db.visit.update({ where: { id: away.id }, data: { outcome: "done" } });
    expect(await firstOn(h.id)).toBe("2026-05-03");
    await t.db.visit.updateMany({ where: { householdId: h.id }, data: { outcome: "declined" } });
    expect(await firstOn(h.id)).toBeNull();
  });

  it("household.first_reached_on is the day of the household's earliest visit, through inserts, edits and deletes", async () => {
    const h = await household("Nguyễn Văn A");
    const other = await household("Trần Thị B");
    expect(await firstOn(h.id)).toBeNull();

    const may = await visit(h.id, "2026-05-10");
    expect(await firstOn(h.id)).toBe("2026-05-10");
    await visit(h.id, "2026-06-01"); // later: the first day stays
    expect(await firstOn(h.id)).toBe("2026-05-10");
    const april = await visit(h.id, "2026-04-02"); // earlier: it moves
    expect(await firstOn(h.id)).toBe("2026-04-02");

    // Several households in one statement.
    await t.db.visit.createMany({
      data: ["2026-03-03", "2026-02-02"].map((on) => ({
        communeId,
        householdId: other.id,
        volunteerId,
        visitedOn: dayOf(on),
        outcome: "done" as const,
        idempotencyKey: randomUUID(),
      })),
    });
    expect(await firstOn(other.id)).toBe("2026-02-02");

    // An edited date recounts; so does a deleted first visit; the last one gone leaves none.
    await t.db.visit.update({ where: { id: april.id }, data: { visitedOn: dayOf("2026-07-01") } });
    expect(await firstOn(h.id)).toBe("2026-05-10");
    await t.db.visit.delete({ where: { id: may.id } });
    expect(await firstOn(h.id)).toBe("2026-06-01");
    await t.db.visit.deleteMany({ where: { householdId: h.id } });
    expect(await firstOn(h.id)).toBeNull();
    expect(await firstOn(other.id)).toBe("2026-02-02");

    // Moving a visit to another household recounts both.
    const moved = await t.db.visit.findFirstOrThrow({ where: { householdId: other.id, visitedOn: dayOf("2026-02-02") } });
    await t.db.$executeRaw`UPDATE visit SET household_id = ${h.id} WHERE id = ${moved.id}`;
    expect(await firstOn(h.id)).toBe("2026-02-02");
    expect(await firstOn(other.id)).toBe("2026-03-03");
  });

  it("member_skill.birth_year is the member's, whatever the application writes, and follows a corrected birth year", async () => {
    const h = await household("Lê Văn C");
    const m = await t.db.member.create({
      data: { communeId, householdId: h.id, fullName: "Lê Văn C", birthYear: 1990, gender: "male" },
    });
    await t.db.memberSkill.createMany({
      data: skillIds.slice(0, 3).map((skillId) => ({ communeId, memberId: m.id, skillId, acquiredOn: dayOf("2026-05-01") })),
    });
    // A wrong value written on purpose is replaced by the member's.
    await t.db.$executeRaw`INSERT INTO member_skill (commune_id, member_id, skill_id, acquired_on, birth_year)
      VALUES (${communeId}, ${m.id}, ${skillIds[3]}, '2026-05-02', 1700)`;
    const years = async () =>
      (await t.db.memberSkill.findMany({ where: { memberId: m.id }, select: { birthYear: true } })).map((s) => s.birthYear);
    expect(await years()).toEqual([1990, 1990, 1990, 1990]);

    await t.db.member.update({ where: { id: m.id }, data: { birthYear: 2012 } });
    expect(await years()).toEqual([2012, 2012, 2012, 2012]);
    await t.db.$executeRaw`UPDATE member_skill SET birth_year = 1 WHERE member_id = ${m.id}`;
    expect(await years()).toEqual([2012, 2012, 2012, 2012]);

    // No member_skill row anywhere disagrees with its member.
    const [{ n }] = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM member_skill ms JOIN member mm ON mm.id = ms.member_id
      WHERE ms.birth_year IS DISTINCT FROM mm.birth_year`;
    expect(Number(n)).toBe(0);
  });
});
