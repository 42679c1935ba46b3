import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { getPublicHeadline } from "@/lib/dashboards/overview";
import { parsePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { getPublicProgress } from "@/lib/dashboards/public-progress";
import { createHousehold, updateHousehold, updateMember } from "@/lib/households/mutations";
import {
  carryOutErasure,
  ERASED,
  ErasureRequestSchema,
  getMyErasureRequest,
  listErasureRequests,
  requestErasure,
} from "@/lib/privacy/erasure";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, httpError } from "@/lib/testing/refusals";
import { currentUserByUsername, currentUserOf } from "@/lib/testing/users";
import { registerForClass, RegistrationInputSchema } from "@/lib/training/registrations";
import { recordVisit } from "@/lib/visits/mutations";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
const byUsername = (username: string) => currentUserByUsername(t.db, username);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 30 });
}, 120_000);
afterAll(async () => t?.drop());

describe("erasure", () => {
  it("only a resident asks, once at a time (a second ask returns the pending request)", async () => {
    for (const role of ["volunteer", "official", "admin"]) {
      expect(await httpError(requestErasure(await byUsername(role), { reason: "", confirm: "yes" })), role).toBe("403");
    }
    expect(ErasureRequestSchema.safeParse({ reason: "" }).error?.issues[0].message).toBe("confirmRequired");
    const resident = await byUsername("resident");
    const a = await requestErasure(resident, { reason: "Tôi chuyển đi nơi khác", confirm: "yes" });
    const b = await requestErasure(resident, { reason: "lần hai", confirm: "yes" });
    expect(b.id).toBe(a.id);
    expect(await getMyErasureRequest(resident)).toMatchObject({ id: a.id, status: "pending" });
    const list = await listErasureRequests(await byUsername("admin"));
    expect(list.rows.map((r) => r.id)).toEqual([a.id]);
    expect(list.rows[0].user?.name).toBe(resident.name);
  });

  it("the admin carries it out by anonymising; the public headline, progress and commune overview are identical", async () => {
    const admin = await byUsername("admin");
    const resident = await byUsername("resident");
    const communeId = admin.communeId!;
    const commune = await t.db.commune.findUniqueOrThrow({ where: { id: communeId } });
    // The resident also signed up for a class with their phone, and someone wrote a note on a visit.
    const ev = await t.db.trainingEvent.findFirstOrThrow({
      where: { communeId, status: "scheduled", startsAt: { gt: new Date() } },
      orderBy: { startsAt: "asc" },
    });
    const account = await t.db.user.findUniqueOrThrow({ where: { id: resident.id } });
    const phone = account.phone ?? "0977111222";
    if (!account.phone) await t.db.user.update({ where: { id: resident.id }, data: { phone } });
    const signup = await asFormState(
      registerForClass(
        communeId,
        RegistrationInputSchema.parse({
          eventId: String(ev.id),
          fullName: resident.name,
          phone,
          villageId: "0",
          consent: "yes",
          idempotencyKey: randomUUID(),
        }),
        "đồng ý",
      ),
    );
    expect(signup.ok).toBe(true);
    const member = await t.db.member.findUniqueOrThrow({ where: { id: resident.memberId! } });
    const visit = await t.db.visit.findFirst({ where: { householdId: member.householdId } });
    if (visit) await t.db.visit.update({ where: { id: visit.id }, data: { notes: `Anh ${resident.name} cần hỗ trợ thêm` } });

    const figures = async () => ({
      headline: await getPublicHeadline(communeId, commune.name),
      progress: await getPublicProgress(communeId),
      dashboard: await getOfficialDashboard(await byUsername("official"), parsePeriod({}).period),
      counts: {
        households: await t.db.household.count({ where: { communeId } }),
        members: await t.db.member.count({ where: { communeId } }),
        skills: await t.db.memberSkill.count({ where: { communeId } }),
        visits: await t.db.visit.count({ where: { communeId } }),
        registrations: await t.db.registration.count({ where: { communeId } }),
        attendance: await t.db.attendance.count({ where: { communeId } }),
      },
    });
    const before = await figures();
    expect(before.counts.households).toBeGreaterThan(0);

    const [request] = (await listErasureRequests(admin)).rows;
    // Not another commune's admin, nor an official.
    const otherCommune = await t.db.commune.findFirstOrThrow({ where: { id: { not: communeId } } });
    expect(await httpError(carryOutErasure({ ...admin, communeId: otherCommune.id }, request.id))).toBe("404");
    expect(await httpError(carryOutErasure(await byUsername("official"), request.id))).toBe("403");

    expect(await carryOutErasure(admin, request.id)).toEqual({ erased: true });
    expect(await figures()).toEqual(before);

    const u = await t.db.user.findUniqueOrThrow({ where: { id: resident.id } });
    expect(u).toMatchObject({ name: ERASED, phone: null, username: null, active: false });
    expect(u.sessionVersion).toBe(account.sessionVersion + 1);
    expect(await authenticate("resident", "congdanso")).toBeNull();
    expect(await authenticate(phone, "congdanso")).toBeNull();

    const m = await t.db.member.findUniqueOrThrow({ where: { id: member.id }, include: { skills: true } });
    expect(m).toMatchObject({ fullName: ERASED, phone: null, birthYear: member.birthYear });
    const h = await t.db.household.findUniqueOrThrow({ where: { id: member.householdId } });
    if (member.isHead) expect(h).toMatchObject({ headName: ERASED, phone: null, address: ERASED });
    expect(await t.db.visit.count({ where: { householdId: member.householdId, notes: { not: null } } })).toBe(0);
    const regs = await t.db.registration.findMany({
      where: { OR: [{ userId: resident.id }, { eventId: ev.id, phone: { startsWith: "xoa-" } }] },
    });
    expect(regs.length).toBeGreaterThan(0);
    for (const r of regs) expect(r).toMatchObject({ fullName: ERASED, phone: `xoa-${r.id}` });
    expect(await t.db.registration.count({ where: { phone } })).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { recipient: phone } })).toBe(0);
    expect(await t.db.consent.count({ where: { userId: resident.id, withdrawnAt: null } })).toBe(0);
    expect(await t.db.consent.count({ where: { userId: resident.id } })).toBeGreaterThan(0);

    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "erasure.carry_out", entityId: String(request.id) } });
    expect(log.actorId).toBe(admin.id);
    expect(JSON.stringify([log.details, log.before, log.after])).not.toContain(phone);
    expect((await listErasureRequests(admin)).rows).toEqual([]);
    expect((await listErasureRequests(admin, "done")).rows[0]).toMatchObject({ id: request.id, status: "done" });
  });

  it("carrying out the same request again changes nothing", async () => {
    const admin = await byUsername("admin");
    const [done] = (await listErasureRequests(admin, "done")).rows;
    const audits = await t.db.auditLog.count();
    expect(await carryOutErasure(admin, done.id)).toEqual({ erased: false });
    expect(await t.db.auditLog.count()).toBe(audits);
  });
});

describe("after an erasure", () => {
  /**
   * Every row of every text, varchar, JSON or jsonb column (arrays of them too) of every table
   * whose text holds `needle`, as "table.column".
   */
  async function columnsHolding(needle: string): Promise<string[]> {
    const columns = await t.db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
        AND c.udt_name IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', '_json', '_jsonb')
        -- Rate-limit keys are made keyed hashes by issue 12's item 6 (lib/security/rate-limit), not here.
        AND c.table_name <> 'rate_limit_bucket'`;
    expect(columns.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [{ n }] = await t.db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${table_name}" WHERE strpos("${column_name}"::text, $1) > 0`,
        needle,
      );
      if (n > 0n) found.push(`${table_name}.${column_name}`);
    }
    return found;
  }

  it("no text or JSON column of any table, the audit trail included, holds the person's name, phone, addresses or notes", async () => {
    const admin = await byUsername("admin");
    const communeId = admin.communeId!;
    const official = await byUsername("official");
    const village = await t.db.village.findFirstOrThrow({ where: { communeId } });
    const person = {
      name: "Âu Dương Khuê Nhã",
      renamed: "Âu Dương Thị Khuê Nhã",
      phone: "0869123457",
      memberPhone: "0869123458",
      address: "Số 77 ngõ Quỳnh Lâm",
      moved: "Số 99 ngách Hoa Sữa",
      note: "Bà Khuê Nhã cần con cháu hỗ trợ",
    };
    // The head's household: created, moved, the head renamed with a second phone, a visit noted,
    // a class sign-up, an account: each write audited on the way.
    const created = await createHousehold(official, {
      villageId: village.id,
      headName: person.name,
      address: person.address,
      phone: person.phone,
      headBirthYear: 1961,
      headGender: "female",
      createAnyway: true,
      consent: true,
    });
    expect(
      await updateHousehold(official, created.id, {
        villageId: village.id,
        headName: person.name,
        address: person.moved,
        phone: person.phone,
        version: 1,
      }),
    ).toEqual({ id: created.id });
    const head = await t.db.member.findFirstOrThrow({ where: { householdId: created.id, isHead: true } });
    await updateMember(official, created.id, head.id, {
      fullName: person.renamed,
      birthYear: 1961,
      gender: "female",
      phone: person.memberPhone,
      isHead: true,
      skills: [],
      skillsOnForm: false,
      version: head.version,
    });
    const visit = await recordVisit(admin, {
      householdId: created.id,
      idempotencyKey: randomUUID(),
      visitedOn: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`),
      outcome: "declined",
      items: [],
      coVolunteerIds: [],
      campaignId: null,
      notes: person.note,
    });
    expect(visit).toMatchObject({ duplicate: false });
    const ev = await t.db.trainingEvent.findFirstOrThrow({
      where: { communeId, status: "scheduled", startsAt: { gt: new Date() } },
      orderBy: { startsAt: "desc" },
    });
    const signup = await asFormState(
      registerForClass(
        communeId,
        RegistrationInputSchema.parse({
          eventId: String(ev.id),
          fullName: person.renamed,
          phone: person.memberPhone,
          villageId: "0",
          consent: "yes",
          idempotencyKey: randomUUID(),
        }),
        "đồng ý",
      ),
    );
    expect(signup.ok).toBe(true);
    const account = await t.db.user.create({
      data: { communeId, role: "resident", name: person.renamed, phone: person.phone, memberId: head.id, passwordHash: "x" },
    });
    const { id } = await requestErasure(currentUserOf(account), { reason: "", confirm: "yes" });

    // The search itself works: before the erasure, each value still current is somewhere.
    const current = [person.renamed, person.phone, person.memberPhone, person.moved, person.note];
    for (const needle of current) expect(await columnsHolding(needle), needle).not.toEqual([]);

    expect(await carryOutErasure(admin, id)).toEqual({ erased: true });
    for (const needle of [...current, person.name, person.address]) expect(await columnsHolding(needle), needle).toEqual([]);
    // The audit trail still tells who did what to which record.
    const trail = await t.db.auditLog.findMany({
      where: { entity: "household", entityId: String(created.id) },
      orderBy: { id: "asc" },
    });
    expect(trail.map((r) => [r.action, r.actorId])).toEqual([
      ["household.create", official.id],
      ["household.update", official.id],
    ]);
    expect(trail[1]!.details).toEqual({ changed: ["address"] });
  }, 120_000);
});
