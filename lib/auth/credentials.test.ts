import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, requestSignInUnlock, signInAccount } from "@/lib/auth/credentials";
import { PHONE_CODE } from "@/lib/users/phone-verification";
import { accountDelaySeconds, SIGNIN_ACCOUNT_LIMIT, SIGNIN_ALL_CLIENTS_LIMIT, signInLockedUntil } from "@/lib/auth/lockout";
import { hashPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("authenticate", () => {
  let t: TestDatabase;
  let communeId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const commune = await t.db.commune.create({ data: { code: "c1", name: "Xã Một", province: "Hải Phòng" } });
    communeId = commune.id;
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.createMany({
      data: [
        { communeId, username: "canbo", name: "Cán bộ", role: "official", passwordHash },
        { communeId, phone: "0912345678", name: "Người dân", role: "resident", passwordHash },
        { communeId, username: "nghiviec", name: "Đã nghỉ", role: "volunteer", passwordHash, active: false },
      ],
    });
  });
  afterAll(() => t.drop());

  it("signs in by username, with the claims the session needs", async () => {
    const claims = await authenticate("CanBo ", "dung-mat-khau");
    expect(claims).toMatchObject({ name: "Cán bộ", role: "official", communeId, sessionVersion: 1 });
    const row = await t.db.user.findUniqueOrThrow({ where: { username: "canbo" } });
    expect(row.lastLoginAt).not.toBeNull();
  });

  it("signs in by phone number however it is written", async () => {
    expect(await authenticate("+84 912 345 678", "dung-mat-khau")).toMatchObject({ role: "resident" });
    expect(await authenticate("0912.345.678", "dung-mat-khau")).toMatchObject({ role: "resident" });
  });

  it("refuses a wrong password, an unknown login and a deactivated account", async () => {
    expect(await authenticate("canbo", "sai")).toBeNull();
    expect(await authenticate("khongco", "dung-mat-khau")).toBeNull();
    expect(await authenticate("nghiviec", "dung-mat-khau")).toBeNull();
    expect(await authenticate("", "")).toBeNull();
  });

  it("never returns the password hash from ordinary queries", async () => {
    const row = (await t.db.user.findFirstOrThrow({ where: { username: "canbo" } })) as Record<string, unknown>;
    expect(row).not.toHaveProperty("passwordHash");
  });

  it("locks an account after five wrong passwords, refuses even the right one, and unlocks when the window ends", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.create({ data: { communeId, username: "bikhoa", name: "Bị khoá", role: "official", passwordHash } });
    const t0 = new Date();
    for (let i = 0; i < 5; i++) expect(await authenticate("bikhoa", "sai", "10.0.0.1", t0)).toBeNull();
    expect(await authenticate("bikhoa", "dung-mat-khau", "10.0.0.2", t0)).toBeNull();
    const later = new Date(t0.getTime() + 16 * 60 * 1000);
    expect(await authenticate("bikhoa", "dung-mat-khau", "10.0.0.2", later)).toMatchObject({ role: "official" });
  });

  it("lets the holder of the account's proven number sign in during the wait with the code sent there", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    const phone = "0938111222";
    const user = await t.db.user.create({ data: { communeId, phone, name: "Chủ Số", role: "resident", passwordHash } });
    const t0 = new Date();
    // A stranger has made the account wait.
    for (let i = 0; i < SIGNIN_ACCOUNT_LIMIT.limit; i++) expect(await authenticate(phone, "sai", `10.7.0.${i}`, t0)).toBeNull();
    expect(await authenticate(phone, "dung-mat-khau", "10.7.1.1", t0)).toBeNull();
    const codeMessages = () =>
      t.db.outboxMessage.findMany({ where: { kind: "signin_unlock", recipient: phone }, orderBy: { id: "desc" } });

    // Asking for a code for a login with no account, or for an account not waiting, sends nothing.
    await requestSignInUnlock("0938999000", "10.7.1.1", t0);
    await requestSignInUnlock("canbo", "10.7.1.1", t0);
    expect(await t.db.outboxMessage.count({ where: { kind: "signin_unlock" } })).toBe(0);

    // The holder asks (the phone written another way); the code goes to the proven number.
    await requestSignInUnlock("+84 938 111 222", "10.7.1.1", t0);
    const [message] = await codeMessages();
    const code = /\d{6}/.exec(message!.body)![0];
    expect(await t.db.phoneCode.findUniqueOrThrow({ where: { userId: user.id } })).not.toHaveProperty("code");
    // A wrong code lifts nothing; the stranger guessing the code does not get in with a wrong password.
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await authenticate(phone, "dung-mat-khau", "10.7.1.1", t0, wrong)).toBeNull();
    expect(await authenticate(phone, "sai", "10.7.0.9", t0, code)).toBeNull();
    // The code and the right password: signed in during the wait; the code is spent and blanked.
    expect(await authenticate(phone, "dung-mat-khau", "10.7.1.1", t0, code)).toMatchObject({ id: user.id });
    expect(await t.db.phoneCode.findUnique({ where: { userId: user.id } })).toBeNull();
    expect((await codeMessages())[0]!.body).not.toMatch(/\d{6}/);
    // Spent: it does not lift a new wait.
    for (let i = 0; i < SIGNIN_ACCOUNT_LIMIT.limit; i++) await authenticate(phone, "sai", `10.7.2.${i}`, t0);
    expect(await authenticate(phone, "dung-mat-khau", "10.7.1.1", t0, code)).toBeNull();
  });

  it("an unlock code allows five tries, expires, and is bound to its account", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    const [a, b] = ["0938333444", "0938555666"];
    await t.db.user.create({ data: { communeId, phone: a, name: "Người A", role: "resident", passwordHash } });
    await t.db.user.create({ data: { communeId, phone: b, name: "Người B", role: "resident", passwordHash } });
    const t0 = new Date();
    for (const p of [a, b]) for (let i = 0; i < SIGNIN_ACCOUNT_LIMIT.limit; i++) await authenticate(p, "sai", `10.8.0.${i}`, t0);
    await requestSignInUnlock(a, "10.8.1.1", t0);
    // The newest code sent to a number.
    const codeOf = async (p: string) =>
      /\d{6}/.exec(
        (await t.db.outboxMessage.findFirstOrThrow({ where: { kind: "signin_unlock", recipient: p }, orderBy: { id: "desc" } }))
          .body,
      )![0];
    const codeA = await codeOf(a);
    // A's code does nothing for B.
    expect(await authenticate(b, "dung-mat-khau", "10.8.1.1", t0, codeA)).toBeNull();
    // Expired after ten minutes (and the account still waits then: the stranger kept failing).
    const late = new Date(t0.getTime() + (PHONE_CODE.ttlMinutes * 60 + 1) * 1000);
    for (let i = 0; i < 3; i++) await authenticate(a, "sai", `10.8.2.${i}`, new Date(late.getTime() - 1000));
    expect(await authenticate(a, "dung-mat-khau", "10.8.1.1", late, codeA)).toBeNull();
    // Five tries, then even the right code is refused.
    await requestSignInUnlock(a, "10.8.1.1", late);
    const fresh = await codeOf(a);
    const wrong = fresh === "000000" ? "000001" : "000000";
    for (let i = 0; i < PHONE_CODE.maxAttempts; i++)
      expect(await authenticate(a, "dung-mat-khau", "10.8.1.1", late, wrong)).toBeNull();
    expect(await authenticate(a, "dung-mat-khau", "10.8.1.1", late, fresh)).toBeNull();
  });

  it("limits failures per address across accounts", async () => {
    const t0 = new Date();
    for (let i = 0; i < 30; i++) await authenticate(`khongco${i}`, "sai", "10.9.9.9", t0);
    expect(await authenticate("canbo", "dung-mat-khau", "10.9.9.9", t0)).toBeNull();
    expect(await authenticate("canbo", "dung-mat-khau", "10.9.9.8", t0)).toMatchObject({ role: "official" });
  });

  it("counts failures per account however the phone is written, so another spelling is refused too", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.create({ data: { communeId, phone: "0390320962", name: "Chủ Số", role: "resident", passwordHash } });
    const t0 = new Date();
    const spellings = ["0390 320 962", "0390.320.962", "+84390320962", "84390320962", "0390-320-962"];
    for (const [i, login] of spellings.entries()) expect(await authenticate(login, "sai", `10.1.0.${i}`, t0)).toBeNull();
    // The sixth try, with the right password, spelled as none of the failures were, from a new address.
    expect(await authenticate(" 0390320962 ", "dung-mat-khau", "10.1.0.9", t0)).toBeNull();
    expect(await authenticate("0390 320 962", "dung-mat-khau", "10.1.0.9", t0)).toBeNull();
    expect(await signInLockedUntil(await signInAccount("+84 390 320 962"), "10.1.0.10", t0)).not.toBeNull();
    // Nothing in the counters names the phone.
    const keys = (await t.db.rateLimitBucket.findMany({ select: { key: true } })).map((b) => b.key).join(" ");
    expect(keys).not.toMatch(/390\D?320\D?962/);
  });

  it("an unknown phone is one account too, however it is written", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++)
      await authenticate(["0977 000 111", "0977.000.111", "+84977000111"][i % 3], "sai", `10.2.0.${i}`, t0);
    expect(await signInLockedUntil(await signInAccount("0977000111"), "10.2.0.99", t0)).not.toBeNull();
  });

  it("makes each attempt past the limit wait, doubling from 30 s to at most 5 minutes, never a long lock", async () => {
    expect([4, 5, 6, 7, 8, 9, 10, 50].map(accountDelaySeconds)).toEqual([0, 30, 60, 120, 240, 300, 300, 300]);
    const passwordHash = await hashPassword("dung-mat-khau");
    await t.db.user.create({ data: { communeId, username: "bicham", name: "Bị chậm", role: "official", passwordHash } });
    let now = new Date();
    const after = (s: number) => (now = new Date(now.getTime() + s * 1000));
    // A stranger keeps failing from ever-new addresses, each time as soon as the account may try.
    for (let i = 0; i < SIGNIN_ACCOUNT_LIMIT.limit; i++)
      expect(await authenticate("bicham", "sai", `10.3.0.${i}`, now)).toBeNull();
    for (let i = 5; i < 12; i++) {
      const wait = accountDelaySeconds(i);
      // Within the wait even the right password is refused (not checked, not counted)…
      expect(await authenticate("bicham", "dung-mat-khau", "10.3.1.1", after(wait - 1))).toBeNull();
      after(1);
      expect(await authenticate("bicham", "sai", `10.3.0.${i}`, now)).toBeNull();
    }
    // …and the real user, however long the stranger kept at it, waits at most the cap.
    expect(await authenticate("bicham", "dung-mat-khau", "10.3.1.1", after(SIGNIN_ACCOUNT_LIMIT.maxDelaySeconds))).toMatchObject({
      role: "official",
    });
    // A success forgets the failures: the next wrong password is the first again.
    expect(await authenticate("bicham", "sai", "10.3.1.1", now)).toBeNull();
    expect(await authenticate("bicham", "dung-mat-khau", "10.3.1.1", now)).toMatchObject({ role: "official" });
  });

  it("leaves one notice in the commune's audit trail when an account starts waiting, naming no phone", async () => {
    const passwordHash = await hashPassword("dung-mat-khau");
    const user = await t.db.user.create({
      data: { communeId, phone: "0388111222", name: "Bị dò", role: "resident", passwordHash },
    });
    const t0 = new Date();
    for (let i = 0; i < 8; i++) await authenticate("0388 111 222", "sai", `10.4.0.${i}`, new Date(t0.getTime() + i * 301_000));
    const notices = await t.db.auditLog.findMany({ where: { action: "auth.signin_throttled", entityId: String(user.id) } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ communeId, actorId: null, entity: "user", details: { failures: 5 } });
    expect(JSON.stringify(notices[0].details)).not.toContain("0388");
  });

  it("pauses sign-in for everyone once all clients together have failed too often", async () => {
    const t0 = new Date("2020-01-01T00:00:00Z");
    const full = { count: SIGNIN_ALL_CLIENTS_LIMIT, resetAt: new Date(t0.getTime() + 60_000) };
    await t.db.rateLimitBucket.upsert({
      where: { key: "signin-fail:*" },
      create: { key: "signin-fail:*", ...full },
      update: full,
    });
    expect(await authenticate("canbo", "dung-mat-khau", "10.5.0.1", t0)).toBeNull();
    expect(await authenticate("canbo", "dung-mat-khau", "10.5.0.1", new Date(t0.getTime() + 61_000))).toMatchObject({
      role: "official",
    });
  });
});
