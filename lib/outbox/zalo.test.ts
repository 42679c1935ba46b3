// Zalo notifications against a local HTTP server playing the ZNS endpoint and an SMS provider's
// API: a template filled from the message's values; a refusal (no Zalo on the number) sends it by
// SMS, once, and a retry of that SMS never goes back to Zalo; a timeout is tried again on Zalo.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import type { SmsHttpConfig } from "@/lib/outbox/sms-http";
import type { ZaloConfig } from "@/lib/outbox/zalo";

const { enqueueMessage, written } = await import("@/lib/outbox/enqueue");
const { deliverMessage } = await import("@/lib/outbox/worker");
const { smsHttpSender, zaloSender } = await import("@/lib/outbox/senders");
const { zaloEvent, zaloEventSignature } = await import("@/lib/outbox/zalo-events");
const { listOutbox } = await import("@/lib/outbox/queries");

let t: TestDatabase;
let communeId: number;
let server: Server;
const zns: { token: string | undefined; body: Record<string, unknown> }[] = [];
const smsGot: Record<string, unknown>[] = [];
/** What ZNS does with the next requests, then it accepts; the same for the SMS API. */
const znsScript: ("noZalo" | "hang" | "rateLimited")[] = [];
const smsScript: "busy"[] = [];
let zalo: ZaloConfig;
let sms: SmsHttpConfig;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (d) => (s += d));
    req.on("end", () => resolve(s));
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: `zalo-${Date.now()}`, name: "Xã Zalo", province: "Hải Phòng" } })).id;
  server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Record<string, unknown>;
    res.setHeader("content-type", "application/json");
    if (req.url === "/zns") {
      const what = znsScript.shift();
      if (what === "hang") return;
      zns.push({ token: req.headers.access_token as string | undefined, body });
      if (what === "noZalo") return res.end(JSON.stringify({ error: -118, message: "Zalo account not existed" }));
      if (what === "rateLimited") return res.end(JSON.stringify({ error: -32, message: "Exceeded request limit" }));
      return res.end(JSON.stringify({ error: 0, message: "Success", data: { msg_id: `Z${zns.length}`, sent_time: "1" } }));
    }
    if (smsScript.shift() === "busy") {
      res.statusCode = 503;
      return res.end("{}");
    }
    smsGot.push(body);
    res.end(JSON.stringify({ id: `S${smsGot.length}` }));
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  zalo = {
    url: `${base}/zns`,
    accessToken: "zalo-oa-token",
    templates: { class_reminder: { id: "301234", params: { ten_lop: "title", thoi_gian: "when", ma_dang_ky: "code" } } },
    timeoutMs: 1000,
  };
  sms = {
    url: `${base}/sms`,
    authorization: null,
    fields: { to: "to", text: "text", from: "from" },
    from: "TUKY-XA",
    idPath: "id",
    okPath: null,
    okValue: null,
    numberFormat: "international",
    timeoutMs: 1000,
    receiptToken: null,
    receiptIdField: "id",
    receiptStatusField: "status",
    deliveredValues: ["DELIVERED"],
    failedValues: ["FAILED"],
  };
  process.env.MESSAGE_CHANNEL = "zalo";
}, 60_000);

afterAll(async () => {
  delete process.env.MESSAGE_CHANNEL;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t?.drop();
});

async function reminder(key: string, phone: string) {
  const params = { title: "Lop an toan mang", when: "08:00 07/12/2026", place: "Nha van hoa", code: "ACDE-FGHJ" };
  await enqueueMessage(t.db, {
    communeId,
    kind: "class_reminder",
    recipient: phone,
    ...written((p) => `Nhac lich: lop "${p.title}" luc ${p.when}. Ma: ${p.code}`, params),
    dedupeKey: `zalo:${key}`,
  });
  return t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `zalo:${key}` } });
}

describe("Zalo notifications", () => {
  it("sends the kind's template filled from the message's values, with the OA's token", async () => {
    const m = await reminder("ok", "0913000001");
    expect(m.channel).toBe("zalo");
    expect(await deliverMessage(m.id, { sender: zaloSender(zalo), smsSender: smsHttpSender(sms) })).toBe("sent");
    expect(zns.at(-1)).toEqual({
      token: "zalo-oa-token",
      body: {
        phone: "84913000001",
        template_id: "301234",
        template_data: { ten_lop: "Lop an toan mang", thoi_gian: "08:00 07/12/2026", ma_dang_ky: "ACDE-FGHJ" },
        tracking_id: `cds-${m.id}`,
      },
    });
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      channel: "zalo",
      status: "sent",
      providerId: expect.stringMatching(/^Z\d+$/),
    });
  });

  it("a number without Zalo gets the SMS instead, once; the SMS's retry does not go back to Zalo", async () => {
    const m = await reminder("nozalo", "0913000002");
    const [znsBefore, smsBefore] = [zns.length, smsGot.length];
    znsScript.push("noZalo");
    smsScript.push("busy");
    const opts = { sender: zaloSender(zalo), smsSender: smsHttpSender(sms) };
    // Zalo refuses; the SMS provider is busy: the SMS is to be tried again.
    await expect(deliverMessage(m.id, opts)).rejects.toThrow(/503/);
    let row = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ channel: "sms", status: "pending", attempts: 1 });
    // The retry (as the job queue runs it, with the sender of the row's channel).
    expect(await deliverMessage(m.id, { smsSender: smsHttpSender(sms), sender: smsHttpSender(sms) })).toBe("sent");
    row = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ channel: "sms", status: "sent", parts: 1 });
    expect(zns.length - znsBefore).toBe(1);
    expect(smsGot.length - smsBefore).toBe(1);
    expect(smsGot.at(-1)).toMatchObject({
      to: "84913000002",
      text: 'Nhac lich: lop "Lop an toan mang" luc 08:00 07/12/2026. Ma: ACDE-FGHJ',
    });

    // Refused with the SMS taking it at once: the row says why it went by SMS.
    const n = await reminder("nozalo2", "0913000003");
    znsScript.push("noZalo");
    expect(await deliverMessage(n.id, opts)).toBe("sent");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      channel: "sms",
      status: "sent",
      lastError: "Zalo refused (-118): Zalo account not existed; sent by SMS instead",
    });
  });

  it("a silent or rate-limited Zalo is tried again on Zalo, not replaced by an SMS", async () => {
    const m = await reminder("slow", "0913000004");
    const smsBefore = smsGot.length;
    const opts = { sender: zaloSender(zalo), smsSender: smsHttpSender(sms) };
    znsScript.push("hang", "rateLimited");
    await expect(deliverMessage(m.id, opts)).rejects.toThrow(/out of reach/);
    await expect(deliverMessage(m.id, opts)).rejects.toThrow(/-32/);
    expect(await deliverMessage(m.id, opts)).toBe("sent");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      channel: "zalo",
      status: "sent",
      attempts: 3,
    });
    expect(smsGot.length).toBe(smsBefore);
  }, 20_000);

  it("a kind with no Zalo template goes by SMS", async () => {
    await enqueueMessage(t.db, {
      communeId,
      kind: "phone_code",
      recipient: "0913000005",
      body: "Ma 123456",
      dedupeKey: "zalo:code",
    });
    const m = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "zalo:code" } });
    const znsBefore = zns.length;
    expect(await deliverMessage(m.id, { sender: zaloSender(zalo), smsSender: smsHttpSender(sms) })).toBe("sent");
    expect(zns.length).toBe(znsBefore);
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ channel: "sms", status: "sent" });
  });

  it("takes ZNS delivery events signed with the OA's key, once, and only those", async () => {
    const m = await reminder("event", "0913000006");
    expect(await deliverMessage(m.id, { sender: zaloSender(zalo), smsSender: smsHttpSender(sms) })).toBe("sent");
    const { providerId } = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    const config = { secretKey: "oa-secret-key", appId: "2074138120372622546" };
    const now = new Date();
    const receivedAt = new Date(now.getTime() - 5_000);
    // As Zalo sends it: the body's own text is signed, with app_id and timestamp from it.
    const post = (event: Record<string, unknown>, key = config.secretKey, headers: Record<string, string> = {}) => {
      const body = JSON.stringify(event);
      const mac = zaloEventSignature(key, body, String(event.app_id), String(event.timestamp));
      return zaloEvent(
        new Request("http://portal.test/api/zalo/events", {
          method: "POST",
          headers: { "content-type": "application/json", "x-zevent-signature": mac, "x-zevent-server": "ZNS", ...headers },
          body,
        }),
        config,
        now,
      );
    };
    const received = {
      app_id: config.appId,
      sender: { id: "2893352839501541173" },
      recipient: { id: "84913000006" },
      event_name: "user_received_message",
      message: { msg_id: providerId, delivery_time: String(receivedAt.getTime()), tracking_id: `cds-${m.id}` },
      timestamp: String(now.getTime()),
    };
    // Signed with another key, or not at all: refused, and the row is untouched.
    expect((await post(received, "someone-else")).status).toBe(401);
    expect((await post(received, config.secretKey, { "x-zevent-signature": "" })).status).toBe(401);
    expect((await post({ ...received, app_id: "999" })).status).toBe(403);
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("sent");
    // An OA chat message under the same event name (no delivery_time) is not a receipt.
    expect(await post({ ...received, message: { msg_id: providerId, text: "hi" } })).toEqual({
      status: 200,
      body: { ok: true, ignored: "user_received_message" },
    });
    expect(await post(received)).toEqual({ status: 200, body: { ok: true, ended: 1 } });
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      status: "delivered",
      deliveredAt: receivedAt,
    });
    // Sent again by Zalo: nothing more happens.
    expect(await post(received)).toEqual({ status: 200, body: { ok: true, ended: 0 } });
    expect(await t.db.outboxReceipt.count({ where: { providerId: providerId! } })).toBe(0);
    // Unset key: the endpoint is not there.
    const off = await zaloEvent(new Request("http://portal.test/api/zalo/events", { method: "POST", body: "{}" }), null);
    expect(off.status).toBe(404);
  });

  it("the admin's outbox filters the Zalo messages", async () => {
    const admin = { id: 1, name: "a", role: "admin" as const, communeId, memberId: null, username: "a", phone: null };
    const zaloRows = await listOutbox(admin, { channel: "zalo" });
    expect(zaloRows.channel).toBe("zalo");
    expect(zaloRows.total).toBeGreaterThan(0);
    expect(zaloRows.rows.every((r) => r.channel === "zalo")).toBe(true);
    const all = await listOutbox(admin, {});
    expect(all.total).toBeGreaterThan(zaloRows.total);
  });
});
