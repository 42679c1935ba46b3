// SMS over SMPP against a real SMPP server on this machine (lib/testing/smpp-server.ts, the `smpp`
// package's server side): encodings and long messages, receipts on the right rows, a connection cut
// mid-batch and throttling with nothing lost or sent twice, permanent refusals, the daily cap.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { startSmppServer, type TestSmppServer } from "@/lib/testing/smpp-server";
import { internationalNumber, parseReceipt, SmppGateway, splitSms, type SmppConfig } from "@/lib/outbox/smpp";
import { smsParts, smsText } from "@/lib/outbox/sms-text";

const { enqueueMessage } = await import("@/lib/outbox/enqueue");
const { deliverMessage, CAP_REACHED } = await import("@/lib/outbox/worker");
const { smppSender } = await import("@/lib/outbox/senders");
const { recordReply, replyKeyword } = await import("@/lib/outbox/opt-out");
const { OPTED_OUT } = await import("@/lib/outbox/worker");
const { recordReceipt, recordSend } = await import("@/lib/outbox/receipts");
const { nextCapDay } = await import("@/lib/outbox/cap");

let t: TestDatabase;
let communeId: number;
let server: TestSmppServer | undefined;
let gateway: SmppGateway | undefined;

const config = (url: string, over: Partial<SmppConfig> = {}): SmppConfig => ({
  url,
  systemId: "congdanso",
  password: "secret",
  source: "TUKY-XA",
  bind: "transceiver",
  window: 10,
  perSecond: 500,
  enquireLinkMs: 30_000,
  // Long: an answer late on a busy machine must not count as lost. A submit whose answer is lost
  // may have been taken, and is sent again (SMPP has no key to tell): exactly once holds for the
  // cuts here, where the provider did not take the submit it was cut on.
  responseTimeoutMs: 30_000,
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: `smpp-${Date.now()}`, name: "Xã SMPP", province: "Hải Phòng" } })).id;
  process.env.MESSAGE_CHANNEL = "sms";
}, 60_000);

afterEach(async () => {
  await gateway?.close();
  await server?.close();
  gateway = server = undefined;
  delete process.env.SMS_DAILY_PARTS_PER_COMMUNE;
});

afterAll(async () => {
  delete process.env.MESSAGE_CHANNEL;
  await t?.drop();
});

describe("splitting and reading", () => {
  it("cuts a long text into the parts it is billed as, never inside a character", () => {
    const gsm = "a".repeat(152) + "€" + "b".repeat(200);
    const split = splitSms(gsm);
    expect(split.encoding).toBe("gsm7");
    expect(split.parts.length).toBe(smsParts(gsm).parts);
    expect(split.parts.join("")).toBe(gsm);
    expect(split.parts[0]).toBe("a".repeat(152)); // the euro sign (2 septets) does not fit 153
    const ucs = "Lớp học 🙂 ".repeat(12);
    const u = splitSms(ucs);
    expect(u.encoding).toBe("ucs2");
    expect(u.parts.length).toBe(smsParts(ucs).parts);
    expect(u.parts.join("")).toBe(ucs);
    expect(u.parts.every((p) => p.length <= 67 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(splitSms("Ngan").parts).toEqual(["Ngan"]);
    expect(internationalNumber("0912 345 678")).toBe("84912345678");
  });

  it("reads a delivery receipt's id and state, from its text or its TLVs", () => {
    expect(
      parseReceipt({
        esm_class: 4,
        short_message: { message: "id:AB12 sub:001 dlvrd:001 submit date:x done date:y stat:DELIVRD err:000 text:" },
      }),
    ).toEqual({ providerId: "AB12", state: "delivered", reason: null });
    expect(parseReceipt({ esm_class: 4, receipted_message_id: "Z9", message_state: 5, short_message: "" })).toMatchObject({
      providerId: "Z9",
      state: "failed",
      reason: "UNDELIV",
    });
    expect(parseReceipt({ esm_class: 0, short_message: "STOP" })).toBeNull();
  });
});

describe("SMS over SMPP", () => {
  it("sends GSM-7 in one part when it fits, UCS-2 otherwise, long ones in parts joined by a UDH, from the brandname", async () => {
    server = await startSmppServer();
    gateway = new SmppGateway(config(server.url));
    const short = smsText("Đăng ký lớp thành công. Mã: ABCD2345");
    const long = smsText("Lớp Bình dân học vụ số ngày mai lúc 08:00 tại Nhà văn hóa thôn Đông. ".repeat(4));
    const unicode = "Lớp học 🙂 ngày mai"; // an emoji: UCS-2
    expect(await gateway.submit("0912345678", short)).toMatchObject({ parts: 1 });
    expect(await gateway.submit("0912345679", long)).toMatchObject({ parts: smsParts(long).parts });
    expect(await gateway.submit("0912345670", unicode)).toMatchObject({ parts: 1 });
    const got = server.messages();
    expect(got.find((m) => m.to === "84912345678")).toMatchObject({ text: short, dataCoding: 0, parts: 1, from: "TUKY-XA" });
    expect(got.find((m) => m.to === "84912345679")).toMatchObject({ text: long, dataCoding: 0, parts: 2 });
    expect(got.find((m) => m.to === "84912345670")).toMatchObject({ text: unicode, dataCoding: 8, parts: 1 });
    expect(server.binds).toBe(1); // one session for all
  });

  it("delivers every message exactly once across a cut connection and throttling, and each receipt lands on its row", async () => {
    // The 7th and 23rd submits cut the connection (not taken); the 3rd and 15th are throttled.
    server = await startSmppServer({ dropOn: [7, 23], throttleOn: [3, 15] });
    gateway = new SmppGateway(config(server.url, { window: 5 }), async (r) => void (await recordReceipt(r)));
    const sender = smppSender(gateway);
    const N = 40;
    for (let i = 0; i < N; i++) {
      await enqueueMessage(t.db, {
        communeId,
        kind: "class_reminder",
        recipient: `0913${String(100000 + i)}`,
        body: `Nhac lich #${i}: lop hoc ngay mai 08:00`,
        dedupeKey: `smpp-batch:${i}`,
      });
    }
    const ids = (
      await t.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "smpp-batch:" } }, select: { id: true } })
    ).map((m) => m.id);
    // As the job queue runs them: many at once, a failed one tried again (here at once).
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await deliverMessage(id, { sender });
          } catch (err) {
            if (attempt >= 5) throw err;
          }
        }
      }),
    );
    expect(outcomes.every((o) => o === "sent")).toBe(true);
    expect(server.binds).toBeGreaterThanOrEqual(3); // bound again after each cut

    const got = server.messages();
    for (let i = 0; i < N; i++) expect(got.filter((m) => m.text === `Nhac lich #${i}: lop hoc ngay mai 08:00`).length).toBe(1);
    expect(got.length).toBe(N);

    // Receipts: every row delivered, its provider id the server's id for its own text.
    await expect
      .poll(async () => t.db.outboxMessage.count({ where: { id: { in: ids }, status: "delivered" } }), { timeout: 15_000 })
      .toBe(N);
    const rows = await t.db.outboxMessage.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(got.find((m) => m.text === row.body)?.messageId).toBe(row.providerId);
      expect(row).toMatchObject({ parts: 1, lastError: null });
      expect(row.deliveredAt).not.toBeNull();
    }
    // The retried ones show their attempts.
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("a refused number fails at once, and an undeliverable one fails with the provider's reason", async () => {
    server = await startSmppServer({ refuse: ["84914000001"], undeliverable: ["84914000002"] });
    gateway = new SmppGateway(config(server.url), async (r) => void (await recordReceipt(r)));
    const sender = smppSender(gateway);
    for (const [key, phone] of [
      ["refused", "0914000001"],
      ["undeliverable", "0914000002"],
    ])
      await enqueueMessage(t.db, { communeId, kind: "class_reminder", recipient: phone, body: "x", dedupeKey: `smpp-${key}` });
    const refused = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "smpp-refused" } });
    const undeliverable = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "smpp-undeliverable" } });

    expect(await deliverMessage(refused.id, { sender })).toBe("failed");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      parts: null, // not taken: not counted against the cap
      lastError: "submit_sm refused: 0x000b",
    });
    expect(await deliverMessage(undeliverable.id, { sender })).toBe("sent");
    await expect
      .poll(async () => (await t.db.outboxMessage.findUniqueOrThrow({ where: { id: undeliverable.id } })).status, {
        timeout: 10_000,
      })
      .toBe("failed");
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: undeliverable.id } })).lastError).toBe(
      "receipt: UNDELIV err:001",
    );
  });

  it("holds messages past the commune's daily cap until tomorrow, and never a phone code", async () => {
    server = await startSmppServer();
    gateway = new SmppGateway(config(server.url));
    const sender = smppSender(gateway);
    const capped = (
      await t.db.commune.create({ data: { code: `cap-${Date.now()}`, name: "Xã giới hạn", province: "Hải Phòng" } })
    ).id;
    process.env.SMS_DAILY_PARTS_PER_COMMUNE = "5";
    const twoParts = "Nhac lich lop hoc. ".repeat(10); // 190 characters: 2 parts
    expect(smsParts(twoParts).parts).toBe(2);
    for (let i = 0; i < 4; i++)
      await enqueueMessage(t.db, {
        communeId: capped,
        kind: "class_cancelled",
        recipient: `0915${100000 + i}`,
        body: twoParts,
        dedupeKey: `cap:${i}`,
      });
    await enqueueMessage(t.db, {
      communeId: capped,
      kind: "phone_code",
      recipient: "0915999999",
      body: "Ma 123456",
      dedupeKey: "cap:code",
    });
    const rows = await t.db.outboxMessage.findMany({ where: { communeId: capped }, orderBy: { id: "asc" } });
    const now = new Date();
    const outcomes = await Promise.all(rows.slice(0, 4).map((r) => deliverMessage(r.id, { sender, now })));
    expect(outcomes.filter((o) => o === "sent").length).toBe(2); // 4 parts of 5
    expect(outcomes.filter((o) => o === "held").length).toBe(2);
    expect(await deliverMessage(rows[4].id, { sender, now })).toBe("sent"); // the code goes: 5 parts
    const held = await t.db.outboxMessage.findMany({ where: { communeId: capped, status: "pending" } });
    expect(held.map((h) => [h.lastError, h.sendAfter.toISOString(), h.attempts, h.parts])).toEqual(
      held.map(() => [CAP_REACHED, nextCapDay(now).toISOString(), 0, null]),
    );
    expect(server.messages().length).toBe(3);
  });

  it("a receipt that comes before its send is recorded waits for it; one sent again is dropped", async () => {
    await enqueueMessage(t.db, { communeId, kind: "class_reminder", recipient: "0916000001", body: "x", dedupeKey: "early" });
    const m = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "early" } });
    expect(await recordReceipt({ providerId: "EARLY-1", state: "delivered", reason: null })).toBe(0);
    expect(await t.db.outboxReceipt.count({ where: { providerId: "EARLY-1" } })).toBe(1);
    await recordSend(m.id, { status: "sent", parts: 1, providerId: "EARLY-1" });
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "delivered", parts: 1 });
    expect(await t.db.outboxReceipt.count({ where: { providerId: "EARLY-1" } })).toBe(0);
    expect(await recordReceipt({ providerId: "EARLY-1", state: "failed", reason: "UNDELIV" })).toBe(0);
    expect(await t.db.outboxReceipt.count({ where: { providerId: "EARLY-1" } })).toBe(0);
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("delivered");
  });

  it("a receipt racing its send's record ends the row whichever commits first, and nothing is left kept", async () => {
    const n = 60;
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = `race:${i}`;
      await enqueueMessage(t.db, {
        communeId,
        kind: "class_reminder",
        recipient: `0916100${String(i).padStart(3, "0")}`,
        body: "x",
        dedupeKey: key,
      });
      ids.push((await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } })).id);
    }
    // Both at once, in either order of starting: as a provider's receipt and the worker's record meet.
    await Promise.all(
      ids.map((id, i) => {
        const send = () => recordSend(id, { status: "sent", parts: 1, providerId: `RACE-${i}` });
        const receipt = () => recordReceipt({ providerId: `RACE-${i}`, state: "delivered", reason: null });
        return i % 2 ? Promise.all([send(), receipt()]) : Promise.all([receipt(), send()]);
      }),
    );
    const rows = await t.db.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.status === "delivered")).toHaveLength(n);
    expect(await t.db.outboxReceipt.count({ where: { providerId: { startsWith: "RACE-" } } })).toBe(0);
  });

  it("a reply TU CHOI stops the reminders to that number, BAT NHAC brings them back; other messages still go", async () => {
    expect(["Tu choi", "TỪ CHỐI", " stop ", "Huy nhac"].map(replyKeyword)).toEqual(["off", "off", "off", "off"]);
    expect(replyKeyword("Bat nhac")).toBe("on");
    expect(replyKeyword("Cam on, toi se den")).toBeNull();
    server = await startSmppServer();
    gateway = new SmppGateway(
      config(server.url),
      async (r) => void (await recordReceipt(r)),
      async (from, text) => void (await recordReply(from, text)),
    );
    const sender = smppSender(gateway);
    const phone = "0917000001";
    await enqueueMessage(t.db, {
      communeId,
      kind: "registration_confirmed",
      recipient: phone,
      body: "Da dang ky",
      dedupeKey: "optout:confirm",
    });
    const confirm = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "optout:confirm" } });
    expect(await deliverMessage(confirm.id, { sender })).toBe("sent"); // binds the session
    // The person replies from their phone: the provider passes it on; the portal answers once it is recorded.
    expect(await server.sendReply("84917000001", "Tu choi")).toBe(0);
    expect(await t.db.reminderOptOut.count({ where: { phone } })).toBe(1);

    await enqueueMessage(t.db, {
      communeId,
      kind: "class_reminder",
      recipient: phone,
      body: "Nhac lich",
      dedupeKey: "optout:remind",
    });
    await enqueueMessage(t.db, {
      communeId,
      kind: "class_cancelled",
      recipient: phone,
      body: "Lop huy",
      dedupeKey: "optout:cancel",
    });
    const [remind, cancel] = await Promise.all(
      ["optout:remind", "optout:cancel"].map((k) => t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: k } })),
    );
    const before = server.messages().length;
    expect(await deliverMessage(remind.id, { sender })).toBe("failed");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: remind.id } })).toMatchObject({
      status: "failed",
      lastError: OPTED_OUT,
    });
    expect(await deliverMessage(cancel.id, { sender })).toBe("sent");
    expect(server.messages().length - before).toBe(1);

    expect(await server.sendReply("84917000001", "BAT NHAC")).toBe(0);
    expect(await t.db.reminderOptOut.count({ where: { phone } })).toBe(0);
  });
});
