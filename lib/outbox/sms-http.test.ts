// SMS through a provider's HTTP API against a local HTTP server playing the provider: its own field
// names and answer shape from configuration, retries for a busy provider and a timeout, none for a
// refusal, and the receipt callback with its token.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { SendError } from "@/lib/outbox/send-error";
import { sendSmsHttp, smsHttpConfigFromEnv, type SmsHttpConfig } from "@/lib/outbox/sms-http";

const { enqueueMessage } = await import("@/lib/outbox/enqueue");
const { deliverMessage } = await import("@/lib/outbox/worker");
const { smsHttpSender } = await import("@/lib/outbox/senders");
const { receiptFromSmsCallback } = await import("@/lib/outbox/receipt-callback");

type Got = { auth: string | undefined; body: Record<string, string> };
let t: TestDatabase;
let communeId: number;
let server: Server;
let base: string;
const got: Got[] = [];
/** What the provider does with the next requests, in order; then it accepts. */
const script: ("busy" | "refuse" | "notOk" | "hang")[] = [];
let nextId = 1;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (d) => (s += d));
    req.on("end", () => resolve(s));
  });
}

const ENV = {
  SMS_HTTP_URL: "",
  SMS_HTTP_AUTHORIZATION: "Bearer tu-ky-key",
  SMS_HTTP_FIELDS: JSON.stringify({ to: "phone", text: "content", from: "brandname", ref: "clientRef" }),
  SMS_HTTP_FROM: "TUKY-XA",
  SMS_HTTP_ID_PATH: "data.messageId",
  SMS_HTTP_OK_PATH: "code",
  SMS_HTTP_OK_VALUE: "00",
  SMS_HTTP_TIMEOUT_SECONDS: "1",
  SMS_HTTP_RECEIPT_TOKEN: "receipt-secret-123",
  SMS_HTTP_RECEIPT_ID_FIELD: "messageId",
  SMS_HTTP_RECEIPT_STATUS_FIELD: "state",
};
let config: SmsHttpConfig;

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: `http-${Date.now()}`, name: "Xã HTTP", province: "Hải Phòng" } })).id;
  server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Record<string, string>;
    const what = script.shift();
    if (what === "hang") return; // never answers: the sender's timeout
    got.push({ auth: req.headers.authorization, body });
    res.setHeader("content-type", "application/json");
    if (what === "busy") {
      got.pop(); // not taken
      res.statusCode = 503;
      res.end(JSON.stringify({ code: "99", message: "busy" }));
    } else if (what === "refuse") {
      got.pop();
      res.statusCode = 400;
      res.end(JSON.stringify({ code: "12", message: "invalid phone" }));
    } else if (what === "notOk") {
      got.pop();
      res.end(JSON.stringify({ code: "07", message: "brandname not registered" }));
    } else {
      res.end(JSON.stringify({ code: "00", data: { messageId: `P${nextId++}` } }));
    }
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ENV.SMS_HTTP_URL = `${base}/sms/send`;
  Object.assign(process.env, ENV);
  config = smsHttpConfigFromEnv()!;
  process.env.MESSAGE_CHANNEL = "sms";
}, 60_000);

afterAll(async () => {
  for (const k of Object.keys(ENV)) delete process.env[k];
  delete process.env.MESSAGE_CHANNEL;
  await new Promise((r) => server.close(r));
  await t?.drop();
});

async function message(key: string, phone: string, body = "Nhac lich lop hoc ngay mai 08:00") {
  await enqueueMessage(t.db, { communeId, kind: "class_reminder", recipient: phone, body, dedupeKey: `http:${key}` });
  return t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `http:${key}` } });
}

describe("SMS through a provider's HTTP API", () => {
  it("sends with the provider's own field names, credentials and brandname, and keeps its id", async () => {
    const r = await sendSmsHttp(config, "0912345678", "Xin chao");
    expect(r).toEqual({ providerId: expect.stringMatching(/^P\d+$/), parts: 1 });
    expect(got.at(-1)).toEqual({
      auth: "Bearer tu-ky-key",
      body: { phone: "84912345678", content: "Xin chao", brandname: "TUKY-XA" },
    });
  });

  it("tries a busy or silent provider again, and sends once; fails a refusal at once", async () => {
    const sender = smsHttpSender(config);
    const m = await message("busy", "0912000001");
    const before = got.length;
    script.push("busy", "hang");
    await expect(deliverMessage(m.id, { sender })).rejects.toBeInstanceOf(SendError);
    await expect(deliverMessage(m.id, { sender })).rejects.toThrow(/out of reach/);
    expect(await deliverMessage(m.id, { sender })).toBe("sent");
    expect(got.length - before).toBe(1);
    expect(got.at(-1)?.body.clientRef).toBe(`cds-${m.id}`); // a provider that keeps it can drop a repeat
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      status: "sent",
      attempts: 3,
      parts: 1,
      providerId: expect.stringMatching(/^P\d+$/),
    });

    for (const [key, what, error] of [
      ["refused", "refuse", /answered 400/],
      ["notok", "notOk", /refused: .*brandname not registered/],
    ] as const) {
      const r = await message(key, "0912000002");
      script.push(what);
      expect(await deliverMessage(r.id, { sender })).toBe("failed");
      const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: r.id } });
      expect(row).toMatchObject({ status: "failed", attempts: 1, parts: null });
      expect(row.lastError).toMatch(error);
    }
  }, 30_000);

  it("takes receipts at /api/sms/receipt with the token, and only with it", async () => {
    const sender = smsHttpSender(config);
    const m = await message("receipt", "0912000003");
    expect(await deliverMessage(m.id, { sender })).toBe("sent");
    const { providerId } = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } });
    const post = (token: string, body: Record<string, string>) =>
      receiptFromSmsCallback(
        new Request(`http://portal.test/api/sms/receipt?token=${token}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    expect((await post("wrong-secret-123", { messageId: providerId!, state: "DELIVERED" })).status).toBe(401);
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("sent");
    expect(await post("receipt-secret-123", { messageId: providerId!, state: "DELIVERED" })).toEqual({
      status: 200,
      body: { ok: true, ended: 1 },
    });
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("delivered");
    expect((await post("receipt-secret-123", { state: "DELIVERED" })).status).toBe(400);
  });
});
