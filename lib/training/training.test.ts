import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { seedDemo } from "@/prisma/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, refused } from "@/lib/testing/refusals";
import { addWalkIn, checkInByCode, checkInRegistration, searchRegistrations } from "@/lib/training/attendance";
import { cancelEvent, createEvent, repeatEvent, updateEvent } from "@/lib/training/mutations";
import { createClassReminders } from "@/lib/training/reminders";
import { eventFormOptions, getEventForEdit, getEventRoster, listEvents } from "@/lib/training/queries";
import { addTopic, listTopics } from "@/lib/training/topics";
import { localToUtc, todayInVietnam, vietnamIsoDay } from "@/lib/format/dates";
import { CONSENT_KINDS, consentTextVi } from "@/lib/consent/texts";

let t: TestDatabase;
let communeId: number;
let otherCommuneId: number;
let topicWithSkill: number;
let skillId: number;

const as = (role: Role, commune: number | null = communeId): CurrentUser => ({
  id: 1,
  name: role,
  role,
  communeId: commune,
  memberId: null,
  username: role,
  phone: null,
});

const tomorrow = () => new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10);
/** Today in Vietnam: check-in is only possible on the class's own day. */
const today = () => todayInVietnam().toISOString().slice(0, 10);
/** The walk-in form's consent: the official read the sign-up sentence and ticked the box. */
const agreed = { consent: "yes", consentTextKey: CONSENT_KINDS.signup.key };
const todayClass = () => ({ ...valid(), date: today(), startTime: "00:00", endTime: "23:59" });

/** A member of the commune without the skill whose phone no other member shares. */
async function memberWithOwnPhone(exclude: number[] = []) {
  const rows = await t.db.$queryRaw<{ id: number }[]>`
    SELECT m.id FROM member m
    WHERE m.commune_id = ${communeId} AND m.phone IS NOT NULL AND NOT (m.id = ANY(${exclude}::int[]))
      AND NOT EXISTS (SELECT 1 FROM member_skill s WHERE s.member_id = m.id AND s.skill_id = ${skillId})
      AND (SELECT count(*) FROM member x WHERE x.commune_id = m.commune_id AND x.phone = m.phone) = 1
    ORDER BY m.id LIMIT 1`;
  return t.db.member.findUniqueOrThrow({ where: { id: rows[0].id }, include: { household: { include: { family: true } } } });
}
const valid = () => ({
  topicId: String(topicWithSkill),
  title: "Lớp an toàn trên mạng",
  audience: "residents",
  place: "Nhà văn hóa",
  organiser: "Đoàn xã",
  capacity: "30",
  date: tomorrow(),
  startTime: "08:00",
  endTime: "10:00",
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 40 });
  const c = await t.db.commune.findUniqueOrThrow({ where: { code: "tu-ky" } });
  communeId = c.id;
  otherCommuneId = (await t.db.commune.findFirstOrThrow({ where: { id: { not: communeId } } })).id;
  const topic = await t.db.trainingTopic.findFirstOrThrow({ where: { communeId, key: "online_safety" } });
  topicWithSkill = topic.id;
  skillId = topic.skillId!;
  // The actor must exist (audit log's actor).
  const u = await t.db.user.findFirstOrThrow({ where: { role: "official", communeId } });
  actorId = u.id;
}, 120_000);
afterAll(async () => t?.drop());

let actorId = 1;
const official = () => ({ ...as("official"), id: actorId });

describe("classes", () => {
  it("converts local time to UTC", () => {
    expect(localToUtc("2026-12-01", "08:30").toISOString()).toBe("2026-12-01T01:30:00.000Z");
  });

  it("every mutation refuses the wrong role and another commune", async () => {
    for (const u of [as("resident"), as("volunteer"), as("branch_leader"), as("city", null)]) {
      expect(await refused(createEvent(u, valid()))).toBe(true);
      expect(await refused(updateEvent(u, 1, 1, valid()))).toBe(true);
      expect(await refused(cancelEvent(u, 1, 1))).toBe(true);
      expect(await refused(repeatEvent(u, 1, { date: tomorrow() }))).toBe(true);
      expect(await refused(addTopic(u, { nameVi: "Chủ đề", nameEn: "Topic" }))).toBe(true);
      expect(await refused(checkInByCode(u, 1, { code: "ACDEFGHJ" }))).toBe(true);
      expect(await refused(checkInRegistration(u, 1, 1))).toBe(true);
      expect(await refused(addWalkIn(u, 1, { fullName: "Ai đó", ...agreed }))).toBe(true);
      expect(await refused(searchRegistrations(u, 1, "ng"))).toBe(true);
    }
    for (const u of [as("resident"), as("volunteer"), as("branch_leader"), as("city", null)]) {
      expect(await refused(listEvents(u, { when: "upcoming" }))).toBe(true);
      expect(await refused(getEventRoster(u, 1))).toBe(true);
      expect(await refused(getEventForEdit(u, 1))).toBe(true);
      expect(await refused(eventFormOptions(u))).toBe(true);
      expect(await refused(listTopics(u))).toBe(true);
    }
    const created = await asFormState(createEvent(official(), valid()));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const stranger = { ...as("official", otherCommuneId), id: actorId };
    expect(await asFormState(updateEvent(stranger, id, 1, valid()))).toEqual({ ok: false, formError: "notFound" });
    expect(await asFormState(cancelEvent(stranger, id, 1))).toEqual({ ok: false, formError: "notFound" });
    expect(await asFormState(repeatEvent(stranger, id, { date: tomorrow() }))).toEqual({ ok: false, formError: "notFound" });
    expect(await asFormState(checkInByCode(stranger, id, { code: "ACDEFGHJ" }))).toEqual({ ok: false, formError: "notFound" });
    expect(await asFormState(addWalkIn(stranger, id, { fullName: "Ai đó", ...agreed }))).toEqual({
      ok: false,
      formError: "notFound",
    });
    expect(await getEventRoster(stranger, id)).toBeNull();
    expect(await getEventForEdit(stranger, id)).toBeNull();
    expect(await searchRegistrations(stranger, id, "nguyen")).toEqual([]);
    expect(await asFormState(checkInRegistration(stranger, id, 1))).toEqual({ ok: false, formError: "notFound" });
    // Another commune's skill cannot be attached to a topic.
    const foreignSkill = await t.db.skill.findFirstOrThrow({ where: { communeId: { not: communeId } } }).catch(() => null);
    if (foreignSkill)
      expect(
        await asFormState(addTopic(official(), { nameVi: "Chủ đề lạ", nameEn: "Foreign", skillId: String(foreignSkill.id) })),
      ).toMatchObject({
        fieldErrors: { skillId: "skillInvalid" },
      });
    // The other commune's official cannot use this commune's topic either.
    expect((await asFormState(createEvent(stranger, valid()))).ok).toBe(false);
  });

  it("bad input returns message keys and saves nothing", async () => {
    const before = await t.db.trainingEvent.count();
    const r = await asFormState(
      createEvent(official(), { ...valid(), title: "", capacity: "0", endTime: "07:00", topicId: "999999" }),
    );
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { title: "titleShort", capacity: "capacityInvalid", endTime: "endBeforeStart" },
    });
    const r2 = await asFormState(createEvent(official(), { ...valid(), topicId: "999999" }));
    expect(r2).toMatchObject({ ok: false, fieldErrors: { topicId: "topicInvalid" } });
    expect(await asFormState(addTopic(official(), { nameVi: "", nameEn: "x" }))).toMatchObject({
      ok: false,
      fieldErrors: { nameVi: "required" },
    });
    expect(await asFormState(addWalkIn(official(), 1, { fullName: "A", phone: "123", ...agreed }))).toMatchObject({
      ok: false,
      fieldErrors: { fullName: "nameShort", phone: "phoneInvalid" },
    });
    expect(await t.db.trainingEvent.count()).toBe(before);
  });

  it("refuses a stale edit, repeats, adds a topic", async () => {
    const c = await asFormState(createEvent(official(), valid()));
    const id = c.ok ? c.id : 0;
    expect(await asFormState(updateEvent(official(), id, 1, { ...valid(), title: "Đã sửa" }))).toEqual({ ok: true, id });
    expect(await asFormState(updateEvent(official(), id, 1, { ...valid(), title: "Sửa cũ" }))).toEqual({
      ok: false,
      formError: "stale",
    });
    expect((await t.db.trainingEvent.findUniqueOrThrow({ where: { id } })).title).toBe("Đã sửa");
    const rep = await asFormState(repeatEvent(official(), id, { date: "2027-01-05" }));
    expect(rep.ok).toBe(true);
    const copy = await t.db.trainingEvent.findUniqueOrThrow({ where: { id: rep.ok ? rep.id : 0 } });
    expect(copy.startsAt.toISOString()).toBe("2027-01-05T01:00:00.000Z");
    expect(copy.endsAt.toISOString()).toBe("2027-01-05T03:00:00.000Z");
    expect(await asFormState(updateEvent(official(), id, 2, { ...valid(), capacity: "-1" }))).toMatchObject({
      ok: false,
      fieldErrors: { capacity: "capacityInvalid" },
    });
    expect((await t.db.trainingEvent.findUniqueOrThrow({ where: { id } })).version).toBe(2);
    const list = await listEvents(official(), { when: "upcoming" });
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ capacity: 30, _count: { registrations: 0 } });
    const topic = await asFormState(
      addTopic(official(), { nameVi: "Chữ ký số", nameEn: "Digital signature", skillId: String(skillId) }),
    );
    expect(topic.ok).toBe(true);
    const { topics } = await listTopics(official());
    expect(topics.find((x) => x.nameEn === "Digital signature")).toMatchObject({ key: "digital_signature" });
  });
});

describe("attendance and cancellation", () => {
  it("check-in by code marks the member's skill and recomputes the family; walk-ins too", async () => {
    const c = await asFormState(createEvent(official(), todayClass()));
    const eventId = c.ok ? c.id : 0;
    // A member without the skill, with a phone of their own.
    const member = await memberWithOwnPhone();
    const reg = await t.db.registration.create({
      data: { communeId, eventId, fullName: member.fullName, phone: member.phone!, code: "TESTCDE1".replace("1", "3") },
    });
    const r = await asFormState(checkInByCode(official(), eventId, { code: reg.code.toLowerCase() }));
    expect(r).toMatchObject({ ok: true, already: false, skillMembers: 1 });
    const skill = await t.db.memberSkill.findUniqueOrThrow({ where: { memberId_skillId: { memberId: member.id, skillId } } });
    expect(skill.acquiredOn.toISOString().slice(0, 10)).toBe(today());
    const log = await t.db.auditLog.findFirst({ where: { action: "member_skill.from_class", entityId: String(member.id) } });
    expect(log?.details).toMatchObject({ eventId, skillId });
    // Checking in again changes nothing.
    expect(await asFormState(checkInByCode(official(), eventId, { code: reg.code }))).toMatchObject({ ok: true, already: true });
    expect(await asFormState(checkInByCode(official(), eventId, { code: "QQQQQQQQ" }))).toMatchObject({
      fieldErrors: { code: "codeNotFound" },
    });

    // Name search without tone marks, then check-in by id.
    const other = await t.db.registration.create({
      data: { communeId, eventId, fullName: "Nguyễn Thị Hường", phone: "0977000111", code: "TESTCDE4" },
    });
    const found = await searchRegistrations(official(), eventId, "nguyen thi huong");
    expect(found.map((f) => f.id)).toContain(other.id);
    expect(await asFormState(checkInRegistration(official(), eventId, other.id))).toMatchObject({ ok: true, skillMembers: 0 });

    // Walk-in with a member's phone gains the skill.
    const m2 = await memberWithOwnPhone([member.id]);
    expect(
      await asFormState(addWalkIn(official(), eventId, { fullName: m2.fullName, phone: m2.phone!, ...agreed })),
    ).toMatchObject({
      ok: true,
      skillMembers: 1,
    });
    expect(await t.db.attendance.count({ where: { eventId, registrationId: null } })).toBe(1);
  });

  it("attendance flips the family status", async () => {
    // A household whose only adult needs just this skill for the next level: build one.
    const c = await asFormState(createEvent(official(), todayClass()));
    const eventId = c.ok ? c.id : 0;
    const village = await t.db.village.findFirstOrThrow({ where: { communeId } });
    const household = await t.db.household.create({
      data: { communeId, villageId: village.id, headName: "Trần Văn Thử", address: "Số 1" },
    });
    const m = await t.db.member.create({
      data: {
        communeId,
        householdId: household.id,
        fullName: "Trần Văn Thử",
        birthYear: 1980,
        gender: "male",
        phone: "0966123456",
        isHead: true,
      },
    });
    const fam = await t.db.digitalFamily.create({
      data: { communeId, householdId: household.id, status: "enrolled", enrolledOn: new Date("2026-01-01") },
    });
    const reg = await t.db.registration.create({
      data: { communeId, eventId, fullName: m.fullName, phone: "0966 123 456", code: "TESTCDE6" },
    });
    await asFormState(checkInByCode(official(), eventId, { code: reg.code }));
    const after = await t.db.digitalFamily.findUniqueOrThrow({ where: { id: fam.id } });
    expect(after.status).not.toBe("enrolled");
  });

  it("a shared family phone gives no skill unless the registration names the member", async () => {
    const c = await asFormState(createEvent(official(), todayClass()));
    const eventId = c.ok ? c.id : 0;
    const village = await t.db.village.findFirstOrThrow({ where: { communeId } });
    const household = await t.db.household.create({
      data: { communeId, villageId: village.id, headName: "Lê Văn Chung", address: "Số 2" },
    });
    const phone = "0966555444";
    const [a, b] = await Promise.all(
      ["Lê Văn Chung", "Lê Thị Chung"].map((fullName, i) =>
        t.db.member.create({
          data: { communeId, householdId: household.id, fullName, birthYear: 1980, gender: i ? "female" : "male", phone },
        }),
      ),
    );
    const shared = await t.db.registration.create({
      data: { communeId, eventId, fullName: a.fullName, phone, code: "SHARED01" },
    });
    expect(await asFormState(checkInByCode(official(), eventId, { code: shared.code }))).toMatchObject({
      ok: true,
      skillMembers: 0,
    });
    expect(await asFormState(addWalkIn(official(), eventId, { fullName: b.fullName, phone, ...agreed }))).toMatchObject({
      ok: true,
      skillMembers: 0,
    });
    expect(await t.db.memberSkill.count({ where: { memberId: { in: [a.id, b.id] }, skillId } })).toBe(0);
    // The registration made from the resident's account names the member: only they gain it.
    const named = await t.db.registration.create({
      data: { communeId, eventId, fullName: b.fullName, phone: "0966555443", code: "SHARED02", memberId: b.id },
    });
    expect(await asFormState(checkInByCode(official(), eventId, { code: named.code }))).toMatchObject({
      ok: true,
      skillMembers: 1,
    });
    expect(await t.db.memberSkill.count({ where: { memberId: b.id, skillId } })).toBe(1);
    expect(await t.db.memberSkill.count({ where: { memberId: a.id, skillId } })).toBe(0);
  });

  it("two check-ins of the same person at once: one checks in, the other says already", async () => {
    const c = await asFormState(createEvent(official(), todayClass()));
    const eventId = c.ok ? c.id : 0;
    const member = await memberWithOwnPhone();
    const reg = await t.db.registration.create({
      data: { communeId, eventId, fullName: member.fullName, phone: member.phone!, code: "TWICE001" },
    });
    const results = await Promise.all([
      asFormState(checkInByCode(official(), eventId, { code: reg.code })),
      asFormState(checkInRegistration(official(), eventId, reg.id)),
    ]);
    expect(results.map((r) => (r.ok ? r.already : r)).sort()).toEqual([false, true]);
    expect(await t.db.attendance.count({ where: { registrationId: reg.id } })).toBe(1);
    expect(await t.db.memberSkill.count({ where: { memberId: member.id, skillId } })).toBe(1);
  });

  it("someone waiting who comes takes a free seat; when the class is full they are refused", async () => {
    const c = await asFormState(createEvent(official(), { ...todayClass(), capacity: 1 }));
    const eventId = c.ok ? c.id : 0;
    const reg = (fullName: string, phone: string, code: string, status: "confirmed" | "waitlist") =>
      t.db.registration.create({ data: { communeId, eventId, fullName, phone, code, status } });
    const seated = await reg("Người Có Chỗ", "0911000301", "SEATED01", "confirmed");
    const waiting = await reg("Người Đang Chờ", "0911000302", "WAITING1", "waitlist");
    // Full: refused, nothing marked, still waiting.
    expect(await asFormState(checkInByCode(official(), eventId, { code: waiting.code }))).toEqual({
      ok: false,
      formError: "waitingNoSeat",
      params: { name: "Người Đang Chờ" },
    });
    expect(await t.db.attendance.count({ where: { registrationId: waiting.id } })).toBe(0);
    // The seated person cancels: the seat is free, and the waiting person who came takes it.
    await t.db.registration.update({ where: { id: seated.id }, data: { status: "cancelled" } });
    expect(await asFormState(checkInRegistration(official(), eventId, waiting.id))).toMatchObject({ ok: true, already: false });
    expect(await t.db.registration.findUniqueOrThrow({ where: { id: waiting.id }, select: { status: true } })).toEqual({
      status: "confirmed",
    });
    expect(await t.db.registration.count({ where: { eventId, status: "confirmed" } })).toBe(1);
  });

  it("check-in is refused on any day but the class's own", async () => {
    const c = await asFormState(createEvent(official(), valid()));
    const eventId = c.ok ? c.id : 0;
    const reg = await t.db.registration.create({
      data: { communeId, eventId, fullName: "Phạm Văn Sớm", phone: "0977000222", code: "EARLY001" },
    });
    expect(await asFormState(checkInByCode(official(), eventId, { code: reg.code }))).toEqual({
      ok: false,
      formError: "notClassDay",
    });
    expect(await asFormState(checkInRegistration(official(), eventId, reg.id))).toEqual({ ok: false, formError: "notClassDay" });
    expect(await asFormState(addWalkIn(official(), eventId, { fullName: "Khách", phone: "", ...agreed }))).toEqual({
      ok: false,
      formError: "notClassDay",
    });
    expect(await t.db.attendance.count({ where: { eventId } })).toBe(0);
  });

  it("a walk-in is added only with the consent the official read aloud, recorded with it", async () => {
    const c = await asFormState(createEvent(official(), todayClass()));
    const eventId = c.ok ? c.id : 0;
    const person = { fullName: "Đinh Văn Khách", phone: "0977000333" };
    const consents = () => t.db.consent.count({ where: { communeId, recordedById: actorId, method: "in_person" } });
    const before = await consents();
    // No tick, a "no", or a form showing an older sentence: refused, nothing written.
    expect(await asFormState(addWalkIn(official(), eventId, person))).toEqual({
      ok: false,
      fieldErrors: { consent: "walkInConsentRequired", consentTextKey: "consentTextChanged" },
    });
    expect(await asFormState(addWalkIn(official(), eventId, { ...person, ...agreed, consent: "no" }))).toEqual({
      ok: false,
      fieldErrors: { consent: "walkInConsentRequired" },
    });
    expect(await asFormState(addWalkIn(official(), eventId, { ...person, ...agreed, consentTextKey: "signup.v0" }))).toEqual({
      ok: false,
      fieldErrors: { consentTextKey: "consentTextChanged" },
    });
    expect(await t.db.attendance.count({ where: { eventId } })).toBe(0);
    expect(await consents()).toBe(before);

    // Ticked: the attendance and a consent row with the exact sentence, its key, how and by whom.
    const at = new Date();
    expect(await asFormState(addWalkIn(official(), eventId, { ...person, ...agreed }))).toMatchObject({
      ok: true,
      name: person.fullName,
    });
    expect(await t.db.attendance.count({ where: { eventId, registrationId: null } })).toBe(1);
    const rows = await t.db.consent.findMany({ where: { communeId, recordedById: actorId, recordedAt: { gte: at } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "training_contact",
      granted: true,
      text: consentTextVi("signup"),
      textKey: "signup.v1",
      method: "in_person",
      recordedById: actorId,
      withdrawnAt: null,
    });
    expect(rows[0].text).toContain("Tôi đồng ý để Uỷ ban nhân dân xã dùng họ tên, số điện thoại");
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "attendance.walk_in" }, orderBy: { id: "desc" } });
    expect(log.details).toMatchObject({ eventId, consentId: rows[0].id });
  });

  it("cancelling enqueues one message per registration, exactly once", async () => {
    const c = await asFormState(createEvent(official(), valid()));
    const eventId = c.ok ? c.id : 0;
    await t.db.registration.createMany({
      data: [
        { communeId, eventId, fullName: "Người A", phone: "0912000001", code: "TESTCDE7" },
        { communeId, eventId, fullName: "Người B", phone: "0912000002", code: "TESTCDE9", status: "waitlist" },
        { communeId, eventId, fullName: "Người C", phone: "0912000003", code: "TESTCDEA", status: "cancelled" },
      ],
    });
    expect(await asFormState(cancelEvent(official(), eventId, 1))).toEqual({ ok: true, id: eventId });
    expect(await asFormState(cancelEvent(official(), eventId, 2))).toEqual({ ok: true, id: eventId });
    const msgs = await t.db.outboxMessage.findMany({
      where: { kind: "class_cancelled", dedupeKey: { startsWith: `class_cancelled:${eventId}:` } },
    });
    expect(msgs).toHaveLength(2);
    expect(msgs[0].channel).toBe("log");
    expect((await t.db.trainingEvent.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("cancelled");
    expect(await asFormState(checkInByCode(official(), eventId, { code: "TESTCDE7" }))).toEqual({
      ok: false,
      formError: "cancelledClass",
    });
  });
});

describe("reminders", () => {
  it("creates one reminder per confirmed registration of tomorrow's classes, once", async () => {
    const now = new Date();
    const tmr = vietnamIsoDay(1, now);
    const c = await asFormState(createEvent(official(), { ...valid(), date: tmr, startTime: "07:30", endTime: "09:00" }));
    const eventId = c.ok ? c.id : 0;
    await t.db.registration.createMany({
      data: [
        { communeId, eventId, fullName: "Người D", phone: "0912000011", code: "TESTRMD1" },
        { communeId, eventId, fullName: "Người E", phone: "0912000012", code: "TESTRMD3", status: "waitlist" },
      ],
    });
    await createClassReminders(now);
    await createClassReminders(now);
    const msgs = await t.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `class_reminder:${eventId}:` } } });
    expect(msgs).toHaveLength(1);
    expect(msgs[0].body).toContain("TEST-RMD1");
    // Not before 08:00 in Vietnam the day before the class (or now, if that has passed).
    const eightAm = localToUtc(today(), "08:00");
    expect(msgs[0].sendAfter.getTime()).toBe(Math.max(eightAm.getTime(), now.getTime()));
  });

  it("a reminder made early in the night waits for 08:00", async () => {
    // 00:30 in Vietnam on the day before a class.
    const now = new Date("2031-03-09T17:30:00Z");
    const c = await asFormState(
      createEvent(official(), { ...valid(), date: "2031-03-11", startTime: "07:30", endTime: "09:00" }),
    );
    const eventId = c.ok ? c.id : 0;
    await t.db.registration.create({ data: { communeId, eventId, fullName: "Người F", phone: "0912000013", code: "TESTRMD4" } });
    expect(await createClassReminders(now)).toBeGreaterThanOrEqual(1);
    const msg = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: `class_reminder:${eventId}:` } } });
    expect(msg.sendAfter.toISOString()).toBe("2031-03-10T01:00:00.000Z");
  });
});
