import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { getPublicHeadline } from "@/lib/dashboards/overview";
import { parsePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { getPublicProgress } from "@/lib/dashboards/public-progress";
import {
  carryOutErasure,
  ERASED,
  ErasureRequestSchema,
  getMyErasureRequest,
  listErasureRequests,
  requestErasure,
} from "@/lib/privacy/erasure";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError } from "@/lib/testing/refusals";
import { currentUserByUsername } from "@/lib/testing/users";
import { registerForClass, RegistrationInputSchema } from "@/lib/training/registrations";
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
    const signup = await registerForClass(
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

    expect(await carryOutErasure(admin, request.id)).toEqual({ ok: true, erased: true });
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
    expect(await carryOutErasure(admin, done.id)).toEqual({ ok: true, erased: false });
    expect(await t.db.auditLog.count()).toBe(audits);
  });
});
