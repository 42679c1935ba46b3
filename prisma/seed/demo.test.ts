import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { BUILTIN_SKILLS, ensureCommuneDefaults } from "@/lib/families/defaults";
import { loadCriteria, unsafeRecomputeEveryCommune } from "@/lib/families/recompute";
import { computeFamilyStatus } from "@/lib/families/status";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { DEMO_CONTEST, DEMO_CONTEST_PARTICIPANTS, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/prisma/seed/demo";

const NOW = new Date("2026-12-01T03:00:00Z"); // 10:00 on 1 December in Hải Phòng
const TODAY = new Date("2026-12-01T00:00:00Z");
const HOUSEHOLDS = 60;

/** A fresh, migrated, empty database (swap for another helper here if the harness changes). */
async function freshDatabase(): Promise<TestDatabase> {
  return createTestDatabase();
}

const DAY = 86_400_000;
const daysBefore = (d: Date) => Math.round((TODAY.getTime() - d.getTime()) / DAY);

describe("seedDemo", () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let db: Db;
  let communeId: number;

  beforeAll(async () => {
    [first, second] = await Promise.all([freshDatabase(), freshDatabase()]);
    await Promise.all([
      seedDemo(first.db, { households: HOUSEHOLDS, now: NOW }),
      seedDemo(second.db, { households: HOUSEHOLDS, now: NOW }),
    ]);
    db = first.db;
    communeId = (await db.commune.findUniqueOrThrow({ where: { code: "tu-ky" } })).id;
  });

  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it("creates one demo account per role, all with the demo password", async () => {
    const users = await db.user.findMany({
      where: { username: { in: DEMO_USERS.map((u) => u.username) } },
      select: { username: true, role: true, name: true, communeId: true, passwordHash: true, volunteer: true },
    });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const demo of DEMO_USERS) {
      const u = users.find((x) => x.username === demo.username)!;
      expect(u.role).toBe(demo.role);
      expect(u.name).toBe(demo.nameVi);
      expect(u.communeId).toBe(demo.role === "city" ? null : communeId);
    }
    expect(await verifyPassword(DEMO_PASSWORD, users[0].passwordHash)).toBe(true);
    const leader = users.find((u) => u.username === "leader")!;
    const volunteer = users.find((u) => u.username === "volunteer")!;
    expect(leader.volunteer?.isLeader).toBe(true);
    expect(volunteer.volunteer?.isLeader).toBe(false);
    expect(volunteer.volunteer?.branchId).toBe(leader.volunteer?.branchId);
    const branch = await db.youthBranch.findUniqueOrThrow({ where: { id: leader.volunteer!.branchId } });
    expect(branch.name).toBe("Chi đoàn Thôn An Lão");
  });

  it("links the resident account to an adult member of a household, with that member's phone", async () => {
    const resident = await db.user.findUniqueOrThrow({ where: { username: "resident" }, include: { member: true } });
    expect(resident.member).not.toBeNull();
    expect(resident.member!.communeId).toBe(communeId);
    expect(2026 - resident.member!.birthYear).toBeGreaterThanOrEqual(18);
    expect(resident.phone).toBe(resident.member!.phone);
    expect(resident.member!.fullName).toBe(resident.name);
    const consent = await db.consent.findFirst({
      where: { userId: resident.id, purpose: "program_participation", granted: true },
    });
    expect(consent?.method).toBe("paper");
    const family = await db.digitalFamily.findUnique({ where: { householdId: resident.member!.householdId } });
    expect(family?.branchId).not.toBeNull();
    expect(await db.registration.count({ where: { userId: resident.id } })).toBeGreaterThanOrEqual(2);
  });

  it("has about 30 more volunteers with distinct names and phones across the branches", async () => {
    const field = await db.user.findMany({
      where: { communeId, role: { in: ["volunteer", "branch_leader"] }, username: null },
      select: { name: true, phone: true, volunteer: { select: { branchId: true } } },
    });
    expect(field.length).toBeGreaterThanOrEqual(30);
    expect(new Set(field.map((u) => u.name)).size).toBe(field.length);
    expect(field.every((u) => u.phone && /^0[35789]\d{8}$/.test(u.phone) && u.volunteer)).toBe(true);
    expect(new Set(field.map((u) => u.volunteer!.branchId)).size).toBe(8);
  });

  it("gives every household at least one member and exactly one head, whose name is the household's", async () => {
    const households = await db.household.findMany({
      where: { communeId },
      select: { headName: true, phone: true, address: true, members: { select: { fullName: true, isHead: true, phone: true } } },
    });
    expect(households).toHaveLength(HOUSEHOLDS);
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(6);
      const heads = h.members.filter((m) => m.isHead);
      expect(heads).toHaveLength(1);
      expect(h.headName).toBe(heads[0].fullName);
      expect(h.phone).toBe(heads[0].phone);
      expect(h.headName).toBe(h.headName.normalize("NFC"));
      expect(h.headName).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*)+$/u);
      expect(h.address).toMatch(/^Số \d+, xóm \d+, Thôn /);
    }
    const phones = households.flatMap((h) => h.members.map((m) => m.phone)).filter((p) => p !== null);
    expect(phones.every((p) => /^0[35789]\d{8}$/.test(p!))).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it("records visits in the last three months and keeps the household's last visit in step", async () => {
    const visits = await db.visit.findMany({
      where: { communeId },
      select: { householdId: true, visitedOn: true, idempotencyKey: true, outcome: true, followUpOn: true },
    });
    expect(visits.length).toBeGreaterThanOrEqual(HOUSEHOLDS);
    for (const v of visits) {
      expect(daysBefore(v.visitedOn)).toBeGreaterThanOrEqual(0);
      expect(daysBefore(v.visitedOn)).toBeLessThan(92);
      expect(v.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(v.followUpOn !== null).toBe(v.outcome === "needs_police" || v.outcome === "not_home");
    }
    const households = await db.household.findMany({ where: { communeId }, select: { id: true, lastVisitOn: true } });
    const latest = new Map<number, number>();
    for (const v of visits) latest.set(v.householdId, Math.max(latest.get(v.householdId) ?? 0, v.visitedOn.getTime()));
    for (const h of households) expect(h.lastVisitOn?.getTime() ?? null).toBe(latest.get(h.id) ?? null);
    const never = households.filter((h) => h.lastVisitOn === null).length;
    expect(never / HOUSEHOLDS).toBeGreaterThan(0.08);
    expect(never / HOUSEHOLDS).toBeLessThan(0.25);
    expect(households.some((h) => h.lastVisitOn && daysBefore(h.lastVisitOn) > 60)).toBe(true);
    const campaignVisits = await db.visit.count({ where: { communeId, campaignId: { not: null } } });
    expect(campaignVisits).toBeGreaterThan(0);
    const campaigns = await db.campaign.findMany({ where: { communeId } });
    expect(campaigns).toHaveLength(2);
    for (const c of campaigns) expect(c.startsOn.getUTCDay()).toBe(6);
  });

  it("assigns the demo volunteer households, some not yet visited", async () => {
    const volunteer = await db.user.findUniqueOrThrow({ where: { username: "volunteer" } });
    const assigned = await db.assignment.findMany({
      where: { volunteerId: volunteer.id, active: true },
      include: { household: true },
    });
    expect(assigned.length).toBeGreaterThanOrEqual(10);
    expect(assigned.some((a) => a.household.lastVisitOn === null)).toBe(true);
    expect(assigned.some((a) => a.household.lastVisitOn !== null)).toBe(true);
  });

  it("derives every digital family's status from its members' skills", async () => {
    const criteria = (
      await db.familyCriterion.findMany({ where: { communeId }, include: { skill: { select: { key: true } } } })
    ).map((c) => ({ skillKey: c.skill.key, level: c.level, rule: c.rule }));
    expect(criteria).toHaveLength(6);
    const families = await db.digitalFamily.findMany({
      where: { communeId },
      include: {
        household: { include: { members: { include: { skills: { include: { skill: { select: { key: true } } } } } } } },
      },
    });
    expect(families.length).toBeGreaterThan(8);
    const statuses = new Set<string>();
    for (const f of families) {
      const expected = computeFamilyStatus({
        members: f.household.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) })),
        criteria,
        year: 2026,
      });
      expect(f.status).toBe(expected.status);
      statuses.add(f.status);
      expect(f.inProgressOn !== null).toBe(f.status !== "enrolled");
      expect(f.digitalOn !== null).toBe(f.status === "digital" || f.status === "smart");
      expect(f.smartOn !== null).toBe(f.status === "smart");
      if (f.inProgressOn) expect(f.inProgressOn.getTime()).toBeGreaterThanOrEqual(f.enrolledOn.getTime());
      if (f.digitalOn) expect(f.digitalOn.getTime()).toBeGreaterThanOrEqual(f.inProgressOn!.getTime());
    }
    expect(statuses.size).toBeGreaterThanOrEqual(2);
    const demoBranch = await db.youthBranch.findFirstOrThrow({ where: { communeId, name: "Chi đoàn Thôn An Lão" } });
    expect(await db.digitalFamily.count({ where: { branchId: demoBranch.id } })).toBeGreaterThanOrEqual(5);
  });

  it("stores in every commune the statuses its criteria give from the members' skills", async () => {
    // The rule as the pages show it (computeFamilyStatus), commune by commune, against what is stored.
    const communes = await db.digitalFamily.groupBy({ by: ["communeId"], _count: true, orderBy: { communeId: "asc" } });
    expect(communes.length).toBe(4); // Tứ Kỳ and the three comparison communes
    const digitalElsewhere: number[] = [];
    for (const { communeId: c } of communes) {
      const criteria = await loadCriteria(db, c);
      const families = await db.digitalFamily.findMany({
        where: { communeId: c },
        select: {
          status: true,
          household: {
            select: { members: { select: { birthYear: true, skills: { select: { skill: { select: { key: true } } } } } } },
          },
        },
      });
      const expected = families.map(
        (f) =>
          computeFamilyStatus({
            members: f.household.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) })),
            criteria,
            year: 2026,
          }).status,
      );
      expect(
        families.map((f) => f.status),
        `commune ${c}`,
      ).toEqual(expected);
      if (c !== communeId) digitalElsewhere.push(families.filter((f) => f.status === "digital" || f.status === "smart").length);
    }
    // The comparison communes still have digital families to compare (the helped ones), all earned.
    expect(digitalElsewhere.every((n) => n > 0)).toBe(true);
    // And the app's own statement finds nothing to change anywhere: no status, no date, no version.
    const snapshot = () =>
      db.digitalFamily.findMany({
        orderBy: { id: "asc" },
        select: { id: true, status: true, inProgressOn: true, digitalOn: true, smartOn: true, version: true },
      });
    const before = await snapshot();
    expect(await unsafeRecomputeEveryCommune(db, NOW)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("leaves children mostly without skills and the young ahead on AI", async () => {
    const rows = await db.member.findMany({
      where: { communeId },
      select: { birthYear: true, skills: { select: { skill: { select: { key: true } } } } },
    });
    const young = rows.filter((m) => 2026 - m.birthYear < 12);
    expect(young.every((m) => m.skills.length === 0)).toBe(true);
    const adults = rows.filter((m) => 2026 - m.birthYear >= 18);
    const vneid = adults.filter((m) => m.skills.some((s) => s.skill.key === "vneid_l2")).length / adults.length;
    expect(vneid).toBeGreaterThan(0.5);
    expect(vneid).toBeLessThan(0.98);
  });

  it("puts Tứ Kỳ first of the city's 114 communes with 18,625 contest participants", async () => {
    expect(await db.commune.count()).toBe(114);
    const contest = await db.contestResult.groupBy({
      by: ["communeId"],
      where: { contest: { code: DEMO_CONTEST.code } },
      _sum: { participants: true, visits: true },
    });
    expect(contest).toHaveLength(114);
    const tuKy = contest.find((c) => c.communeId === communeId)!;
    expect(tuKy._sum.participants).toBe(DEMO_CONTEST_PARTICIPANTS);
    const others = contest.filter((c) => c.communeId !== communeId);
    expect(others.every((c) => c._sum.participants! < DEMO_CONTEST_PARTICIPANTS)).toBe(true);
    expect(others.every((c) => c._sum.visits! < tuKy._sum.visits!)).toBe(true);
    expect(await db.contestResult.count({ where: { communeId, villageId: null } })).toBe(0);
    expect(await db.contestResult.count({ where: { communeId } })).toBe(12);
    // Besides Tứ Kỳ, only the three comparison communes have households (60, 56 and 64).
    const elsewhere = await db.household.groupBy({ by: ["communeId"], where: { communeId: { not: communeId } }, _count: true });
    expect(elsewhere.map((g) => g._count).sort()).toEqual([56, 60, 64]);
  });

  it("has twelve months of administrative figures for every commune, Tứ Kỳ's online share rising", async () => {
    expect(await db.adminFigure.count()).toBe(114 * 12);
    const figures = await db.adminFigure.findMany({ where: { communeId }, orderBy: { month: "asc" } });
    expect(figures).toHaveLength(12);
    expect(figures[0].month.toISOString().slice(0, 10)).toBe("2025-12-01");
    expect(figures[11].month.toISOString().slice(0, 10)).toBe("2026-11-01");
    const share = (i: number) => figures[i].applicationsOnline / figures[i].applicationsTotal;
    expect(share(0)).toBeGreaterThan(0.4);
    expect(share(0)).toBeLessThan(0.5);
    expect(share(11)).toBeGreaterThan(0.75);
    expect(share(11)).toBeLessThan(0.85);
  });

  it("has past classes with attendance and upcoming ones partly filled", async () => {
    const events = await db.trainingEvent.findMany({
      where: { communeId },
      include: { _count: { select: { registrations: true } }, attendances: true },
    });
    const held = events.filter((e) => e.status === "held");
    const scheduled = events.filter((e) => e.status === "scheduled");
    expect(held).toHaveLength(10);
    expect(scheduled).toHaveLength(6);
    expect(held.every((e) => e.startsAt < NOW && e.attendances.length > 0)).toBe(true);
    expect(scheduled.every((e) => e.startsAt > NOW && e.attendances.length === 0 && e._count.registrations > 0)).toBe(true);
    expect(events.filter((e) => e.partnerCommuneId !== null)).toHaveLength(1);
    expect(new Set(events.map((e) => e.topicId)).size).toBe(5);
    for (const e of events) expect([1, 7]).toContain(e.startsAt.getUTCHours()); // 8:00 or 14:00 in Hải Phòng
    const marks = held.flatMap((e) => e.attendances.filter((a) => a.registrationId !== null));
    const rate = marks.filter((a) => a.attended).length / marks.length;
    expect(rate).toBeGreaterThan(0.7);
    expect(rate).toBeLessThan(0.9);
  });

  it("ensures the commune defaults idempotently, leaving an admin's criteria alone", async () => {
    expect(await db.skill.count({ where: { communeId, builtin: true } })).toBe(BUILTIN_SKILLS.length);
    const before = await db.familyCriterion.findMany({ where: { communeId }, orderBy: { id: "asc" } });
    await db.$transaction((tx) => ensureCommuneDefaults(tx, communeId));
    await ensureCommuneDefaults(db, communeId);
    expect(await db.skill.count({ where: { communeId } })).toBe(BUILTIN_SKILLS.length);
    expect(await db.familyCriterion.findMany({ where: { communeId }, orderBy: { id: "asc" } })).toEqual(before);
    const ai = before.find((c) => c.level === "smart" && c.rule === "any_adult")!;
    await db.familyCriterion.delete({ where: { id: ai.id } });
    await ensureCommuneDefaults(db, communeId);
    expect(await db.familyCriterion.count({ where: { communeId } })).toBe(before.length - 1);
    await db.familyCriterion.create({
      data: { communeId, skillId: ai.skillId, level: ai.level, rule: ai.rule, sortOrder: ai.sortOrder },
    });
  });

  it("is deterministic: the same `now` gives the same data", async () => {
    const snapshot = async (d: Db) => ({
      households: await d.household.findMany({
        orderBy: { id: "asc" },
        select: { headName: true, address: true, phone: true, lastVisitOn: true },
      }),
      members: await d.member.findMany({ orderBy: { id: "asc" }, select: { fullName: true, birthYear: true, gender: true } }),
      visits: await d.visit.findMany({
        orderBy: { id: "asc" },
        select: { idempotencyKey: true, visitedOn: true, outcome: true },
      }),
      families: await d.digitalFamily.findMany({ orderBy: { id: "asc" }, select: { status: true, enrolledOn: true } }),
    });
    const [a, b] = await Promise.all([snapshot(first.db), snapshot(second.db)]);
    expect(a.households.map((h) => h.headName)).toEqual(b.households.map((h) => h.headName));
    expect(a).toEqual(b);
  });
});
