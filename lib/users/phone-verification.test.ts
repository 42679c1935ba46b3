import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { form, outcome } from "@/lib/testing/calls";
import { actAs, freshAddress } from "@/lib/testing/next-fakes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError, settled } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";
import { registerForClass, RegistrationInputSchema } from "@/lib/training/registrations";
import {
  PHONE_CODE,
  scrubSpentCodeMessages,
  sendMyPhoneCode,
  verifyMyPhone,
  verifyPhoneInPerson,
} from "@/lib/users/phone-verification";

// The attack of issue 12: someone registers a number that signed up for classes without an
// account, and reads or changes that person's data through the account. Called the way the
// attacker calls them: the register and sign-in actions, the export route, the resident's actions;
// the one seam is the session (lib/testing/next-fakes.ts), the database is real.
vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());

const { registerResidentAction } = await import("@/app/(public)/register/actions");
const { signInAction } = await import("@/app/(public)/login/actions");
const { verifyMyPhoneAction, sendMyPhoneCodeAction, withdrawMyConsentAction } = await import("@/app/(portal)/resident/actions");
const { verifyPhoneInPersonAction } = await import("@/app/(portal)/admin/users/actions");
const { GET: exportRoute } = await import("@/app/api/me/export/route");
const { getCurrentUser } = await import("@/lib/auth/session");
const { getMyResidentOverview } = await import("@/lib/residents/queries");

let t: TestDatabase;
let communeId: number;
let otherCommuneId: number;
let villageId: number;
let eventId: number;
let seq = 0;
const nextPhone = () => `097${String(1_000_000 + seq++).padStart(7, "0")}`;

/** Someone signs up for a class on the public schedule with their phone, and has no account. */
async function classSignUp(phone: string, fullName: string) {
  const { code } = await registerForClass(
    communeId,
    RegistrationInputSchema.parse({
      eventId: String(eventId),
      fullName,
      phone,
      villageId: String(villageId),
      consent: "yes",
      idempotencyKey: randomUUID(),
    }),
    "Tôi đồng ý (văn bản thử)",
  );
  return code;
}

/** /register, then sign in with the same number and password, as a person does. */
async function registerAndSignIn(name: string, phone: string, password: string) {
  freshAddress();
  actAs(null);
  const registered = await outcome(
    registerResidentAction({ ok: false }, form({ name, phone, password, confirm: password, communeId, consent: "yes" })),
  );
  expect(registered).toEqual({ kind: "redirect", to: "/login?registered=1", status: 307 });
  expect(await outcome(signInAction({ ok: false }, form({ login: phone, password })))).toMatchObject({ kind: "redirect" });
  const me = await getCurrentUser();
  expect(me?.name).toBe(name);
  return me!;
}

async function myExport() {
  const res = await exportRoute(new Request("http://localhost/api/me/export"));
  expect(res.status).toBe(200);
  return JSON.parse(await res.text()) as {
    user: { phone: string | null };
    registrations: { code: string; fullName: string }[];
    consents: { textKey: string }[];
  };
}

/** The newest code sent to a number, read from the outbox as its owner reads the message. */
async function codeSentTo(phone: string): Promise<string> {
  const sms = await t.db.outboxMessage.findFirstOrThrow({
    where: { kind: "phone_code", recipient: phone },
    orderBy: { id: "desc" },
  });
  return /\d{6}/.exec(sms.body)![0];
}

beforeAll(async () => {
  t = await createTestDatabase();
  const c = await t.db.commune.create({
    data: { code: "pv", name: "Xã Xác Minh", province: "Hải Phòng", villages: { create: { name: "Thôn 1", code: "t1" } } },
    include: { villages: true },
  });
  communeId = c.id;
  villageId = c.villages[0]!.id;
  otherCommuneId = (
    await t.db.commune.create({
      data: { code: "pk", name: "Xã Khác", province: "Hải Phòng", villages: { create: { name: "Thôn 1", code: "t1" } } },
    })
  ).id;
  const topic = await t.db.trainingTopic.create({ data: { communeId, key: "safety", nameVi: "An toàn", nameEn: "Safety" } });
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  eventId = (
    await t.db.trainingEvent.create({
      data: {
        communeId,
        topicId: topic.id,
        title: "Lớp an toàn trên mạng",
        audience: "residents",
        place: "Nhà văn hoá",
        organiser: "Trung tâm Chính trị",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        capacity: 30,
      },
    })
  ).id;
});
afterAll(() => t?.drop());

describe("an account's phone number before and after it is proven", () => {
  it("shows nothing linked by the number (overview, export, consents) until the code sent to it is entered", async () => {
    const phone = nextPhone();
    const code = await classSignUp(phone, "Trần Thị Bích");
    const signUpConsent = await t.db.consent.findFirstOrThrow({ where: { registration: { code } } });

    const me = await registerAndSignIn("Kẻ Lạ Mặt", phone, "Mat khau cua ke la 1");
    expect(me.phone).toBeNull();
    expect((await getMyResidentOverview(me)).registrations).toEqual([]);
    const before = await myExport();
    expect(before.registrations).toEqual([]);
    expect(before.consents.map((c) => c.textKey)).toEqual(["register.v1"]);
    expect(JSON.stringify(before)).not.toContain(code);
    expect(JSON.stringify(before)).not.toContain("Trần Thị Bích");
    // Someone else's consent is out of reach: not found, and nothing withdrawn.
    expect(await outcome(withdrawMyConsentAction(form({ consentId: signUpConsent.id })))).toMatchObject({
      kind: "status",
      status: 404,
    });
    expect((await t.db.consent.findUniqueOrThrow({ where: { id: signUpConsent.id } })).withdrawnAt).toBeNull();

    // A wrong code proves nothing.
    const sent = await codeSentTo(phone);
    const wrong = sent === "000000" ? "000001" : "000000";
    expect(await outcome(verifyMyPhoneAction({ ok: false }, form({ code: wrong })))).toEqual({
      kind: "returned",
      value: { ok: false, fieldErrors: { code: "phoneCodeWrong" } },
    });
    expect((await myExport()).registrations).toEqual([]);

    // The person holding the phone reads the message and enters the code.
    expect(await outcome(verifyMyPhoneAction({ ok: false }, form({ code: sent })))).toMatchObject({
      kind: "redirect",
      to: "/resident?verified=1",
    });
    const proven = (await getCurrentUser())!;
    expect(proven.phone).toBe(phone);
    expect((await getMyResidentOverview(proven)).registrations.map((r) => r.code)).toEqual([code]);
    const after = await myExport();
    expect(after.registrations).toMatchObject([{ code, fullName: "Trần Thị Bích" }]);
    expect(after.consents.map((c) => c.textKey).sort()).toEqual(["register.v1", "signup.v1"]);
    // Audited, without the code.
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.verify_phone", entityId: String(proven.id) } });
    expect(log.details).toEqual({ method: "code", closed: 0 });
    const trail = await t.db.auditLog.findMany({ select: { details: true, before: true, after: true } });
    expect(JSON.stringify(trail)).not.toContain(sent);
    // The code is blanked in the outbox once used: its messages no longer hold any code.
    const messages = await t.db.outboxMessage.findMany({ where: { kind: "phone_code", recipient: phone } });
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m.body).not.toMatch(/\d{6}/);
  });

  it("a stranger's registration neither blocks the owner nor tells them the number is taken; the owner's proof closes it", async () => {
    const phone = nextPhone();
    await classSignUp(phone, "Lê Văn Chủ");
    const stranger = await registerAndSignIn("Kẻ Lạ Mặt", phone, "Mat khau cua ke la 2");
    const strangerRow = await t.db.user.findUniqueOrThrow({ where: { id: stranger.id } });

    // The owner registers the same number later: not "phone taken", an account of their own.
    const owner = await registerAndSignIn("Lê Văn Chủ", phone, "Mat khau cua chu so 2");
    expect(owner.id).not.toBe(stranger.id);
    expect(await outcome(verifyMyPhoneAction({ ok: false }, form({ code: await codeSentTo(phone) })))).toMatchObject({
      kind: "redirect",
      to: "/resident?verified=1",
    });
    expect((await myExport()).registrations).toMatchObject([{ fullName: "Lê Văn Chủ" }]);

    // The stranger's account is closed and its session ends.
    expect(await t.db.user.findUniqueOrThrow({ where: { id: stranger.id } })).toMatchObject({
      active: false,
      phone: null,
      unverifiedPhone: null,
    });
    actAs(strangerRow);
    expect(await getCurrentUser()).toBeNull();
    expect(await outcome(signInAction({ ok: false }, form({ login: phone, password: "Mat khau cua ke la 2" })))).toMatchObject({
      kind: "returned",
      value: { ok: false, formError: "invalid" },
    });
    const closed = await t.db.auditLog.findFirstOrThrow({
      where: { action: "user.close_unverified", entityId: String(stranger.id) },
    });
    expect(closed.actorId).toBe(owner.id);
  });

  it("a number with a proven account: /register answers as for a new account, creates nothing, and tells the owner", async () => {
    const phone = nextPhone();
    const owner = await registerAndSignIn("Chủ Số Máy", phone, "Mat khau cua chu so 3");
    await verifyMyPhone(owner, { code: await codeSentTo(phone) });
    const users = await t.db.user.count();
    freshAddress();
    actAs(null);
    const again = await outcome(
      registerResidentAction(
        { ok: false },
        form({
          name: "Kẻ Lạ Mặt",
          phone,
          password: "Mat khau cua ke la 3",
          confirm: "Mat khau cua ke la 3",
          communeId,
          consent: "yes",
        }),
      ),
    );
    expect(again).toEqual({ kind: "redirect", to: "/login?registered=1", status: 307 });
    expect(await t.db.user.count()).toBe(users);
    const told = await t.db.outboxMessage.findFirstOrThrow({ where: { kind: "phone_account_exists", recipient: phone } });
    // Sent without tone marks (lib/outbox/sms-text.ts).
    expect(told.body).toContain("da co tai khoan");
  });
});

describe("the code", () => {
  async function unverifiedResident() {
    const phone = nextPhone();
    const row = await t.db.user.create({
      data: { communeId, unverifiedPhone: phone, name: "Người Chờ Mã", role: "resident", passwordHash: "x" },
    });
    return { phone, row, me: currentUserOf(row) };
  }

  it("is kept only as a keyed hash, expires after ten minutes, and allows five tries", async () => {
    const { phone, row, me } = await unverifiedResident();
    const t0 = new Date();
    expect(await settled(sendMyPhoneCode(me, t0))).toEqual({ ok: true });
    const code = await codeSentTo(phone);
    const stored = await t.db.phoneCode.findUniqueOrThrow({ where: { userId: row.id } });
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored.expiresAt.getTime() - t0.getTime()).toBe(PHONE_CODE.ttlMinutes * 60_000);

    const late = new Date(t0.getTime() + PHONE_CODE.ttlMinutes * 60_000 + 1);
    expect(await settled(verifyMyPhone(me, { code }, late))).toEqual({ ok: false, field: "code", error: "phoneCodeExpired" });

    const wrong = code === "999999" ? "999998" : "999999";
    for (let i = 1; i < PHONE_CODE.maxAttempts; i++) {
      expect(await settled(verifyMyPhone(me, { code: wrong }, t0))).toEqual({
        ok: false,
        field: "code",
        error: "phoneCodeWrong",
      });
    }
    expect(await settled(verifyMyPhone(me, { code: wrong }, t0))).toEqual({
      ok: false,
      field: "code",
      error: "phoneCodeTooManyTries",
    });
    // The right code no longer helps: a new one must be sent.
    expect(await settled(verifyMyPhone(me, { code }, t0))).toEqual({ ok: false, field: "code", error: "phoneCodeTooManyTries" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: row.id } })).phone).toBeNull();
  });

  it("is blanked in the outbox once delivered and expired, and kept while it is valid or unsent", async () => {
    const phones = [nextPhone(), nextPhone(), nextPhone()];
    for (const phone of phones) await registerAndSignIn("Người Nhận Mã", phone, "Mat khau nguoi nhan ma");
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const [expiredSent, validSent, expiredUnsent] = phones;
    await t.db.outboxMessage.updateMany({
      where: { recipient: expiredSent },
      data: { status: "logged", createdAt: ago(PHONE_CODE.ttlMinutes + 1) },
    });
    await t.db.outboxMessage.updateMany({
      where: { recipient: validSent },
      data: { status: "logged", createdAt: ago(PHONE_CODE.ttlMinutes - 1) },
    });
    await t.db.outboxMessage.updateMany({
      where: { recipient: expiredUnsent },
      data: { createdAt: ago(PHONE_CODE.ttlMinutes + 1) },
    });

    expect(await scrubSpentCodeMessages(t.db, { now })).toBeGreaterThanOrEqual(1);
    const body = async (recipient: string) =>
      (await t.db.outboxMessage.findFirstOrThrow({ where: { kind: "phone_code", recipient } })).body;
    expect(await body(expiredSent)).not.toMatch(/\d{6}/);
    expect(await body(validSent)).toMatch(/\d{6}/);
    expect(await body(expiredUnsent)).toMatch(/\d{6}/);
  });

  it("counts parallel guesses under a lock: never more than five tries", async () => {
    const { phone, row, me } = await unverifiedResident();
    await sendMyPhoneCode(me);
    const code = await codeSentTo(phone);
    const wrong = code === "111111" ? "111112" : "111111";
    await Promise.all(Array.from({ length: 12 }, () => settled(verifyMyPhone(me, { code: wrong }))));
    expect((await t.db.phoneCode.findUniqueOrThrow({ where: { userId: row.id } })).attempts).toBe(PHONE_CODE.maxAttempts);
  });

  it("a new code is limited per account", async () => {
    const { me } = await unverifiedResident();
    const t0 = new Date();
    for (let i = 0; i < 3; i++) expect(await settled(sendMyPhoneCode(me, t0))).toEqual({ ok: true });
    expect(await settled(sendMyPhoneCode(me, t0))).toEqual({ ok: false, error: "rateLimited" });
  });

  it("messages to one number are limited, whichever account asks", async () => {
    const phone = nextPhone();
    const t0 = new Date();
    const results = [];
    for (let i = 0; i < 6; i++) {
      const row = await t.db.user.create({
        data: { communeId, unverifiedPhone: phone, name: `Người ${i}`, role: "resident", passwordHash: "x" },
      });
      results.push((await settled(sendMyPhoneCode(currentUserOf(row), t0))).ok);
    }
    expect(results).toEqual([true, true, true, true, true, false]);
    expect(await t.db.outboxMessage.count({ where: { recipient: phone } })).toBe(5);
  });

  it("is refused through the action while the resident sends an ill-formed one", async () => {
    const { row } = await unverifiedResident();
    actAs(row);
    expect(await outcome(verifyMyPhoneAction({ ok: false }, form({ code: "12ab" })))).toEqual({
      kind: "returned",
      value: { ok: false, fieldErrors: { code: "phoneCodeInvalid" } },
    });
    expect(await outcome(sendMyPhoneCodeAction())).toMatchObject({ kind: "redirect", to: "/resident?codeSent=1#phone" });
  });
});

describe("verifying in person", () => {
  it("an admin of the commune verifies a resident's number, audited; another commune's admin cannot", async () => {
    const phone = nextPhone();
    const resident = await t.db.user.create({
      data: { communeId, unverifiedPhone: phone, name: "Bà Cụ Không Có Tin Nhắn", role: "resident", passwordHash: "x" },
    });
    const admin = await t.db.user.create({
      data: { communeId, username: "qt-pv", name: "Quản Trị", role: "admin", passwordHash: "x" },
    });
    const foreign = await t.db.user.create({
      data: { communeId: otherCommuneId, username: "qt-pk", name: "Quản Trị Khác", role: "admin", passwordHash: "x" },
    });
    expect(await httpError(verifyPhoneInPerson(currentUserOf(foreign), resident.id))).toBe("404");
    actAs(admin);
    expect(await outcome(verifyPhoneInPersonAction(form({ id: resident.id })))).toMatchObject({
      kind: "redirect",
      to: "/admin/users?done=verifyPhone",
    });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: resident.id } })).toMatchObject({ phone, unverifiedPhone: null });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.verify_phone", entityId: String(resident.id) } });
    expect(log).toMatchObject({ actorId: admin.id, details: { method: "in_person", closed: 0 } });
  });
});
