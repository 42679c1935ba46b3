import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NO_PASSWORD } from "@/lib/auth/password";
import { authenticate } from "@/lib/auth/credentials";
import { ACTIVATE_LIMIT } from "@/lib/security/limits";
import { form, outcome } from "@/lib/testing/calls";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actAs, freshAddress } from "@/lib/testing/next-fakes";
import { settled } from "@/lib/testing/refusals";
import { currentUserOf } from "@/lib/testing/users";
import { activateAccount, requestActivationCode } from "@/lib/users/activation";
import { PHONE_CODE, verifyPhoneInPerson } from "@/lib/users/phone-verification";

// The phone proof of decision 0007 for accounts the commune imported (decision 0019): called as
// the volunteer calls them, through /activate's actions and the sign-in action; the one seam is
// the session (lib/testing/next-fakes.ts), the database is real.
vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());

const { sendActivationCodeAction, activateAccountAction } = await import("@/app/(public)/activate/actions");
const { signInAction } = await import("@/app/(public)/login/actions");
const { getCurrentUser } = await import("@/lib/auth/session");

let t: TestDatabase;
let communeId: number;
let branchId: number;
let adminId: number;
let seq = 0;
const nextPhone = () => `096${String(1_000_000 + seq++).padStart(7, "0")}`;
const PASSWORD = "Đoàn viên thôn An Lão";

/** A volunteer as the youth union's list made them: an unverified number, no password. */
async function imported(phone: string, role: "volunteer" | "branch_leader" = "volunteer") {
  const u = await t.db.user.create({
    data: { communeId, name: "Đoàn Viên Nhập", role, unverifiedPhone: phone, passwordHash: NO_PASSWORD },
  });
  await t.db.volunteerProfile.create({
    data: { userId: u.id, communeId, branchId, isLeader: role === "branch_leader", joinedOn: new Date() },
  });
  return u;
}

async function messagesTo(phone: string) {
  return t.db.outboxMessage.findMany({ where: { recipient: phone }, orderBy: { id: "asc" } });
}

/** The newest code sent to a number, as its holder reads the message. */
async function codeSentTo(phone: string): Promise<string> {
  const sms = await t.db.outboxMessage.findFirstOrThrow({
    where: { kind: "phone_code", recipient: phone },
    orderBy: { id: "desc" },
  });
  return /\d{6}/.exec(sms.body)![0];
}

const send = (phone: string) => outcome(sendActivationCodeAction({ ok: false }, form({ phone })));
const activate = (fields: { phone: string; code: string; password?: string; confirm?: string }) =>
  outcome(activateAccountAction({ ok: false }, form({ password: PASSWORD, confirm: fields.password ?? PASSWORD, ...fields })));

beforeAll(async () => {
  t = await createTestDatabase();
  const c = await t.db.commune.create({
    data: { code: "kh", name: "Xã Kích Hoạt", province: "Hải Phòng", villages: { create: { name: "Thôn 1", code: "t1" } } },
  });
  communeId = c.id;
  branchId = (await t.db.youthBranch.create({ data: { communeId, name: "Chi đoàn Thôn 1" } })).id;
  adminId = (await t.db.user.create({ data: { communeId, username: "qt", name: "Quản Trị", role: "admin", passwordHash: "x" } }))
    .id;
});
afterAll(() => t?.drop());

describe("activating an imported account", () => {
  it("cannot sign in before; the code sent to its number and a new password activate it; then it signs in", async () => {
    const phone = nextPhone();
    const me = await imported(phone, "branch_leader");
    // A stranger registered the number before (not proven): closed once the volunteer proves it.
    const stranger = await t.db.user.create({
      data: { communeId, name: "Kẻ Lạ", role: "resident", unverifiedPhone: phone, passwordHash: "$2b$10$x" },
    });
    freshAddress();
    actAs(null);
    for (const password of ["", NO_PASSWORD, "Mat khau bat ky 1"]) expect(await authenticate(phone, password)).toBeNull();
    expect(await outcome(signInAction({ ok: false }, form({ login: phone, password: NO_PASSWORD })))).toMatchObject({
      kind: "returned",
      value: { ok: false, formError: "invalid" },
    });

    expect(await send(phone.replace(/^0/, "+84 "))).toEqual({ kind: "returned", value: { ok: true, values: { phone } } });
    const code = await codeSentTo(phone);
    // A wrong code: refused beside the code, counted.
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await activate({ phone, code: wrong })).toEqual({
      kind: "returned",
      value: { ok: false, fieldErrors: { code: "activationCodeInvalid" }, values: { phone, code: wrong } },
    });
    expect(await t.db.phoneCode.findUniqueOrThrow({ where: { userId: me.id } })).toMatchObject({ attempts: 1 });
    // The password policy of /register.
    expect(await activate({ phone, code, password: "1234567890", confirm: "1234567890" })).toMatchObject({
      value: { fieldErrors: { password: "passwordDigits" } },
    });
    expect(await activate({ phone, code, password: `${PASSWORD}!`, confirm: PASSWORD })).toMatchObject({
      value: { fieldErrors: { confirm: "passwordMismatch" } },
    });

    expect(await activate({ phone, code })).toEqual({ kind: "redirect", to: "/login?activated=1", status: 307 });
    const after = await t.db.user.findUniqueOrThrow({
      where: { id: me.id },
      select: { phone: true, unverifiedPhone: true, passwordHash: true },
    });
    expect(after.phone).toBe(phone);
    expect(after.unverifiedPhone).toBeNull();
    expect(after.passwordHash).not.toBe(NO_PASSWORD);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: stranger.id } })).toMatchObject({
      active: false,
      unverifiedPhone: null,
    });
    // The code is spent: gone, and blanked in the outbox.
    expect(await t.db.phoneCode.count({ where: { userId: me.id } })).toBe(0);
    for (const m of await messagesTo(phone)) expect(m.body).not.toMatch(/\d{6}/);
    expect(await activate({ phone, code })).toMatchObject({ value: { fieldErrors: { code: "activationCodeInvalid" } } });
    // Audited without the code or the number.
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.activate", entityId: String(me.id) } });
    expect(log.details).toEqual({ proof: "code" });
    expect(JSON.stringify([log.details, log.before, log.after])).not.toContain(code);

    expect(await outcome(signInAction({ ok: false }, form({ login: phone, password: PASSWORD })))).toMatchObject({
      kind: "redirect",
    });
    expect(await getCurrentUser()).toMatchObject({ id: me.id, role: "branch_leader", phone });
    actAs(null);
  });

  it("answers the same for a number that names no account waiting, and sends nothing there", async () => {
    const [nobody, resident, activated] = [nextPhone(), nextPhone(), nextPhone()];
    // A resident's own account, and a volunteer who already has a password: nothing to activate.
    await t.db.user.create({
      data: { communeId, name: "Người Dân", role: "resident", unverifiedPhone: resident, passwordHash: "$2b$10$x" },
    });
    await t.db.user.create({ data: { communeId, name: "Đã Có", role: "volunteer", phone: activated, passwordHash: "$2b$10$x" } });
    const waiting = nextPhone();
    await imported(waiting);
    freshAddress();
    const answers = [];
    for (const phone of [nobody, resident, activated, waiting]) {
      const o = (await send(phone)) as { kind: "returned"; value: { values: { phone: string } } };
      answers.push({ ...o, value: { ...o.value, values: { phone: "…" } } });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await messagesTo(nobody)).toEqual([]);
    expect(await messagesTo(resident)).toEqual([]);
    expect(await messagesTo(activated)).toEqual([]);
    expect(await messagesTo(waiting)).toHaveLength(1);
    // Step 2 for a number with no account waiting: the same refusal as a wrong code.
    for (const phone of [nobody, resident, activated]) {
      expect(await activate({ phone, code: "123456" })).toEqual({
        kind: "returned",
        value: { ok: false, fieldErrors: { code: "activationCodeInvalid" }, values: { phone, code: "123456" } },
      });
    }
  });

  it("refuses an expired code and one tried too often, with the same answer", async () => {
    const phone = nextPhone();
    const me = await imported(phone);
    await requestActivationCode(phone);
    const code = await codeSentTo(phone);
    const late = new Date(Date.now() + (PHONE_CODE.ttlMinutes + 1) * 60_000);
    const input = { phone, code, password: PASSWORD, confirm: PASSWORD };
    expect(await settled(activateAccount(input, late))).toEqual({ ok: false, error: "activationCodeInvalid", field: "code" });
    const wrong = code === "999999" ? "999998" : "999999";
    for (let i = 0; i < PHONE_CODE.maxAttempts; i++) {
      expect(await settled(activateAccount({ ...input, code: wrong }))).toMatchObject({
        ok: false,
        error: "activationCodeInvalid",
      });
    }
    // Used up: the right code no longer works; a new one does.
    expect(await settled(activateAccount(input))).toMatchObject({ ok: false, error: "activationCodeInvalid" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: me.id } })).phone).toBeNull();
    await requestActivationCode(phone);
    expect(await settled(activateAccount({ ...input, code: await codeSentTo(phone) }))).toEqual({
      ok: true,
      value: { userId: me.id },
    });
  });

  it("after an administrator verified the number in person, the code still sets the password", async () => {
    const phone = nextPhone();
    const me = await imported(phone);
    const admin = currentUserOf(await t.db.user.findUniqueOrThrow({ where: { id: adminId } }));
    await verifyPhoneInPerson(admin, me.id);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: me.id }, select: { phone: true, passwordHash: true } })).toEqual({
      phone,
      passwordHash: NO_PASSWORD,
    });
    expect(await authenticate(phone, NO_PASSWORD)).toBeNull();
    freshAddress();
    await send(phone);
    expect(await activate({ phone, code: await codeSentTo(phone) })).toMatchObject({
      kind: "redirect",
      to: "/login?activated=1",
    });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.activate", entityId: String(me.id) } });
    expect(log.details).toEqual({ proof: "in_person" });
    expect(await authenticate(phone, PASSWORD)).toMatchObject({ id: me.id, role: "volunteer" });
  });

  it("a number proven by someone else since: the holder of the code is told it has an account", async () => {
    const phone = nextPhone();
    const me = await imported(phone);
    await requestActivationCode(phone);
    const code = await codeSentTo(phone);
    await t.db.user.create({ data: { communeId, name: "Chủ Số", role: "resident", phone, passwordHash: "$2b$10$x" } });
    freshAddress();
    expect(await activate({ phone, code })).toMatchObject({ kind: "returned", value: { fieldErrors: { phone: "phoneTaken" } } });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } })).passwordHash).toBe(
      NO_PASSWORD,
    );
  });

  it("limits each step per address, as /register does", async () => {
    freshAddress();
    const phone = nextPhone();
    for (let i = 0; i < ACTIVATE_LIMIT.limit; i++) expect(await send(phone)).toMatchObject({ value: { ok: true } });
    expect(await send(phone)).toMatchObject({ value: { ok: false, formError: "rateLimited" } });
    for (let i = 0; i < ACTIVATE_LIMIT.limit; i++) await activate({ phone, code: "123456" });
    expect(await activate({ phone, code: "123456" })).toMatchObject({ value: { ok: false, formError: "rateLimited" } });
  });
});
