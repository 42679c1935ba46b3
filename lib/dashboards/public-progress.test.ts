import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublicProgress } from "@/lib/dashboards/public-progress";
import { getPublicHeadline } from "@/lib/dashboards/overview";
import { someone } from "@/lib/families/test-fixtures";
import { makePeriod } from "@/lib/indicators/period";
import { forgetPublicIndicators, getOfficialDashboard, PROGRAM_START } from "@/lib/indicators/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

// A small known dataset; every figure on /progress is asserted exactly.
const TODAY = new Date("2026-11-15T00:00:00.000Z");
const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("getPublicProgress", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let c: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const mk = (code: string) => t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
    a = (await mk("pa")).id;
    b = (await mk("pb")).id;
    c = (await mk("pc")).id;
    const v = await t.db.village.create({ data: { communeId: a, name: "Thôn 1", code: "t1" } });
    const hh = async (i: number, lastVisitOn: Date | null) =>
      (
        await t.db.household.create({
          data: { communeId: a, villageId: v.id, headName: `Chủ hộ ${i}`, address: `Số ${i}`, lastVisitOn },
        })
      ).id;
    const h1 = await hh(1, d("2026-10-01"));
    const h2 = await hh(2, d("2026-11-01"));
    const h3 = await hh(3, d("2026-03-01"));
    const h4 = await hh(4, null);
    // Reached: a household met and helped on or before today (a visit where nobody was home is not a reach).
    const volunteer = await t.db.user.create({
      data: { communeId: a, role: "volunteer", name: "Tình nguyện viên", passwordHash: "x" },
    });
    const visit = (householdId: number, on: string, outcome: "done" | "not_home" = "done") =>
      t.db.visit.create({
        data: {
          communeId: a,
          householdId,
          volunteerId: volunteer.id,
          visitedOn: d(on),
          outcome,
          idempotencyKey: randomUUID(),
        },
      });
    await visit(h1, "2026-09-01");
    await visit(h1, "2026-10-01");
    await visit(h2, "2026-11-01");
    await visit(h3, "2026-03-01");
    await visit(h4, "2026-10-20", "not_home"); // nobody home: visited, not reached
    await visit(h4, "2026-11-20"); // after today: not reached yet
    const member = async (householdId: number, birthYear: number) =>
      (
        await t.db.member.create({
          data: { communeId: a, householdId, fullName: `Người ${birthYear}`, birthYear, gender: "female" },
        })
      ).id;
    const m1 = await member(h1, 1980);
    const m2 = await member(h1, 2015); // a child
    const m3 = await member(h2, 1990);
    const m4 = await member(h3, 2008); // 18 this year: an adult
    await member(h4, 2010); // a child
    const skill = (communeId: number, key: string, scope: "member" | "business", sortOrder: number, active = true) =>
      t.db.skill.create({ data: { communeId, key, scope, nameVi: key, nameEn: key, sortOrder, active } });
    const s1 = await skill(a, "vneid", "member", 1);
    const s2 = await skill(a, "banking", "member", 2);
    await skill(a, "shop", "business", 3);
    const s4 = await skill(a, "old", "member", 4, false);
    await skill(b, "vneid", "member", 1);
    const has = (memberId: number, skillId: number) =>
      t.db.memberSkill.create({ data: { communeId: a, memberId, skillId, acquiredOn: d("2026-10-01") } });
    await has(m1, s1.id);
    await has(m3, s1.id);
    await has(m2, s1.id); // a child: not counted among adults
    await has(m4, s2.id);
    await has(m1, s4.id); // an inactive skill: not shown
    // A family counts as digital from the day it was certified (digital_on; kept when it goes on to smart).
    const fam = (householdId: number, status: "enrolled" | "in_progress" | "digital" | "smart") =>
      t.db.digitalFamily.create({
        data: {
          communeId: a,
          householdId,
          status,
          enrolledOn: d("2026-01-01"),
          digitalOn: status === "digital" || status === "smart" ? d("2026-06-01") : null,
        },
      });
    await fam(h1, "smart");
    await fam(h2, "digital");
    await fam(h3, "enrolled");
    const topic = await t.db.trainingTopic.create({ data: { communeId: a, key: "vneid", nameVi: "VNeID", nameEn: "VNeID" } });
    const event = (status: "scheduled" | "held" | "cancelled") =>
      t.db.trainingEvent.create({
        data: {
          communeId: a,
          topicId: topic.id,
          title: "Lớp",
          audience: "residents",
          place: "Nhà văn hoá",
          organiser: "Đoàn xã",
          startsAt: new Date("2026-10-01T01:00:00Z"),
          endsAt: new Date("2026-10-01T03:00:00Z"),
          capacity: 30,
          status,
        },
      });
    const e1 = await event("held");
    const e2 = await event("held");
    await event("scheduled");
    await event("cancelled");
    await t.db.attendance.createMany({
      data: [
        { communeId: a, eventId: e1.id, fullName: "A", attended: true },
        { communeId: a, eventId: e1.id, fullName: "B", attended: true },
        { communeId: a, eventId: e2.id, fullName: "C", attended: true },
        { communeId: a, eventId: e2.id, fullName: "D", attended: false },
      ],
    });
    const fig = (communeId: number, month: string, total: number, online: number) =>
      t.db.adminFigure.create({
        data: { communeId, month: d(`${month}-01`), applicationsTotal: total, applicationsOnline: online },
      });
    await fig(a, "2026-11", 100, 40);
    await fig(a, "2026-10", 0, 0);
    await fig(a, "2026-09", 80, 20);
    await fig(a, "2026-06", 50, 25);
    await fig(a, "2026-05", 10, 10); // outside the six months
    await fig(b, "2026-11", 999, 999); // another commune's
    await fig(c, "2026-01", 20, 5); // the trend ends at the latest month with figures
    await fig(c, "2025-07", 9, 9); // six months before it: outside
    const contest = (code: string, startsOn: string) =>
      t.db.contest.create({ data: { code, name: `Cuộc thi ${code}`, startsOn: d(startsOn), endsOn: d(startsOn) } });
    const old = await contest("c1", "2025-05-01");
    const latest = await contest("c2", "2026-05-01");
    const others = await contest("c3", "2026-09-01"); // only another commune took part
    await t.db.contestResult.createMany({
      data: [
        { communeId: a, contestId: old.id, villageId: null, participants: 500, visits: 900 },
        { communeId: a, contestId: latest.id, villageId: v.id, participants: 100, visits: 250 },
        { communeId: a, contestId: latest.id, villageId: null, participants: 200, visits: 300 },
        { communeId: b, contestId: others.id, villageId: null, participants: 7000, visits: 9000 },
      ],
    });
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("counts every headline figure exactly", async () => {
    const p = await getPublicProgress(a, TODAY);
    expect(p.households).toBe(4);
    expect(p.householdsReached).toBe(3);
    expect(p.familiesEnrolled).toBe(3);
    expect(p.digitalFamilies).toBe(2);
    expect(p.adults).toBe(3);
    expect(p.skills).toEqual([
      { key: "vneid", nameVi: "vneid", nameEn: "vneid", withSkill: 2, adults: 3, share: 2 / 3 },
      { key: "banking", nameVi: "banking", nameEn: "banking", withSkill: 1, adults: 3, share: 1 / 3 },
    ]);
    expect(p.classesHeld).toBe(2);
    expect(p.peopleTrained).toBe(3);
    expect(p.contest).toEqual({ name: "Cuộc thi c2", participants: 300 });
  });

  it("is the official's dashboard's figures from the program's start to today (one way of counting)", async () => {
    const p = await getPublicProgress(a, TODAY);
    const d = await getOfficialDashboard(someone("official", a), makePeriod(PROGRAM_START, TODAY, TODAY), TODAY);
    expect(p.householdsReached).toBe(d.figures.households_reached.current.numerator);
    expect(p.households).toBe(d.figures.households_reached.current.denominator);
    expect(p.familiesEnrolled).toBe(d.figures.families_enrolled.current.value);
    expect(p.digitalFamilies).toBe(d.figures.families_certified.current.value);
    expect(p.classesHeld).toBe(d.figures.classes_held.current.value);
    expect(p.peopleTrained).toBe(d.figures.people_trained.current.value);
    expect(p.skills.map((s) => s.withSkill)).toEqual(d.skills.map((s) => s.current.numerator));
    // The public home (/) shows the same figures.
    const headline = await getPublicHeadline(a, "Xã pa", TODAY);
    expect(headline).toMatchObject({ householdsReached: 3, digitalFamilies: 2, peopleTrained: 3 });
  });

  it("keeps the figures for a minute: a new visit shows once they are counted again", async () => {
    const before = await getPublicProgress(a, TODAY);
    const h4 = await t.db.household.findFirstOrThrow({ where: { communeId: a, headName: "Chủ hộ 4" } });
    const vol = await t.db.user.findFirstOrThrow({ where: { communeId: a, role: "volunteer" } });
    const v = await t.db.visit.create({
      data: {
        communeId: a,
        householdId: h4.id,
        volunteerId: vol.id,
        visitedOn: d("2026-11-10"),
        outcome: "done",
        idempotencyKey: randomUUID(),
      },
    });
    try {
      // Within the minute: the kept count.
      expect((await getPublicProgress(a, TODAY)).householdsReached).toBe(before.householdsReached);
      // Counted again (as after PUBLIC_FIGURES_TTL_MS): H4 is reached.
      forgetPublicIndicators();
      expect((await getPublicProgress(a, TODAY)).householdsReached).toBe(before.householdsReached + 1);
    } finally {
      await t.db.visit.delete({ where: { id: v.id } });
      forgetPublicIndicators();
    }
  });

  it("gives the latest online rate and the last six months, newest first", async () => {
    const p = await getPublicProgress(a, TODAY);
    expect(p.onlineRate).toEqual({ month: d("2026-11-01"), total: 100, online: 40, rate: 0.4 });
    expect(p.onlineTrend).toEqual([
      { month: d("2026-11-01"), total: 100, online: 40, rate: 0.4 },
      { month: d("2026-10-01"), total: 0, online: 0, rate: null },
      { month: d("2026-09-01"), total: 80, online: 20, rate: 0.25 },
      { month: d("2026-06-01"), total: 50, online: 25, rate: 0.5 },
    ]);
  });

  it("gives zeros, a 0 share with no adults and null with no figures", async () => {
    const p = await getPublicProgress(b, TODAY);
    expect(p).toMatchObject({
      households: 0,
      householdsReached: 0,
      familiesEnrolled: 0,
      digitalFamilies: 0,
      adults: 0,
      classesHeld: 0,
      peopleTrained: 0,
    });
    expect(p.skills).toEqual([{ key: "vneid", nameVi: "vneid", nameEn: "vneid", withSkill: 0, adults: 0, share: 0 }]);
    expect(p.contest).toEqual({ name: "Cuộc thi c3", participants: 7000 });
    expect((await getPublicProgress(c, TODAY)).onlineRate).toEqual({ month: d("2026-01-01"), total: 20, online: 5, rate: 0.25 });
    const empty = await getPublicProgress(c, TODAY);
    expect(empty.onlineTrend).toEqual([{ month: d("2026-01-01"), total: 20, online: 5, rate: 0.25 }]);
    expect(empty.skills).toEqual([]);
    expect(empty.contest).toBeNull();
  });

  it("gives null when a commune has no figures at all", async () => {
    const none = await t.db.commune.create({ data: { code: "pd", name: "Xã pd", province: "Hải Phòng" } });
    const p = await getPublicProgress(none.id, TODAY);
    expect(p.onlineRate).toBeNull();
    expect(p.onlineTrend).toEqual([]);
    expect(p.contest).toBeNull();
  });
});
