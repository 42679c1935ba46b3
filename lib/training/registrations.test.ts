import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, refused } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";
import {
  cancelRegistration,
  CancelInputSchema,
  getRegistrationByCode,
  registerForClass,
  registerMeForClass,
  RegistrationInputSchema,
} from "@/lib/training/registrations";
import { getPublicClass, listSchedule, listUpcomingClasses } from "@/lib/training/schedule";
import { showRegistrationCode } from "@/lib/training/codes";
import { utcToLocal } from "@/lib/format/dates";
import { updateEvent } from "@/lib/training/mutations";
import { smsParts } from "@/lib/outbox/sms-text";

const CONSENT = "Tôi đồng ý (văn bản thử)";
const HOUR = 3_600_000;
/** 09:00 in Vietnam, `days` days from today there: classes never straddle midnight, whenever the test runs. */
const daysAhead = (days: number) => {
  const vn = new Date(Date.now() + 7 * HOUR + days * 24 * HOUR);
  return new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate(), 2));
};

describe("signing up for a class", () => {
  let t: TestDatabase;
  let communeId: number;
  let otherCommuneId: number;
  let villageId: number;
  let topicId: number;
  let phoneSeq = 0;
  const nextPhone = () => `09${String(10_000_000 + phoneSeq++).padStart(8, "0")}`;

  const makeClass = async (
    capacity: number,
    over: { communeId?: number; startsAt?: Date; status?: "scheduled" | "cancelled" } = {},
  ) =>
    (
      await t.db.trainingEvent.create({
        data: {
          communeId: over.communeId ?? communeId,
          topicId,
          title: `Lớp thử ${capacity}`,
          audience: "residents",
          place: "Nhà văn hoá",
          organiser: "Trung tâm Chính trị",
          startsAt: over.startsAt ?? daysAhead(2),
          endsAt: new Date((over.startsAt ?? daysAhead(2)).getTime() + 2 * HOUR),
          capacity,
          status: over.status ?? "scheduled",
        },
      })
    ).id;

  const input = (eventId: number, over: Record<string, string> = {}) =>
    RegistrationInputSchema.parse({
      eventId: String(eventId),
      fullName: "Nguyễn Văn An",
      phone: nextPhone(),
      villageId: String(villageId),
      consent: "yes",
      idempotencyKey: randomUUID(),
      ...over,
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    const c = await t.db.commune.create({ data: { code: "a", name: "Xã A", province: "Hải Phòng" } });
    const o = await t.db.commune.create({ data: { code: "b", name: "Xã B", province: "Hải Phòng" } });
    communeId = c.id;
    otherCommuneId = o.id;
    villageId = (await t.db.village.create({ data: { communeId, name: "Thôn 1", code: "t1" } })).id;
    await t.db.village.create({ data: { communeId: otherCommuneId, name: "Thôn B", code: "tb" } });
    topicId = (await t.db.trainingTopic.create({ data: { communeId, key: "ai", nameVi: "AI", nameEn: "AI" } })).id;
  });
  afterAll(() => t.drop());

  it("gives a seat, a code, a consent with the shown text, a confirmation in the outbox and an audit row", async () => {
    const eventId = await makeClass(5);
    const i = input(eventId);
    const r = await asFormState(registerForClass(communeId, i, CONSENT));
    expect(r).toMatchObject({ ok: true, status: "confirmed", existing: false });
    if (!r.ok) return;
    const reg = await t.db.registration.findUniqueOrThrow({ where: { code: r.code }, include: { consents: true } });
    expect(reg).toMatchObject({ phone: i.phone, villageId, communeId, status: "confirmed", userId: null });
    expect(reg.consents).toMatchObject([
      { purpose: "training_contact", granted: true, method: "online", text: CONSENT, textKey: "signup.v1" },
    ]);
    const msg = await t.db.outboxMessage.findFirstOrThrow({ where: { recipient: i.phone } });
    expect(msg).toMatchObject({ kind: "registration_confirmed", channel: "log", status: "pending" });
    expect(msg.body).toContain(showRegistrationCode(r.code)); // as the page shows it
    // The class's accented name and place are sent unmarked: the whole text is GSM-7, one part.
    expect(msg.body).toContain('"Lop thu 5"');
    expect(msg.body).toContain("Nha van hoa");
    expect(smsParts(msg.body)).toMatchObject({ encoding: "gsm7", parts: 1 });
    expect(await t.db.auditLog.count({ where: { entity: "registration", entityId: String(reg.id) } })).toBe(1);
  });

  it("a double submit (same idempotency key) gives one registration", async () => {
    const eventId = await makeClass(5);
    const i = input(eventId);
    const [a, b] = await Promise.all([
      asFormState(registerForClass(communeId, i, CONSENT)),
      asFormState(registerForClass(communeId, i, CONSENT)),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.code).toBe(b.code);
    expect([a.existing, b.existing].sort()).toEqual([false, true]);
    expect(await t.db.registration.count({ where: { eventId } })).toBe(1);
  });

  it("two people taking the last seat at once: one seat and one waiting place", async () => {
    const eventId = await makeClass(1);
    const [a, b] = await Promise.all([
      asFormState(registerForClass(communeId, input(eventId), CONSENT)),
      asFormState(registerForClass(communeId, input(eventId), CONSENT)),
    ]);
    const statuses = [a, b].map((r) => (r.ok ? r.status : (r.formError ?? r.fieldErrors?.phone))).sort();
    expect(statuses).toEqual(["confirmed", "waitlist"]);
    expect(await t.db.registration.count({ where: { eventId, status: "confirmed" } })).toBe(1);
    const c = (await getPublicClass(communeId, eventId))!;
    expect(c).toMatchObject({ seatsLeft: 0, confirmed: 1, waiting: 1 });
  });

  it("the same phone cannot take two seats, and the message does not reveal the code", async () => {
    const eventId = await makeClass(5);
    const phone = nextPhone();
    const first = await asFormState(registerForClass(communeId, input(eventId, { phone }), CONSENT));
    expect(first.ok).toBe(true);
    const again = await asFormState(registerForClass(communeId, input(eventId, { phone, fullName: "Người khác" }), CONSENT));
    expect(again).toEqual({ ok: false, fieldErrors: { phone: "phoneRegistered" } });
    expect(await t.db.registration.count({ where: { eventId } })).toBe(1);
  });

  it("cancel with code and phone promotes the first waiting person, who gets a message", async () => {
    const eventId = await makeClass(1);
    const seat = await asFormState(registerForClass(communeId, input(eventId), CONSENT));
    const p1 = nextPhone();
    const w1 = await asFormState(registerForClass(communeId, input(eventId, { phone: p1 }), CONSENT));
    const w2 = await asFormState(registerForClass(communeId, input(eventId), CONSENT));
    if (!seat.ok || !w1.ok || !w2.ok) throw new Error("setup");
    expect([w1.status, w2.status]).toEqual(["waitlist", "waitlist"]);
    expect((await getRegistrationByCode(communeId, w2.code))?.position).toBe(2);
    const seatRow = await t.db.registration.findUniqueOrThrow({ where: { code: seat.code } });

    // Wrong phone: refused, nothing changed.
    const wrong = await asFormState(
      cancelRegistration(communeId, CancelInputSchema.parse({ code: seat.code, phone: nextPhone() })),
    );
    expect(wrong).toEqual({ ok: false, formError: "codeNotFound" });
    expect((await t.db.registration.findUniqueOrThrow({ where: { code: seat.code } })).status).toBe("confirmed");

    const res = await asFormState(
      cancelRegistration(
        communeId,
        CancelInputSchema.parse({ code: seat.code.toLowerCase().replace(/(....)/, "$1-"), phone: seatRow.phone }),
      ),
    );
    expect(res).toEqual({ ok: true, alreadyCancelled: false, promoted: 1 });
    const after = await t.db.registration.findMany({ where: { eventId }, orderBy: { id: "asc" } });
    expect(after.map((r) => r.status)).toEqual(["cancelled", "confirmed", "waitlist"]);
    expect(after[1].promotedAt).not.toBeNull();
    expect(await t.db.outboxMessage.count({ where: { recipient: p1, kind: "registration_promoted" } })).toBe(1);
    expect((await getRegistrationByCode(communeId, w2.code))?.position).toBe(1);

    // Cancelling twice is harmless and promotes no one else.
    expect(
      await asFormState(cancelRegistration(communeId, CancelInputSchema.parse({ code: seat.code, phone: seatRow.phone }))),
    ).toEqual({
      ok: true,
      alreadyCancelled: true,
      promoted: 0,
    });
    // The same phone may sign up again after cancelling: it joins the end of the queue.
    const back = await asFormState(registerForClass(communeId, input(eventId, { phone: seatRow.phone }), CONSENT));
    expect(back).toMatchObject({ ok: true, status: "waitlist" });
  });

  it("a newcomer waits behind people already waiting, even when a seat is free", async () => {
    const eventId = await makeClass(1);
    const seat = await asFormState(registerForClass(communeId, input(eventId), CONSENT));
    const w1 = await asFormState(registerForClass(communeId, input(eventId), CONSENT));
    if (!seat.ok || !w1.ok) throw new Error("setup");
    // A seat freed without a promotion (e.g. by hand): it is not the newcomer's.
    await t.db.registration.update({ where: { code: seat.code }, data: { status: "cancelled" } });
    const late = await asFormState(registerForClass(communeId, input(eventId), CONSENT));
    expect(late).toMatchObject({ ok: true, status: "waitlist" });
  });

  it("raising the capacity promotes waiting people in order, each with a message", async () => {
    const eventId = await makeClass(1);
    const phones = [nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    for (const phone of phones)
      expect((await asFormState(registerForClass(communeId, input(eventId, { phone }), CONSENT))).ok).toBe(true);
    const ev = await t.db.trainingEvent.findUniqueOrThrow({ where: { id: eventId } });
    const start = utcToLocal(ev.startsAt);
    const end = utcToLocal(ev.endsAt);
    const o = await t.db.user.create({
      data: { communeId, username: "official-cap", name: "official", role: "official", passwordHash: "x" },
    });
    const official = currentUserOf(o);
    const res = await asFormState(
      updateEvent(official, eventId, ev.version, {
        topicId: String(topicId),
        title: ev.title,
        audience: ev.audience,
        place: ev.place,
        organiser: ev.organiser,
        capacity: "3",
        date: start.date,
        startTime: start.time,
        endTime: end.time,
      }),
    );
    expect(res).toEqual({ ok: true, id: eventId });
    const regs = await t.db.registration.findMany({ where: { eventId }, orderBy: { id: "asc" } });
    expect(regs.map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "waitlist"]);
    const promoted = await t.db.outboxMessage.findMany({ where: { kind: "registration_promoted", recipient: { in: phones } } });
    expect(promoted.map((m) => m.recipient).sort()).toEqual([phones[1], phones[2]].sort());
  });

  it("limits sign-ups per phone number across classes, with a message key", async () => {
    const phone = nextPhone();
    // Far ahead, so that they stay off the first page of the schedule other tests read.
    const later = () => makeClass(5, { startsAt: daysAhead(400) });
    for (let i = 0; i < 5; i++) {
      const r = await asFormState(registerForClass(communeId, input(await later(), { phone }), CONSENT));
      expect(r.ok).toBe(true);
    }
    const eventId = await later();
    const sixth = await asFormState(registerForClass(communeId, input(eventId, { phone }), CONSENT));
    expect(sixth).toEqual({ ok: false, fieldErrors: { phone: "phoneRateLimited" } });
    expect(await t.db.registration.count({ where: { eventId } })).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { recipient: phone } })).toBe(5);
    // The counter's key is a keyed hash: the counters table holds no phone number.
    expect(await t.db.rateLimitBucket.count({ where: { key: { contains: phone.slice(1) } } })).toBe(0);
    expect(await t.db.rateLimitBucket.count({ where: { key: { startsWith: "signup-phone:" } } })).toBeGreaterThan(0);
    // Another number is not affected.
    expect((await asFormState(registerForClass(communeId, input(eventId), CONSENT))).ok).toBe(true);
  });

  it("refuses bad input with message keys, and saves nothing", async () => {
    const eventId = await makeClass(5);
    const bad = RegistrationInputSchema.safeParse({
      eventId: "x",
      fullName: " ",
      phone: "12345",
      villageId: "",
      idempotencyKey: "nope",
    });
    expect(bad.success).toBe(false);
    const errs = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(errs).toEqual({
      eventId: "classNotFound",
      fullName: "nameShort",
      phone: "phoneInvalid",
      villageId: "villageRequired",
      consent: "consentRequired",
      idempotencyKey: "formExpired",
    });
    // A form sent before its scripts made a key gets one on the server.
    const noKey = RegistrationInputSchema.safeParse({ idempotencyKey: "" });
    expect(noKey.error!.issues.map((i) => i.path[0])).not.toContain("idempotencyKey");
    const missing = RegistrationInputSchema.safeParse({});
    expect(Object.fromEntries(missing.error!.issues.map((i) => [i.path[0], i.message]))).toMatchObject({
      fullName: "required",
      phone: "required",
    });
    expect(CancelInputSchema.safeParse({ code: "??", phone: "0912345678" }).error?.issues[0].message).toBe("codeInvalid");

    const before = await t.db.registration.count();
    const otherVillage = await t.db.village.findFirstOrThrow({ where: { communeId: otherCommuneId } });
    expect(
      await asFormState(registerForClass(communeId, input(eventId, { villageId: String(otherVillage.id) }), CONSENT)),
    ).toEqual({
      ok: false,
      fieldErrors: { villageId: "villageRequired" },
    });
    expect(await asFormState(registerForClass(communeId, input(999_999), CONSENT))).toEqual({
      ok: false,
      formError: "classNotFound",
    });
    const foreign = await makeClass(5, { communeId: otherCommuneId });
    expect(await asFormState(registerForClass(communeId, input(foreign), CONSENT))).toEqual({
      ok: false,
      formError: "classNotFound",
    });
    const past = await makeClass(5, { startsAt: new Date(Date.now() - HOUR) });
    expect(await asFormState(registerForClass(communeId, input(past), CONSENT))).toEqual({ ok: false, formError: "classClosed" });
    const cancelled = await makeClass(5, { status: "cancelled" });
    expect(await asFormState(registerForClass(communeId, input(cancelled), CONSENT))).toEqual({
      ok: false,
      formError: "classClosed",
    });
    expect(await t.db.registration.count()).toBe(before);
    expect(await getRegistrationByCode(communeId, "NOPE1234")).toBeNull();
  });

  it("shows partner classes, and a class of another commune is not found", async () => {
    const joint = await t.db.trainingEvent.create({
      data: {
        communeId: otherCommuneId,
        partnerCommuneId: communeId,
        topicId,
        title: "Lớp phối hợp",
        audience: "everyone",
        place: "Phường bên",
        organiser: "Phường B",
        startsAt: daysAhead(3),
        endsAt: new Date(daysAhead(3).getTime() + 2 * HOUR),
        capacity: 3,
      },
    });
    const list = await listSchedule(communeId, { audience: "residents" });
    expect(list.classes.map((c) => c.id)).toContain(joint.id);
    expect(await getPublicClass(otherCommuneId, (await makeClass(1)) + 0)).toBeNull();
    const r = await asFormState(registerForClass(communeId, input(joint.id), CONSENT));
    expect(r).toMatchObject({ ok: true, status: "confirmed" });
    // The registration belongs to the organising commune.
    if (r.ok) expect((await t.db.registration.findUniqueOrThrow({ where: { code: r.code } })).communeId).toBe(otherCommuneId);
  });

  it("the home page lists the schedule's first classes with the same seats and waiting list", async () => {
    const now = new Date();
    const home = await listUpcomingClasses(communeId, 6, now);
    const schedule = (await listSchedule(communeId, {}, now)).classes.slice(0, 6);
    expect(home.length).toBeGreaterThan(0);
    expect(home).toEqual(schedule);
    // A full class reads as full in both (no "0 seats left").
    expect(home.filter((c) => c.seatsLeft === 0).every((c) => c.confirmed >= c.capacity)).toBe(true);
  });

  describe("one tap for a signed-in resident", () => {
    const resident = async (over: Partial<CurrentUser> = {}): Promise<CurrentUser> => {
      const phone = nextPhone();
      const hh = await t.db.household.create({
        data: {
          communeId,
          villageId,
          headName: "Trần Thị Bình",
          address: "Số 1",
          members: { create: { communeId, fullName: "Trần Thị Bình", birthYear: 1970, gender: "female", isHead: true, phone } },
        },
        include: { members: true },
      });
      const u = await t.db.user.create({
        data: { communeId, phone, name: "Trần Thị Bình", role: "resident", passwordHash: "x", memberId: hh.members[0].id },
      });
      return { ...currentUserOf(u), ...over };
    };

    it("records the user, the member and the household's village", async () => {
      const user = await resident();
      const eventId = await makeClass(2);
      const r = await asFormState(registerMeForClass(user, { eventId, idempotencyKey: randomUUID() }, CONSENT));
      expect(r).toMatchObject({ ok: true, status: "confirmed" });
      const reg = await t.db.registration.findFirstOrThrow({ where: { eventId }, include: { consents: true } });
      expect(reg).toMatchObject({ userId: user.id, memberId: user.memberId, villageId, phone: user.phone, fullName: user.name });
      expect(reg.consents[0]).toMatchObject({ userId: user.id, text: CONSENT, textKey: "signup.v1" });
      expect(await asFormState(registerMeForClass(user, { eventId, idempotencyKey: randomUUID() }, CONSENT))).toEqual({
        ok: false,
        formError: "phoneRegistered",
      });
    });

    it("refuses other roles, another commune's resident, and an account without a phone", async () => {
      const eventId = await makeClass(2);
      const user = await resident();
      for (const role of ["official", "volunteer", "admin", "city"] as const)
        expect(await refused(registerMeForClass({ ...user, role }, { eventId, idempotencyKey: randomUUID() }, CONSENT))).toBe(
          true,
        );
      expect(
        await asFormState(
          registerMeForClass({ ...user, communeId: otherCommuneId }, { eventId, idempotencyKey: randomUUID() }, CONSENT),
        ),
      ).toEqual({ ok: false, formError: "classNotFound" });
      expect(
        await asFormState(registerMeForClass({ ...user, phone: null }, { eventId, idempotencyKey: randomUUID() }, CONSENT)),
      ).toEqual({
        ok: false,
        formError: "noPhone",
      });
      expect(await t.db.registration.count({ where: { eventId } })).toBe(0);
    });
  });
});
