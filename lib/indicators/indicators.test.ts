import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { localToUtc } from "@/lib/format/dates";
import { dayOf, isRunning, makePeriod, parsePeriod, parseReportMonth, type Period } from "@/lib/indicators/period";
import { getOfficialDashboard, type OfficialDashboard } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS } from "@/lib/indicators/registry";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";

// A small dataset built by hand, every expected figure worked out below from it. Commune A holds
// the data; commune B holds the same kinds of rows on the same days, so any leak across communes
// changes A's figures; commune C is empty.
const TODAY = dayOf("2026-05-20"); // a Wednesday
const MAY = makePeriod(dayOf("2026-05-01"), dayOf("2026-05-31"), TODAY);

const as = (role: Role, communeId: number | null, id = 1): CurrentUser => ({
  id,
  name: role,
  role,
  communeId,
  memberId: null,
  username: null,
  phone: null,
});

/** A Vietnamese wall-clock time, "YYYY-MM-DDTHH:mm", as a UTC instant. */
const vn = (local: string) => localToUtc(local.slice(0, 10), local.slice(11, 16));

describe("the official's indicators", () => {
  let t: TestDatabase;
  let A: number;
  let B: number;
  let C: number;
  let official: CurrentUser;
  let d: OfficialDashboard;

  async function seedCommune(code: string, full: boolean) {
    const db = t.db;
    const c = await db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
    await ensureCommuneDefaults(db, c.id);
    const skills = new Map((await db.skill.findMany({ where: { communeId: c.id } })).map((s) => [s.key, s.id]));
    const topics = new Map((await db.trainingTopic.findMany({ where: { communeId: c.id } })).map((s) => [s.key, s.id]));
    const v1 = await db.village.create({ data: { communeId: c.id, name: "Thôn 1", code: "t1" } });
    const v2 = await db.village.create({ data: { communeId: c.id, name: "Thôn 2", code: "t2" } });
    const b1 = await db.youthBranch.create({
      data: { communeId: c.id, villageId: v1.id, name: "Chi đoàn 1", targetFamilies: 5 },
    });
    // A branch with a target and no volunteers: its target still counts.
    await db.youthBranch.create({ data: { communeId: c.id, name: "Chi đoàn 2", targetFamilies: 3 } });
    const vol = await db.user.create({
      data: { communeId: c.id, username: `${code}-vol`, name: "Đoàn viên", role: "volunteer", passwordHash: "x" },
    });
    await db.volunteerProfile.create({
      data: { userId: vol.id, communeId: c.id, branchId: b1.id, joinedOn: dayOf("2025-01-01") },
    });
    const off = await db.user.create({
      data: { communeId: c.id, username: `${code}-off`, name: "Cán bộ", role: "official", passwordHash: "x" },
    });
    if (!full) return { id: c.id, official: off.id };

    const household = async (villageId: number, n: number, births: number[]) => {
      const h = await db.household.create({
        data: { communeId: c.id, villageId, headName: `Hộ ${n}`, address: `Số ${n}` },
      });
      const members: number[] = [];
      for (const [i, birthYear] of births.entries()) {
        const m = await db.member.create({
          data: { communeId: c.id, householdId: h.id, fullName: `Người ${n}.${i}`, birthYear, gender: "female", isHead: i === 0 },
        });
        members.push(m.id);
      }
      return { id: h.id, members };
    };
    // H1: an adult, a child of 16, and one turning 18 in 2026. H4: a child only.
    const h1 = await household(v1.id, 1, [1980, 2010, 2008]);
    const h2 = await household(v1.id, 2, [1990, 1960]);
    const h3 = await household(v2.id, 3, [1975]);
    const h4 = await household(v2.id, 4, [2015]);
    const h5 = await household(v2.id, 5, [1950]);
    void h4;

    const visit = (householdId: number, on: string) =>
      db.visit.create({
        data: {
          communeId: c.id,
          householdId,
          volunteerId: vol.id,
          visitedOn: dayOf(on),
          outcome: "done",
          idempotencyKey: randomUUID(),
        },
      });
    await visit(h1.id, "2026-03-10");
    await visit(h1.id, "2026-05-05");
    await visit(h2.id, "2026-04-15");
    await visit(h2.id, "2026-05-18");
    await visit(h3.id, "2026-05-19");
    await visit(h5.id, "2026-01-05");

    await db.digitalFamily.create({
      data: {
        communeId: c.id,
        householdId: h1.id,
        branchId: b1.id,
        status: "smart",
        enrolledOn: dayOf("2026-02-01"),
        inProgressOn: dayOf("2026-03-01"),
        digitalOn: dayOf("2026-04-10"),
        smartOn: dayOf("2026-05-10"),
      },
    });
    await db.digitalFamily.create({
      data: {
        communeId: c.id,
        householdId: h2.id,
        branchId: b1.id,
        status: "in_progress",
        enrolledOn: dayOf("2026-04-20"),
        inProgressOn: dayOf("2026-05-02"),
      },
    });
    await db.digitalFamily.create({
      data: { communeId: c.id, householdId: h3.id, status: "enrolled", enrolledOn: dayOf("2026-05-15") },
    });

    const skill = (memberId: number, key: string, on: string) =>
      db.memberSkill.create({ data: { communeId: c.id, memberId, skillId: skills.get(key)!, acquiredOn: dayOf(on) } });
    await skill(h1.members[0], "vneid_l2", "2026-04-01");
    await skill(h1.members[1], "vneid_l2", "2026-05-01"); // a child: never counted
    await skill(h1.members[2], "vneid_l2", "2026-05-12");
    await skill(h2.members[0], "vneid_l2", "2026-05-10");
    await skill(h2.members[1], "smart_hp", "2025-12-01");

    const business = async (householdId: number, name: string, owned: [string, string][]) => {
      const b = await db.householdBusiness.create({ data: { communeId: c.id, householdId, name, sector: "bán lẻ" } });
      for (const [key, on] of owned) {
        await db.businessSkill.create({
          data: { communeId: c.id, businessId: b.id, skillId: skills.get(key)!, acquiredOn: dayOf(on) },
        });
      }
    };
    await business(h1.id, "Tạp hoá 1", [["biz_cashless", "2026-04-05"]]);
    await business(h2.id, "Tạp hoá 2", [
      ["biz_online_selling", "2026-05-03"],
      ["biz_cashless", "2026-05-04"],
    ]);
    await business(h5.id, "Tạp hoá 5", []);

    let phone = 0;
    const event = async (topic: string, startsLocal: string, status: "held" | "scheduled" | "cancelled") =>
      db.trainingEvent.create({
        data: {
          communeId: c.id,
          topicId: topics.get(topic)!,
          title: `Lớp ${topic} ${startsLocal}`,
          audience: "everyone",
          place: "Nhà văn hoá",
          organiser: "Trung tâm Chính trị",
          startsAt: vn(startsLocal),
          endsAt: new Date(vn(startsLocal).getTime() + 3_600_000),
          capacity: 30,
          status,
        },
      });
    const register = async (eventId: number, status: "confirmed" | "waitlist" | "cancelled", attended?: boolean) => {
      phone++;
      const r = await db.registration.create({
        data: {
          communeId: c.id,
          eventId,
          fullName: `Học viên ${phone}`,
          phone: `09000${String(phone).padStart(5, "0")}`,
          status,
          code: `${code}-${phone}`,
        },
      });
      if (attended !== undefined) {
        await db.attendance.create({ data: { communeId: c.id, eventId, registrationId: r.id, fullName: r.fullName, attended } });
      }
    };
    const e1 = await event("online_safety", "2026-05-10T09:00", "held");
    await register(e1.id, "confirmed", true);
    await register(e1.id, "confirmed", false);
    await register(e1.id, "cancelled");
    await register(e1.id, "waitlist");
    await db.attendance.create({ data: { communeId: c.id, eventId: e1.id, fullName: "Người đến thẳng", attended: true } });
    const e2 = await event("ai", "2026-05-31T23:30", "scheduled"); // last minutes of May, Vietnam time
    await register(e2.id, "confirmed");
    const e3 = await event("ai", "2026-06-01T00:30", "held"); // already June in Vietnam (still May 31 in UTC)
    await register(e3.id, "confirmed", true);
    const e4 = await event("online_safety", "2026-04-30T23:00", "held"); // April in Vietnam
    await register(e4.id, "confirmed", true);
    const e5 = await event("vneid", "2026-05-12T08:00", "cancelled");
    await register(e5.id, "confirmed");
    const e6 = await event("vneid", "2026-05-01T00:00", "held"); // May's first minute in Vietnam (April 30 in UTC)
    await register(e6.id, "confirmed");

    const month = (m: string, total: number, online: number) =>
      db.adminFigure.create({
        data: { communeId: c.id, month: dayOf(`${m}-01`), applicationsTotal: total, applicationsOnline: online },
      });
    // April has no figures.
    await month("2026-03", 100, 40);
    await month("2026-05", 200, 150);
    return { id: c.id, official: off.id };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await seedCommune("a", true);
    const b = await seedCommune("b", true);
    const c = await seedCommune("c", false);
    [A, B, C] = [a.id, b.id, c.id];
    // B gets extra rows on the same days: a leak into A would show.
    const vb = await t.db.village.findFirstOrThrow({ where: { communeId: B } });
    const hb = await t.db.household.create({ data: { communeId: B, villageId: vb.id, headName: "Hộ B", address: "B" } });
    const volB = await t.db.user.findFirstOrThrow({ where: { communeId: B, role: "volunteer" } });
    await t.db.visit.create({
      data: {
        communeId: B,
        householdId: hb.id,
        volunteerId: volB.id,
        visitedOn: dayOf("2026-05-19"),
        outcome: "done",
        idempotencyKey: randomUUID(),
      },
    });
    official = as("official", A, a.official);
    d = await getOfficialDashboard(official, MAY, TODAY);
  });
  afterAll(() => t.drop());

  it("compares May with April", () => {
    expect(MAY.prevFrom).toEqual(dayOf("2026-04-01"));
    // May is running on the 20th: 1–20 May against 1–20 April.
    expect(MAY.through).toEqual(TODAY);
    expect(MAY.prevTo).toEqual(dayOf("2026-04-20"));
    expect(MAY.preset).toBe("thisMonth");
    expect(d.asOf).toEqual(TODAY);
  });

  it("households and people reached", () => {
    const h = d.figures.households_reached;
    expect(h.current).toEqual({ value: 4 / 5, numerator: 4, denominator: 5 });
    expect(h.previous).toEqual({ value: 3 / 5, numerator: 3, denominator: 5 });
    expect(h.change).toBeCloseTo(1 / 5, 10);
    const p = d.figures.people_reached;
    expect(p.current).toEqual({ value: 7 / 8, numerator: 7, denominator: 8 });
    expect(p.previous).toEqual({ value: 6 / 8, numerator: 6, denominator: 8 });
    expect(p.change).toBeCloseTo(1 / 8, 10);
  });

  it("digital families against the sum of the branches' targets (a branch without volunteers included)", () => {
    expect(d.figures.families_enrolled).toMatchObject({
      current: { value: 3 },
      previous: { value: 2 },
      change: 1,
      target: 8,
      // H3 enrolled with no branch: in the count, toward no branch's target.
      towardTarget: 2,
    });
    expect(d.figures.families_certified).toMatchObject({
      current: { value: 1 },
      previous: { value: 1 },
      change: 0,
      target: 8,
      towardTarget: 1,
    });
    expect(d.charts.funnel).toEqual([
      { stage: "enrolled", families: 3 },
      { stage: "in_progress", families: 2 },
      { stage: "digital", families: 1 },
      { stage: "smart", families: 1 },
    ]);
  });

  it("adoption of each skill among adults (children's skills never count)", () => {
    const byKey = Object.fromEntries(d.skills.map((s) => [s.skillKey, s]));
    expect(d.skills.map((s) => s.skillKey)).toEqual([
      "vneid_l2",
      "smart_hp",
      "online_service",
      "cashless",
      "safety_briefing",
      "ai_basics",
    ]);
    expect(byKey.vneid_l2.current).toEqual({ value: 3 / 6, numerator: 3, denominator: 6 });
    expect(byKey.vneid_l2.previous).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(byKey.vneid_l2.change).toBeCloseTo(2 / 6, 10);
    expect(byKey.smart_hp.current).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(byKey.smart_hp.change).toBe(0);
    expect(byKey.cashless.current).toEqual({ value: 0, numerator: 0, denominator: 6 });
  });

  it("adoption per skill over time, adults counted in each month's year", () => {
    const trend = d.charts.skillTrend;
    expect(trend.map((m) => m.month)).toEqual([
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
    ]);
    const at = (month: string) => trend.find((m) => m.month === month)!.rates;
    expect(at("2025-11")).toMatchObject({ vneid_l2: 0, smart_hp: 0 });
    // 2025: five adults (the one born 2008 is 17); smart_hp from December.
    expect(at("2025-12")).toMatchObject({ vneid_l2: 0, smart_hp: 1 / 5 });
    expect(at("2026-01")).toMatchObject({ vneid_l2: 0, smart_hp: 1 / 6 });
    expect(at("2026-04")).toMatchObject({ vneid_l2: 1 / 6, smart_hp: 1 / 6 });
    expect(at("2026-05")).toMatchObject({ vneid_l2: 3 / 6, smart_hp: 1 / 6, cashless: 0, ai_basics: 0 });
  });

  it("visits in the period, this week, and households not visited for 60 days", () => {
    expect(d.figures.visits).toMatchObject({ current: { value: 3 }, previous: { value: 1 }, change: 2 });
    expect(d.figures.visits_week).toMatchObject({
      current: { value: 2 },
      previous: { value: 0 },
      change: 2,
      // Monday 18 to today (Wednesday 20) against Monday 11 to Wednesday 13: like for like.
      window: { from: dayOf("2026-05-18"), to: dayOf("2026-05-20") },
      previousWindow: { from: dayOf("2026-05-11"), to: dayOf("2026-05-13") },
    });
    // On May 20: H4 never, H5 last in January. On April 30: H3, H4 never, H5 in January.
    expect(d.figures.households_unvisited).toMatchObject({ current: { value: 2 }, previous: { value: 3 }, change: -1 });
  });

  it("visits per week, twelve weeks at least, empty weeks included, none still to come", () => {
    // May ends on a Sunday 11 days after today (Wednesday 20 May): the chart ends with this week,
    // and the week of 25 May, still to come, is absent rather than drawn as 0.
    const weeks = d.charts.visitsPerWeek;
    expect(weeks).toHaveLength(12);
    // May is running on the 20th: the chart ends with the week holding today, no future week.
    expect(weeks[0]).toEqual({ week: "2026-03-02", visits: 0 });
    expect(weeks[1]).toEqual({ week: "2026-03-09", visits: 1 });
    expect(weeks.at(-1)).toEqual({ week: "2026-05-18", visits: 2 });
    expect(weeks.map((w) => w.week)).not.toContain("2026-05-25");
    expect(weeks.filter((w) => w.visits > 0)).toEqual([
      { week: "2026-03-09", visits: 1 },
      { week: "2026-04-13", visits: 1 },
      { week: "2026-05-04", visits: 1 },
      { week: "2026-05-18", visits: 2 },
    ]);
    expect(weeks.reduce((s, w) => s + w.visits, 0)).toBe(5);
  });

  it("classes, registrations, attendance and people trained, with Vietnam-time edges", () => {
    expect(d.figures.classes_held).toMatchObject({ current: { value: 2 }, previous: { value: 1 }, change: 1 });
    // Month-to-date: the class after the 20th (and its registration) is not counted yet.
    expect(d.figures.registrations).toMatchObject({ current: { value: 3 }, previous: { value: 1 }, change: 2 });
    expect(d.figures.attendance_rate.current).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(d.figures.attendance_rate.previous).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(d.figures.attendance_rate.change).toBeCloseTo(-2 / 3, 10);
    expect(d.figures.people_trained).toMatchObject({ current: { value: 2 }, previous: { value: 1 }, change: 1 });
    expect(d.charts.topics).toEqual([
      {
        key: "vneid",
        nameVi: "Định danh điện tử VNeID",
        nameEn: "VNeID e-ID",
        classes: 1,
        registrations: 1,
        heldRegistrations: 1,
        attendedRegistrations: 0,
        trained: 0,
      },
      {
        key: "online_safety",
        nameVi: "An toàn trên mạng",
        nameEn: "Online safety",
        classes: 1,
        registrations: 2,
        heldRegistrations: 2,
        attendedRegistrations: 1,
        trained: 2,
      },
    ]);
  });

  it("household businesses' adoption", () => {
    expect(d.businesses).toBe(3);
    expect(d.figures.business_adoption.current).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(d.figures.business_adoption.previous).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    const byKey = Object.fromEntries(d.businessSkills.map((s) => [s.skillKey, s]));
    expect(d.businessSkills).toHaveLength(4);
    expect(byKey.biz_online_selling.current.numerator).toBe(1);
    expect(byKey.biz_online_selling.previous.numerator).toBe(0);
    expect(byKey.biz_cashless.current).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(byKey.biz_cashless.previous).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(byKey.biz_einvoice.current).toEqual({ value: 0, numerator: 0, denominator: 3 });
  });

  it("the online-application rate, with a month missing", () => {
    expect(d.figures.online_rate.current).toEqual({ value: 0.75, numerator: 150, denominator: 200 });
    // April has no figures: no data, and so no change.
    expect(d.figures.online_rate.previous.value).toBeNull();
    expect(d.figures.online_rate.change).toBeNull();
    expect(d.onlineMonths).toEqual({ inPeriod: 1, entered: 1, previousInPeriod: 1, previousEntered: 0 });
  });

  it("a quarter against the quarter before", async () => {
    const q = makePeriod(dayOf("2026-04-01"), dayOf("2026-06-30"), TODAY);
    expect(q.preset).toBe("thisQuarter");
    // The quarter is running on 20 May: its first 50 days against the first 50 of the quarter before.
    expect([q.prevFrom, q.through, q.prevTo]).toEqual([dayOf("2026-01-01"), TODAY, dayOf("2026-02-19")]);
    // Seen once it is over (1 July), the whole quarter against the whole quarter before.
    const july = dayOf("2026-07-01");
    const whole = makePeriod(dayOf("2026-04-01"), dayOf("2026-06-30"), july);
    expect([whole.prevFrom, whole.through, whole.prevTo]).toEqual([
      dayOf("2026-01-01"),
      dayOf("2026-06-30"),
      dayOf("2026-03-31"),
    ]);
    const x = await getOfficialDashboard(official, whole, july);
    expect(x.figures.online_rate.current).toEqual({ value: 0.75, numerator: 150, denominator: 200 });
    expect(x.figures.online_rate.previous).toEqual({ value: 0.4, numerator: 40, denominator: 100 });
    expect(x.figures.online_rate.change).toBeCloseTo(0.35, 10);
    expect(x.onlineMonths).toEqual({ inPeriod: 3, entered: 1, previousInPeriod: 3, previousEntered: 1 });
    expect(x.figures.visits).toMatchObject({ current: { value: 4 }, previous: { value: 2 } });
    expect(x.figures.classes_held).toMatchObject({ current: { value: 4 }, previous: { value: 0 } });
    // Running on 20 May, the quarter's weekly chart stops at this week (18 May), nothing of June;
    // seen on 1 July it ends with the quarter's last week.
    expect(x.charts.visitsPerWeek.at(-1)?.week).toBe("2026-06-29");
    const weeks = (await getOfficialDashboard(official, q, TODAY)).charts.visitsPerWeek;
    expect(weeks.map((w) => w.week)).toEqual(d.charts.visitsPerWeek.map((w) => w.week));
    expect(weeks.at(-1)).toEqual({ week: "2026-05-18", visits: 2 });
    expect(weeks.reduce((s, w) => s + w.visits, 0)).toBe(5);
  });

  it("January against December: a person turning 18 in the new year becomes an adult", async () => {
    const jan = makePeriod(dayOf("2026-01-01"), dayOf("2026-01-31"), TODAY);
    expect([jan.prevFrom, jan.prevTo]).toEqual([dayOf("2025-12-01"), dayOf("2025-12-31")]);
    const x = await getOfficialDashboard(official, jan, TODAY);
    const smart = x.skills.find((s) => s.skillKey === "smart_hp")!;
    expect(smart.current).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(smart.previous).toEqual({ value: 1 / 5, numerator: 1, denominator: 5 });
    // A month with no figures at all, and none the month before.
    expect(x.figures.online_rate.current.value).toBeNull();
    expect(x.figures.online_rate.previous.value).toBeNull();
    expect(x.figures.visits).toMatchObject({ current: { value: 1 }, previous: { value: 0 } });
  });

  it("visits this week, for ranges ending mid-week: the same weekdays of both weeks", async () => {
    const week = async (to: string) => {
      const { period } = parsePeriod({ from: "2026-05-01", to }, TODAY);
      const f = (await getOfficialDashboard(official, period, TODAY)).figures.visits_week;
      return { cur: f.current.value, prev: f.previous.value, window: f.window, previousWindow: f.previousWindow };
    };
    // Ending Monday 11 May: that Monday against Monday 4 May. H1's visit of Tuesday 5 May is the
    // day after: counting the whole previous week (4–10 May) would compare 1 day with 7.
    expect(await week("2026-05-11")).toEqual({
      cur: 0,
      prev: 0,
      window: { from: dayOf("2026-05-11"), to: dayOf("2026-05-11") },
      previousWindow: { from: dayOf("2026-05-04"), to: dayOf("2026-05-04") },
    });
    // Ending Tuesday 12 May: Monday–Tuesday both times, and 5 May is in.
    expect(await week("2026-05-12")).toMatchObject({ cur: 0, prev: 1 });
    // Ending Tuesday 19 May (the week straddles the range's end): 18–19 May against 11–12 May.
    expect(await week("2026-05-19")).toEqual({
      cur: 2,
      prev: 0,
      window: { from: dayOf("2026-05-18"), to: dayOf("2026-05-19") },
      previousWindow: { from: dayOf("2026-05-11"), to: dayOf("2026-05-12") },
    });
    // Ending on a Sunday: two whole weeks.
    expect(await week("2026-05-10")).toEqual({
      cur: 1,
      prev: 0,
      window: { from: dayOf("2026-05-04"), to: dayOf("2026-05-10") },
      previousWindow: { from: dayOf("2026-04-27"), to: dayOf("2026-05-03") },
    });
  });

  it("a visit where nobody was home is a visit, not a reach", async () => {
    const h4 = await t.db.household.findFirstOrThrow({ where: { communeId: A, headName: "Hộ 4" } });
    const vol = await t.db.user.findFirstOrThrow({ where: { communeId: A, role: "volunteer" } });
    const away = await t.db.visit.create({
      data: {
        communeId: A,
        householdId: h4.id,
        volunteerId: vol.id,
        visitedOn: dayOf("2026-05-06"),
        outcome: "not_home",
        idempotencyKey: randomUUID(),
      },
    });
    try {
      const x = await getOfficialDashboard(official, MAY, TODAY);
      expect(x.figures.visits.current.value).toBe(d.figures.visits.current.value! + 1);
      expect(x.figures.households_reached.current).toEqual(d.figures.households_reached.current);
      expect(x.figures.people_reached.current).toEqual(d.figures.people_reached.current);
      // It is a visit within 60 days: H4 is no longer "not visited".
      expect(x.figures.households_unvisited.current.value).toBe(d.figures.households_unvisited.current.value! - 1);
    } finally {
      await t.db.visit.delete({ where: { id: away.id } });
    }
  });

  it("a visit exactly 60 days before the day counts; 61 days does not", async () => {
    // H5's only visit is 5 January. Seen on 6 March (60 days later) it is recent; on 7 March not.
    const on = async (day: string) => {
      const { period } = parsePeriod({ from: "2026-03-01", to: day }, TODAY);
      return (await getOfficialDashboard(official, period, TODAY)).figures.households_unvisited.current.value;
    };
    // On 6 March: H1 (10 March) not yet, H2, H3, H4 never visited, H5 within 60 days: 4.
    expect(await on("2026-03-06")).toBe(4);
    expect(await on("2026-03-07")).toBe(5);
  });

  it("a custom range is compared with as many days just before it", async () => {
    const r = parsePeriod({ from: "2026-05-10", to: "2026-05-19" }, TODAY);
    expect(r.error).toBeNull();
    expect([r.period.prevFrom, r.period.prevTo]).toEqual([dayOf("2026-04-30"), dayOf("2026-05-09")]);
    const x = await getOfficialDashboard(official, r.period, TODAY);
    expect(x.figures.visits).toMatchObject({ current: { value: 2 }, previous: { value: 1 } });
  });

  it("an empty commune: zero counts and no data for rates, never NaN", async () => {
    const x = await getOfficialDashboard(as("official", C), MAY, TODAY);
    expect(x.figures.households_reached.current).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(x.figures.people_reached.current.value).toBeNull();
    expect(x.figures.attendance_rate.current.value).toBeNull();
    expect(x.figures.business_adoption.current.value).toBeNull();
    expect(x.figures.online_rate.current.value).toBeNull();
    expect(x.figures.households_reached.change).toBeNull();
    expect(x.figures.visits).toMatchObject({ current: { value: 0 }, change: 0 });
    expect(x.figures.families_enrolled).toMatchObject({ current: { value: 0 }, target: 8 });
    // No adults: each skill's rate is "no data".
    expect(x.skills).toHaveLength(6);
    for (const s of x.skills) expect(s.current).toEqual({ value: null, numerator: 0, denominator: 0 });
    for (const m of x.charts.skillTrend) for (const v of Object.values(m.rates)) expect(v).toBeNull();
    expect(x.charts.visitsPerWeek.every((w) => w.visits === 0)).toBe(true);
    expect(x.charts.topics).toEqual([]);
    const all = JSON.stringify(x);
    expect(all).not.toContain("NaN");
    expect(x.figures.online_rate.current).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it("the other commune sees its own figures only", async () => {
    const x = await getOfficialDashboard(as("admin", B), MAY, TODAY);
    expect(x.figures.households_reached.current).toEqual({ value: 5 / 6, numerator: 5, denominator: 6 });
    expect(x.figures.visits.current.value).toBe(4);
  });

  for (const role of ["volunteer", "resident", "branch_leader", "city"] as const) {
    it(`refuses the ${role} role`, async () => {
      expect(await refused(getOfficialDashboard(as(role, role === "city" ? null : A), MAY, TODAY))).toBe(true);
    });
  }

  it("refuses an official without a commune", async () => {
    expect(await refused(getOfficialDashboard(as("official", null), MAY, TODAY))).toBe(true);
  });

  it("every indicator has a registry entry and a figure", () => {
    for (const key of INDICATOR_KEYS) {
      expect(INDICATORS[key].key).toBe(key);
      if (key === "skill_adoption") expect(d.skills.length).toBeGreaterThan(0);
      else expect(d.figures[key].key).toBe(key);
    }
    expect(INDICATORS.online_rate.source).toBe("entered");
    expect(INDICATORS.households_unvisited.drill(MAY)).toBe("/official/unvisited");
    expect(INDICATORS.visits.drill(MAY)).toBe("/official/villages?from=2026-05-01&to=2026-05-31");
  });
});

describe("the period in the URL", () => {
  const today = dayOf("2026-05-20");
  const range = (p: Period) => [p.from.toISOString().slice(0, 10), p.to.toISOString().slice(0, 10)];
  it("defaults to this month in Vietnam", () => {
    expect(range(parsePeriod({}, today).period)).toEqual(["2026-05-01", "2026-05-31"]);
  });
  it("reports malformed, reversed, half-given or over-long ranges and falls back to this month", () => {
    expect(parsePeriod({ from: "2026-02-30", to: "2026-03-01" }, today).error).toBe("invalid");
    expect(parsePeriod({ from: "2026-05-10", to: "2026-05-01" }, today).error).toBe("fromAfterTo");
    expect(parsePeriod({ from: "2026-05-10" }, today).error).toBe("bothDates");
    expect(parsePeriod({ from: "2020-01-01", to: "2026-01-01" }, today).error).toBe("tooLong");
    expect(parsePeriod({ from: "'; DROP TABLE visit; --", to: "x" }, today).error).toBe("invalid");
    expect(range(parsePeriod({ from: "2026-05-10", to: "2026-05-01" }, today).period)).toEqual(["2026-05-01", "2026-05-31"]);
  });
  it("the monthly report's month", () => {
    const r = parseReportMonth("2026-02", today);
    expect(range(r.period)).toEqual(["2026-02-01", "2026-02-28"]);
    expect([r.month, r.error]).toEqual(["2026-02", false]);
    // With no month (or a bad one), the last complete month: on 20 May, April; on 1 January, December.
    expect(parseReportMonth("2026-13", today)).toMatchObject({ month: "2026-04", error: true });
    expect(parseReportMonth(undefined, today)).toMatchObject({ month: "2026-04", error: false });
    expect(range(parseReportMonth(undefined, today).period)).toEqual(["2026-04-01", "2026-04-30"]);
    expect(parseReportMonth(undefined, dayOf("2026-01-01")).month).toBe("2025-12");
    expect(parseReportMonth(undefined, dayOf("2026-05-31")).month).toBe("2026-04");
  });
  const days = (p: Period) => [p.from, p.through, p.prevFrom, p.prevTo].map((x) => x.toISOString().slice(0, 10));
  it("a running month counts to today against the same days of the month before", () => {
    expect(days(parsePeriod({}, today).period)).toEqual(["2026-05-01", "2026-05-20", "2026-04-01", "2026-04-20"]);
    expect(isRunning(parsePeriod({}, today).period)).toBe(true);
    // The previous month is cut at its own end: 1–31 March against 1–28 February, 1–30 March likewise.
    expect(days(parsePeriod({}, dayOf("2026-03-31")).period)).toEqual(["2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"]);
    expect(days(parsePeriod({}, dayOf("2026-03-30")).period)).toEqual(["2026-03-01", "2026-03-30", "2026-02-01", "2026-02-28"]);
    expect(days(parsePeriod({}, dayOf("2026-03-01")).period)).toEqual(["2026-03-01", "2026-03-01", "2026-02-01", "2026-02-01"]);
    // A running quarter: as many first days of the quarter before.
    expect(days(makePeriod(dayOf("2026-04-01"), dayOf("2026-06-30"), today))).toEqual([
      "2026-04-01",
      "2026-05-20",
      "2026-01-01",
      "2026-02-19",
    ]);
    // A running custom range: as many days just before it, cut alike.
    expect(days(makePeriod(dayOf("2026-05-10"), dayOf("2026-05-25"), today))).toEqual([
      "2026-05-10",
      "2026-05-20",
      "2026-04-24",
      "2026-05-04",
    ]);
  });
  it("a finished period, or one ending today, is compared whole", () => {
    const april = makePeriod(dayOf("2026-04-01"), dayOf("2026-04-30"), today);
    expect(days(april)).toEqual(["2026-04-01", "2026-04-30", "2026-03-01", "2026-03-31"]);
    expect(isRunning(april)).toBe(false);
    expect(days(makePeriod(dayOf("2026-05-01"), today, today))).toEqual(["2026-05-01", "2026-05-20", "2026-04-11", "2026-04-30"]);
  });
});
