import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { listOutbox } from "@/lib/outbox/queries";
import { logSender, maskPhone, type Sender } from "@/lib/outbox/senders";
import { deliverMessage, startOutboxWorker, tick, type OutboxWorker } from "@/lib/outbox/worker";
import type { Role } from "@/lib/auth/roles";

let t: TestDatabase;
let communeId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: "test-outbox", name: "Xã Thử", province: "Hải Phòng" } })).id;
}, 60_000);
afterAll(async () => t?.drop());

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("outbox", () => {
  it("enqueues once per dedupeKey, on the log channel by default", async () => {
    const input = { communeId, kind: "class_reminder", recipient: "0912345678", body: "Xin chào", dedupeKey: "test:1" };
    expect(await enqueueMessage(t.db, input)).toBe(true);
    expect(await enqueueMessage(t.db, input)).toBe(false);
    const rows = await t.db.outboxMessage.findMany({ where: { dedupeKey: "test:1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "log", status: "pending", attempts: 0 });
  });

  it("the worker (pg-boss on the test database) delivers a pending message with the log sender", async () => {
    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    await enqueueMessage(t.db, {
      communeId,
      kind: "class_cancelled",
      recipient: "0987654321",
      body: "Lớp đã hủy",
      dedupeKey: "test:2",
    });
    let worker: OutboxWorker | undefined;
    try {
      worker = await startOutboxWorker(t.url, { schedule: false, pollingIntervalSeconds: 0.5 });
      await tick(worker.boss);
      const msg = await waitFor(async () => {
        const m = await t.db.outboxMessage.findUnique({ where: { dedupeKey: "test:2" } });
        return m?.status === "logged" ? m : null;
      });
      expect(msg.attempts).toBe(1);
      expect(msg.sentAt).not.toBeNull();
      expect(log.mock.calls.some((c) => String(c[0]).includes("0987***321") && String(c[0]).includes("Lớp đã hủy"))).toBe(true);
    } finally {
      await worker?.stop();
      log.mockRestore();
    }
  }, 60_000);

  it("a failing sender records the error, and the last attempt marks the message failed", async () => {
    await enqueueMessage(t.db, { communeId, kind: "class_reminder", recipient: "0911111111", body: "x", dedupeKey: "test:3" });
    const m = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:3" } });
    const broken: Sender = {
      channel: "sms",
      send: async () => {
        throw new Error("gateway down");
      },
    };
    await expect(deliverMessage(m.id, { sender: broken })).rejects.toThrow("gateway down");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "gateway down",
    });
    expect(await deliverMessage(m.id, { sender: broken, final: true })).toBe("failed");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "failed", attempts: 2 });
    // A delivered or failed message is not sent again.
    expect(await deliverMessage(m.id, { sender: logSender })).toBe("skipped");
  });

  it("the admin list masks phones and refuses other roles", async () => {
    const admin = { id: 1, name: "a", role: "admin" as Role, communeId, memberId: null, username: "a", phone: null };
    const list = await listOutbox(admin, {});
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.recipient.includes("***"))).toBe(true);
    for (const role of ["official", "resident", "volunteer", "city"] as Role[]) {
      await expect(listOutbox({ ...admin, role }, {})).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    }
    expect(maskPhone("0912345678")).toBe("0912***678");
  });
});
