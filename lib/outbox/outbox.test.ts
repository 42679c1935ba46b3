import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { listOutbox } from "@/lib/outbox/queries";
import { logSender, maskPhone, type Sender } from "@/lib/outbox/senders";
import { deliverMessage, startOutboxWorker, tick, type OutboxWorker } from "@/lib/outbox/worker";
import type { Role } from "@/lib/auth/roles";
import type PgBoss from "pg-boss";
import { refused } from "@/lib/testing/refusals";

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

  it("stamps each message with its kind's channel (MESSAGE_CHANNEL_BY_KIND)", async () => {
    process.env.MESSAGE_CHANNEL_BY_KIND = "phone_code:sms";
    try {
      const base = { communeId, recipient: "0912345670", body: "x" };
      await enqueueMessage(t.db, { ...base, kind: "phone_code", dedupeKey: "bykind:code" });
      await enqueueMessage(t.db, { ...base, kind: "class_reminder", dedupeKey: "bykind:reminder" });
    } finally {
      delete process.env.MESSAGE_CHANNEL_BY_KIND;
    }
    const rows = await t.db.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: "bykind:" } },
      orderBy: { dedupeKey: "asc" },
    });
    expect(rows.map((r) => [r.kind, r.channel])).toEqual([
      ["phone_code", "sms"],
      ["class_reminder", "log"],
    ]);
    await t.db.outboxMessage.deleteMany({ where: { dedupeKey: { startsWith: "bykind:" } } });
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
      expect(log.mock.calls.some((c) => String(c[0]).includes("0987***321") && String(c[0]).includes("Lop da huy"))).toBe(true);
    } finally {
      await worker?.stop();
      log.mockRestore();
    }
  }, 60_000);

  it("a burst goes out back to back, not one message per polling interval", async () => {
    // 600 due at once (more than one statement's worth of jobs); the workers poll an empty queue
    // only every 60 s, so the burst can only finish in time if the tick wakes them and each
    // fetches its next job as soon as it is done with one.
    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    const burst = Array.from({ length: 600 }, (_, i) => ({
      communeId,
      kind: "class_reminder",
      recipient: `09${String(20_000_000 + i).padStart(8, "0")}`,
      body: `Nhac lich ${i}`,
      dedupeKey: `burst:${i}`,
    }));
    for (const m of burst) await enqueueMessage(t.db, m);
    let worker: OutboxWorker | undefined;
    try {
      worker = await startOutboxWorker(t.url, { schedule: false, pollingIntervalSeconds: 60 });
      expect(await tick(worker.boss)).toBeGreaterThanOrEqual(600);
      await waitFor(async () => {
        const left = await t.db.outboxMessage.count({
          where: { dedupeKey: { startsWith: "burst:" }, status: { not: "logged" } },
        });
        return left === 0;
      }, 45_000);
      // Each once.
      const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("Nhac lich"));
      expect(lines).toHaveLength(600);
    } finally {
      await worker?.stop();
      log.mockRestore();
    }
  }, 90_000);

  it("a failure in a worker's batch retries that message's job only", async () => {
    const keys = Array.from({ length: 5 }, (_, i) => `batch:${i}`);
    for (const [i, key] of keys.entries()) {
      await enqueueMessage(t.db, {
        communeId,
        kind: "class_reminder",
        recipient: `091300000${i}`,
        body: `Lo ${i}`,
        dedupeKey: key,
      });
    }
    const sender: Sender = {
      channel: "log",
      send: async (msg) => {
        if (msg.recipient === "0913000002") throw new Error("provider busy");
        return { status: "logged", parts: 1 };
      },
    };
    let worker: OutboxWorker | undefined;
    try {
      worker = await startOutboxWorker(t.url, { schedule: false, pollingIntervalSeconds: 60, sender });
      await tick(worker.boss);
      const rows = await waitFor(async () => {
        const r = await t.db.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, orderBy: { dedupeKey: "asc" } });
        return r.filter((m) => m.status === "logged").length === 4 && r[2].attempts === 1 ? r : null;
      });
      expect(rows.map((m) => m.status)).toEqual(["logged", "logged", "pending", "logged", "logged"]);
      expect(rows[2].lastError).toBe("provider busy");
      const jobs = await t.db.$queryRaw<{ key: string; state: string }[]>`
        SELECT singleton_key AS key, state::text FROM pgboss.job
        WHERE name = 'outbox.deliver' AND singleton_key = ANY(${rows.map((m) => String(m.id))})`;
      const stateOf = (id: number) => jobs.find((j) => j.key === String(id))?.state;
      expect(stateOf(rows[2].id)).toBe("retry");
      for (const m of [rows[0], rows[1], rows[3], rows[4]]) expect(stateOf(m.id)).toBe("completed");
    } finally {
      await worker?.stop();
    }
  }, 60_000);

  it("two jobs of one message send it once: the second finds it claimed", async () => {
    await enqueueMessage(t.db, {
      communeId,
      kind: "class_reminder",
      recipient: "0911000777",
      body: "Mot lan",
      dedupeKey: "twice:1",
    });
    const m = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "twice:1" } });
    let sends = 0;
    let release = () => {};
    const slow: Sender = {
      channel: "log",
      send: async () => {
        sends++;
        await new Promise<void>((r) => (release = r));
        return { status: "logged", parts: 1 };
      },
    };
    const first = deliverMessage(m.id, { sender: slow });
    await waitFor(async () => sends === 1);
    // The minute job queued it again while the first job was sending it.
    expect(await deliverMessage(m.id, { sender: slow })).toBe("skipped");
    release();
    expect(await first).toBe("logged");
    expect(sends).toBe(1);
    // A failed send ends its claim: the retry sends it.
    await enqueueMessage(t.db, { communeId, kind: "class_reminder", recipient: "0911000778", body: "Lai", dedupeKey: "twice:2" });
    const n = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "twice:2" } });
    const down: Sender = {
      channel: "log",
      send: async () => {
        throw new Error("down");
      },
    };
    await expect(deliverMessage(n.id, { sender: down })).rejects.toThrow("down");
    expect(await deliverMessage(n.id, { sender: logSender })).toBe("logged");
  });

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
      expect(await refused(listOutbox({ ...admin, role }, {}))).toBe(true);
    }
    expect(maskPhone("0912345678")).toBe("0912***678");
  });

  it("the tick re-queues messages stuck mid-retry and clears ended rate-limit windows", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 30 * 60_000);
    const base = { communeId, kind: "class_reminder", recipient: "0911222333", body: "x" };
    await enqueueMessage(t.db, { ...base, dedupeKey: "tick:fresh" });
    await enqueueMessage(t.db, { ...base, dedupeKey: "tick:stuck", sendAfter: old });
    await enqueueMessage(t.db, { ...base, dedupeKey: "tick:retrying", sendAfter: new Date(now.getTime() - 60_000) });
    await enqueueMessage(t.db, { ...base, dedupeKey: "tick:spent", sendAfter: old });
    await t.db.outboxMessage.update({ where: { dedupeKey: "tick:stuck" }, data: { attempts: 2 } });
    await t.db.outboxMessage.update({ where: { dedupeKey: "tick:retrying" }, data: { attempts: 1 } });
    await t.db.outboxMessage.update({ where: { dedupeKey: "tick:spent" }, data: { attempts: 9 } });
    await t.db.rateLimitBucket.createMany({
      data: [
        { key: "tick:ended", count: 3, resetAt: old },
        { key: "tick:open", count: 3, resetAt: new Date(now.getTime() + 60_000) },
      ],
    });
    await t.db.endedSession.createMany({
      data: [
        { id: "tick:expired", expiresAt: old },
        { id: "tick:live", expiresAt: new Date(now.getTime() + 60_000) },
      ],
    });
    await enqueueMessage(t.db, { ...base, kind: "phone_code", body: "Ma 123456", dedupeKey: "tick:code" });
    const sent: { id: number; singletonKey?: string; priority?: number }[] = [];
    const boss = {
      insert: async (jobs: { data: { id: number }; singletonKey?: string; priority?: number }[]) => {
        for (const j of jobs) sent.push({ id: j.data.id, singletonKey: j.singletonKey, priority: j.priority });
      },
    } as unknown as PgBoss;
    // A moment after the enqueues: "fresh" is due from the instant it was stored, which is after `now`.
    await tick(boss, new Date(now.getTime() + 1_000));
    const ids = Object.fromEntries(
      (await t.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "tick:" } } })).map((m) => [m.dedupeKey, m.id]),
    );
    const queued = sent.map((s) => s.id);
    expect(queued).toContain(ids["tick:fresh"]);
    expect(queued).toContain(ids["tick:stuck"]);
    expect(queued).not.toContain(ids["tick:retrying"]);
    expect(queued).not.toContain(ids["tick:spent"]);
    expect(sent.every((s) => s.singletonKey === String(s.id))).toBe(true);
    // A code goes ahead of any burst of reminders queued at the same time.
    expect(sent.find((s) => s.id === ids["tick:code"])?.priority).toBe(10);
    expect(sent.find((s) => s.id === ids["tick:fresh"])?.priority).toBe(0);
    expect((await t.db.rateLimitBucket.findMany({ where: { key: { startsWith: "tick:" } } })).map((b) => b.key)).toEqual([
      "tick:open",
    ]);
    expect((await t.db.endedSession.findMany({ where: { id: { startsWith: "tick:" } } })).map((e) => e.id)).toEqual([
      "tick:live",
    ]);
  });

  it("a channel with no sender marks the message failed, not logged", async () => {
    const prev = process.env.MESSAGE_CHANNEL;
    process.env.MESSAGE_CHANNEL = "sms";
    try {
      await enqueueMessage(t.db, {
        communeId,
        kind: "class_reminder",
        recipient: "0911333444",
        body: "x",
        dedupeKey: "test:sms",
      });
    } finally {
      if (prev === undefined) delete process.env.MESSAGE_CHANNEL;
      else process.env.MESSAGE_CHANNEL = prev;
    }
    const m = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:sms" } });
    expect(m.channel).toBe("sms");
    expect(await deliverMessage(m.id)).toBe("failed");
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      status: "failed",
      lastError: "no sender for channel sms",
      sentAt: null,
    });
  });

  it("never writes a phone code to the log in clear", async () => {
    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      await logSender.send({
        id: 1,
        communeId,
        kind: "phone_code",
        channel: "log",
        recipient: "0912000111",
        body: "Ma xac minh: 482913",
      });
      await logSender.send({
        id: 2,
        communeId,
        kind: "class_reminder",
        channel: "log",
        recipient: "0912000111",
        body: "Lop 08:30",
      });
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines[0]).not.toMatch(/482913/);
      expect(lines[0]).toContain("Ma xac minh: ••••••");
      expect(lines[1]).toContain("Lop 08:30");
    } finally {
      log.mockRestore();
    }
  });
});
