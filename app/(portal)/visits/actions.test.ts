// The visit actions as the form calls them, on a real database (issue 13): what one save costs
// in SQL statements, a burst of saves at once, a save that cannot get a connection, and a
// correction retried after its answer was lost. The session is the only thing replaced.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { NulFreeClient } from "@/lib/db";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { todayInVietnam } from "@/lib/format/dates";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { currentUserOf } from "@/lib/testing/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Error("no session");
    return session.user;
  },
  getCurrentUser: async () => session.user,
}));

const { recordVisitAction, sendQueuedVisitsAction, updateVisitAction } = await import("./actions");

function form(fields: Record<string, string | number | (string | number)[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, String(one));
  }
  return fd;
}

/** The SQL statements sent to PostgreSQL while `fn` runs (every one goes through the pool's client). */
async function statements<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const spy = vi.spyOn(NulFreeClient.prototype, "query");
  try {
    const result = await fn();
    const sql = spy.mock.calls.map(([config]) =>
      typeof config === "string" ? config : String((config as { text?: unknown }).text ?? ""),
    );
    return { result, sql };
  } finally {
    spy.mockRestore();
  }
}

describe("saving a visit", () => {
  let t: TestDatabase;
  let communeId: number;
  let village: number;
  let campaign: number;
  let volunteer: CurrentUser;
  let companion: number;
  const skill: Record<string, number> = {};
  const today = todayInVietnam().toISOString().slice(0, 10);

  /** A household of two adults (the head has every digital skill but VNeID), a digital family, maybe a business. */
  async function household(name: string, business = false) {
    const h = await t.db.household.create({
      data: {
        communeId,
        villageId: village,
        headName: name,
        address: `Số 1, ${name}`,
        members: {
          create: [
            { communeId, fullName: `${name} (chủ hộ)`, birthYear: 1970, gender: "male", isHead: true },
            { communeId, fullName: `${name} (vợ)`, birthYear: 1975, gender: "female" },
          ],
        },
        family: { create: { communeId, status: "in_progress", enrolledOn: new Date("2026-01-01") } },
        ...(business ? { business: { create: { communeId, name: `Tạp hoá ${name}`, sector: "Bán lẻ" } } } : {}),
      },
      select: { id: true, version: true, members: { orderBy: { id: "asc" }, select: { id: true } } },
    });
    const [head, wife] = h.members.map((m) => m.id);
    await t.db.memberSkill.createMany({
      data: ["smart_hp", "online_service", "cashless"].map((k) => ({
        communeId,
        memberId: head,
        skillId: skill[k],
        acquiredOn: new Date("2026-01-01"),
      })),
    });
    return { id: h.id, version: h.version, head, wife };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const c = await t.db.commune.create({ data: { code: "v", name: "Xã V", province: "Hải Phòng" } });
    communeId = c.id;
    await ensureCommuneDefaults(t.db, communeId);
    for (const s of await t.db.skill.findMany({ where: { communeId } })) skill[s.key] = s.id;
    village = (await t.db.village.create({ data: { communeId, name: "Thôn 1", code: "t1" } })).id;
    const branch = await t.db.youthBranch.create({ data: { communeId, name: "Chi đoàn 1" } });
    const mk = async (username: string) => {
      const u = await t.db.user.create({ data: { communeId, username, name: username, passwordHash: "x", role: "volunteer" } });
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId, branchId: branch.id, joinedOn: new Date("2026-01-01") },
      });
      return u;
    };
    volunteer = currentUserOf(await mk("doan-vien"));
    companion = (await mk("di-cung")).id;
    const day = new Date(`${today}T00:00:00Z`);
    campaign = (
      await t.db.campaign.create({
        data: { communeId, name: "Ngày thứ bảy tình nguyện", kind: "volunteer_saturday", startsOn: day, endsOn: day },
      })
    ).id;
    session.user = volunteer;
  });
  afterAll(() => t.drop());

  it("sends at most 8 SQL statements for one save, and answers with the visit instead of a page", async () => {
    // The first save of the process warms the client up; the second one is measured.
    const warm = await household("Hộ Khởi Động");
    await recordVisitAction(
      { ok: false },
      form({ household: warm.id, idempotencyKey: randomUUID(), visitedOn: today, outcome: "not_home" }),
    );

    const h = await household("Hộ Đo Lường", true);
    const key = randomUUID();
    const { result, sql } = await statements(() =>
      recordVisitAction(
        { ok: false },
        form({
          household: h.id,
          idempotencyKey: key,
          visitedOn: today,
          outcome: "done",
          item: [skill.vneid_l2, skill.safety_briefing, skill.biz_einvoice],
          [`for-${skill.vneid_l2}`]: [h.head, h.wife],
          [`for-${skill.safety_briefing}`]: [h.wife],
          co: companion,
          campaign,
          notes: "Kích hoạt VNeID cho cả hai vợ chồng",
        }),
      ),
    );
    console.log(
      `one visit save: ${sql.length} SQL statements\n  ${sql.map((s) => s.replace(/\s+/g, " ").slice(0, 90)).join("\n  ")}`,
    );
    expect(sql.length).toBeLessThanOrEqual(8);

    const visit = await t.db.visit.findUniqueOrThrow({
      where: { idempotencyKey: key },
      include: { items: true, coVolunteers: true },
    });
    expect(result).toEqual({ ok: true, visitId: visit.id });
    expect(visit).toMatchObject({ outcome: "done", campaignId: campaign, notes: "Kích hoạt VNeID cho cả hai vợ chồng" });
    expect(visit.items.map((i) => [i.skillId, i.memberId]).sort()).toEqual(
      [
        [skill.vneid_l2, h.head],
        [skill.vneid_l2, h.wife],
        [skill.safety_briefing, h.wife],
        [skill.biz_einvoice, null],
      ].sort(),
    );
    expect(visit.coVolunteers.map((c) => c.userId)).toEqual([companion]);
    expect(await t.db.memberSkill.count({ where: { visitId: visit.id } })).toBe(3);
    expect(await t.db.businessSkill.count({ where: { skillId: skill.biz_einvoice, business: { householdId: h.id } } })).toBe(1);
    const after = await t.db.household.findUniqueOrThrow({ where: { id: h.id }, include: { family: true } });
    expect(after.lastVisitOn?.toISOString().slice(0, 10)).toBe(today);
    expect(after.firstReachedOn?.toISOString().slice(0, 10)).toBe(today);
    expect(after.version).toBe(h.version + 1);
    // Both adults now have VNeID and the head the rest: a digital family, recorded in the audit.
    expect(after.family?.status).toBe("digital");
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "visit.record", entityId: String(visit.id) } });
    expect(log.details).toMatchObject({ familyBefore: "in_progress", familyAfter: "digital" });

    // The same form again (a retry after a lost answer) lands on the same visit, writing nothing:
    // the read that checks a visit also finds the key (BEGIN, that read, COMMIT).
    const again = await statements(() =>
      recordVisitAction({ ok: false }, form({ household: h.id, idempotencyKey: key, visitedOn: today, outcome: "done" })),
    );
    expect(again.result).toEqual({ ok: true, visitId: visit.id });
    expect(again.sql).toHaveLength(3);
    expect(again.sql.filter((q) => /\b(INSERT|UPDATE|DELETE)\b/i.test(q))).toEqual([]);
  });

  it("stores a burst of 50 saves at once, 50 rows and no error, two saves per household", async () => {
    const homes: Awaited<ReturnType<typeof household>>[] = [];
    for (let i = 0; i < 25; i++) homes.push(await household(`Hộ Dồn Dập ${i}`));
    const keys = [...Array(50)].map(() => randomUUID());
    const results = await Promise.all(
      keys.map((key, i) => {
        const h = homes[i % homes.length];
        return recordVisitAction(
          { ok: false },
          form({
            household: h.id,
            idempotencyKey: key,
            visitedOn: today,
            outcome: "done",
            item: skill.vneid_l2,
            [`for-${skill.vneid_l2}`]: i < homes.length ? h.wife : h.head,
          }),
        ).catch((err: unknown) => ({ ok: false, formError: String(err) }));
      }),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await t.db.visit.count({ where: { idempotencyKey: { in: keys } } })).toBe(50);
    const families = await t.db.digitalFamily.findMany({ where: { householdId: { in: homes.map((h) => h.id) } } });
    expect(families.map((f) => f.status)).toEqual(homes.map(() => "digital"));
  });

  it("answers a save that cannot get a connection with a retryable error; the same form then saves once", async () => {
    const h = await household("Hộ Chờ Kết Nối");
    const fields = form({ household: h.id, idempotencyKey: randomUUID(), visitedOn: today, outcome: "not_home" });
    // Every connection of the pool is taken by a long transaction.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    const holders = [...Array(10)].map(() =>
      t.db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT 1`;
          started++;
          await gate;
        },
        { maxWait: 60_000, timeout: 120_000 },
      ),
    );
    while (started < 10) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(await recordVisitAction({ ok: false }, fields)).toEqual({ ok: false, formError: "busy" });
    } finally {
      release();
      await Promise.all(holders);
    }
    expect(await t.db.visit.count({ where: { householdId: h.id } })).toBe(0);
    const saved = await recordVisitAction({ ok: false }, fields);
    expect(saved).toMatchObject({ ok: true });
    expect(await recordVisitAction({ ok: false }, fields)).toEqual(saved);
    expect(await t.db.visit.count({ where: { householdId: h.id } })).toBe(1);
  });

  it("a correction sent again after its answer was lost is answered saved, and the visit is what it says", async () => {
    const h = await household("Hộ Sửa Lại");
    const first = await recordVisitAction(
      { ok: false },
      form({ household: h.id, idempotencyKey: randomUUID(), visitedOn: today, outcome: "not_home" }),
    );
    const visitId = first.visitId!;
    const { version } = await t.db.household.findUniqueOrThrow({ where: { id: h.id } });
    const correction = form({
      visit: visitId,
      version,
      visitedOn: today,
      outcome: "done",
      item: skill.vneid_l2,
      [`for-${skill.vneid_l2}`]: [h.head, h.wife],
      notes: "Đã quay lại, xong",
    });
    const { result, sql } = await statements(() => updateVisitAction({ ok: false }, correction));
    console.log(`one visit correction: ${sql.length} SQL statements`);
    expect(result).toEqual({ ok: true, visitId });
    // The answer was lost; the phone sends the same form again.
    expect(await updateVisitAction({ ok: false }, correction)).toEqual({ ok: true, visitId });
    const v = await t.db.visit.findUniqueOrThrow({ where: { id: visitId }, include: { items: true } });
    expect(v).toMatchObject({ outcome: "done", notes: "Đã quay lại, xong", followUpOn: null });
    expect(v.items.map((i) => [i.skillId, i.memberId])).toEqual([
      [skill.vneid_l2, h.head],
      [skill.vneid_l2, h.wife],
    ]);
    expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: h.id } })).status).toBe("digital");
    // A different correction from the same (now old) form is still refused as stale.
    const other = form({ visit: visitId, version, visitedOn: today, outcome: "declined" });
    expect(await updateVisitAction({ ok: false }, other)).toEqual({ ok: false, formError: "stale" });
  });

  it("sends a phone's queue in one request: each visit saved once, in order, a refusal answered beside the others", async () => {
    const [a, b] = [await household("Hộ Hàng Đợi A"), await household("Hộ Hàng Đợi B")];
    const pairs = (fields: Record<string, string | number | (string | number)[]>): [string, string][] =>
      Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, String(one)]));
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [
      pairs({
        household: a.id,
        idempotencyKey: keys[0],
        visitedOn: today,
        outcome: "done",
        item: skill.vneid_l2,
        [`for-${skill.vneid_l2}`]: [a.head, a.wife],
      }),
      pairs({ household: 999_999_999, idempotencyKey: keys[1], visitedOn: today, outcome: "not_home" }),
      pairs({ household: b.id, idempotencyKey: keys[2], visitedOn: today, outcome: "not_home" }),
    ];
    const { result: first, sql } = await statements(() => sendQueuedVisitsAction(volunteer.id, batch));
    // One transaction for the queue: BEGIN, then a read per visit and three writes per visit saved, COMMIT.
    expect(sql).toHaveLength(2 + 3 + 2 * 3);
    expect(first.ok).toBe(false);
    expect(first.answers.map((r) => r.ok)).toEqual([true, false, true]);
    expect(first.answers[1]).toMatchObject({ fieldErrors: { household: "householdNotFound" } });
    // The answer was lost: the phone sends the same queue again; nothing is stored twice.
    const again = await sendQueuedVisitsAction(volunteer.id, batch);
    expect(again.answers).toEqual(first.answers);
    expect(await t.db.visit.count({ where: { idempotencyKey: { in: keys } } })).toBe(2);
    expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: a.id } })).status).toBe("digital");
    // Two copies of a new queue racing (two tabs): each visit stored once, both told the same.
    const twice = [randomUUID(), randomUUID()].map((key) =>
      pairs({ household: b.id, idempotencyKey: key, visitedOn: today, outcome: "not_home" }),
    );
    const [x, y] = await Promise.all([sendQueuedVisitsAction(volunteer.id, twice), sendQueuedVisitsAction(volunteer.id, twice)]);
    expect(x).toMatchObject({ ok: true });
    expect(y).toEqual(x);
    expect(await t.db.visit.count({ where: { householdId: b.id } })).toBe(3);
    // Another user's queue, or no session: nothing is looked at.
    expect(await sendQueuedVisitsAction(volunteer.id + 1, batch)).toEqual({ ok: false, formError: "signedOut", answers: [] });
    // More than a batch holds is refused whole.
    const tooMany = Array.from({ length: 31 }, () => batch[2]);
    expect(await sendQueuedVisitsAction(volunteer.id, tooMany)).toEqual({ ok: false, formError: "fixErrors", answers: [] });
  });
});
