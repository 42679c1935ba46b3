// A provider's SMPP server for the tests (issue 19), on the `smpp` package's server side: it binds
// one system_id, records every submit_sm it accepts (joining long messages' parts by their UDH),
// answers with its own message id and, when asked, sends the delivery receipt; and it misbehaves on
// request: drops the connection on given submits (without taking them), answers "throttled",
// refuses numbers.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Session } from "smpp";

export type SmppServerOptions = {
  /** 0 (the default): any free port. */
  port?: number;
  systemId?: string;
  password?: string;
  /** 1-based submit_sm counts (across sessions) on which the connection is cut, the submit not taken. */
  dropOn?: number[];
  /** submit_sm counts answered ESME_RTHROTTLED. */
  throttleOn?: number[];
  /** Numbers (international) refused with ESME_RINVDSTADR. */
  refuse?: string[];
  /** Numbers whose receipt says UNDELIV. */
  undeliverable?: string[];
  receiptDelayMs?: number;
  /**
   * The provider's throughput: submit_sm past this many a second (a bucket of as many, refilled
   * as time passes) are answered ESME_RTHROTTLED, as an SMSC does.
   */
  perSecond?: number;
};

export type Part = {
  messageId: string;
  to: string;
  from: string;
  dataCoding: number;
  udh: number[] | null;
  text: string;
  at: number;
};
export type Assembled = { to: string; from: string; dataCoding: number; parts: number; text: string; messageId: string };

export type TestSmppServer = {
  url: string;
  parts: Part[];
  binds: number;
  submitsSeen: () => number;
  /** submit_sm answered ESME_RTHROTTLED. */
  throttled: () => number;
  /** Whole messages: single parts, and long ones joined by (number, reference) once complete. */
  messages: () => Assembled[];
  /** A person's reply from `from` (international), passed on to a bound session; its answer's status. */
  sendReply: (from: string, text: string) => Promise<number>;
  close: () => Promise<void>;
};

export async function startSmppServer(opts: SmppServerOptions = {}): Promise<TestSmppServer> {
  const systemId = opts.systemId ?? "congdanso";
  const password = opts.password ?? "secret";
  const parts: Part[] = [];
  let submits = 0;
  let throttledCount = 0;
  let nextId = 1;
  const bucket = { tokens: opts.perSecond ?? 0, at: Date.now() };
  /** Takes one submit from the throughput bucket; false when it is empty. */
  const withinRate = () => {
    if (!opts.perSecond) return true;
    const now = Date.now();
    bucket.tokens = Math.min(opts.perSecond, bucket.tokens + ((now - bucket.at) / 1000) * opts.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  // Ids unique across the servers a test run starts, as a provider's are.
  const prefix = `S${randomBytes(3).toString("hex")}-`;
  const sessions = new Set<Session>();
  const bound = new Set<Session>();
  const state = { binds: 0 };
  // As an SMSC does: a receipt goes to a bound session of the system, kept until there is one, and
  // sent again (on the next bind) when it is not answered.
  const waiting: Record<string, unknown>[] = [];
  const unanswered = new Map<Session, Set<Record<string, unknown>>>();
  const deliverReceipt = (receipt: Record<string, unknown>) => {
    const session = [...bound][0];
    if (!session) {
      waiting.push(receipt);
      return;
    }
    const open = unanswered.get(session) ?? new Set();
    unanswered.set(session, open);
    open.add(receipt);
    const sent = (session.deliver_sm as (f: Record<string, unknown>, cb: (r: PDU) => void) => boolean).call(
      session,
      { ...receipt },
      (r: PDU) => {
        open.delete(receipt);
        if (r.command_status !== smpp.ESME_ROK) waiting.push(receipt);
      },
    );
    if (!sent) {
      open.delete(receipt);
      waiting.push(receipt);
    }
  };

  const server = smpp.createServer((session: Session) => {
    sessions.add(session);
    let cut = false;
    session.on("close", () => {
      sessions.delete(session);
      bound.delete(session);
      // Receipts the client never answered go again on the next bind.
      for (const r of unanswered.get(session) ?? []) waiting.push(r);
      unanswered.delete(session);
      if (bound.size > 0) for (const r of waiting.splice(0)) deliverReceipt(r);
    });
    session.on("error", () => {});
    const bind = (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      state.binds++;
      session.send(pdu.response({ system_id: "test-smsc" }));
      bound.add(session);
      for (const r of waiting.splice(0)) deliverReceipt(r);
    };
    session.on("bind_transceiver", bind);
    session.on("bind_transmitter", bind);
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("submit_sm", (pdu: PDU) => {
      if (cut) return; // after the cut nothing more is read on this connection
      const n = ++submits;
      if (opts.dropOn?.includes(n)) {
        cut = true;
        bound.delete(session);
        session.close();
        return;
      }
      if (opts.throttleOn?.includes(n) || !withinRate()) {
        throttledCount++;
        session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
        return;
      }
      const to = String(pdu.destination_addr);
      if (opts.refuse?.includes(to)) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVDSTADR }));
        return;
      }
      const sm = pdu.short_message as { udh?: Buffer[]; message: string };
      const concat = sm.udh?.find((ie) => ie[0] === 0x00);
      const messageId = `${prefix}${String(nextId++).padStart(6, "0")}`;
      parts.push({
        messageId,
        to,
        from: String(pdu.source_addr),
        dataCoding: Number(pdu.data_coding),
        udh: concat ? [concat[2], concat[3], concat[4]] : null,
        text: sm.message,
        at: Date.now(),
      });
      session.send(pdu.response({ message_id: messageId }));
      if (Number(pdu.registered_delivery) & 1) {
        const stat = opts.undeliverable?.includes(to) ? "UNDELIV" : "DELIVRD";
        const receipt = {
          source_addr: to,
          destination_addr: String(pdu.source_addr),
          esm_class: 0x04,
          short_message: `id:${messageId} sub:001 dlvrd:${stat === "DELIVRD" ? "001" : "000"} submit date:2612060800 done date:2612060801 stat:${stat} err:${stat === "DELIVRD" ? "000" : "001"} text:`,
        };
        setTimeout(() => deliverReceipt(receipt), opts.receiptDelayMs ?? 20);
      }
    });
  });
  server.listen(opts.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `smpp://127.0.0.1:${port}`,
    parts,
    get binds() {
      return state.binds;
    },
    submitsSeen: () => submits,
    throttled: () => throttledCount,
    messages: () => {
      const out: Assembled[] = [];
      const groups = new Map<string, Part[]>();
      for (const p of parts) {
        if (!p.udh) {
          out.push({ to: p.to, from: p.from, dataCoding: p.dataCoding, parts: 1, text: p.text, messageId: p.messageId });
          continue;
        }
        const key = `${p.to}:${p.udh[0]}`;
        groups.set(key, [...(groups.get(key) ?? []), p]);
      }
      for (const g of groups.values()) {
        const total = g[0].udh![1];
        const bySeq = new Map(g.map((p) => [p.udh![2], p]));
        if (bySeq.size !== total) continue;
        const ordered = [...bySeq.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
        out.push({
          to: ordered[0].to,
          from: ordered[0].from,
          dataCoding: ordered[0].dataCoding,
          parts: total,
          text: ordered.map((p) => p.text).join(""),
          messageId: ordered[total - 1].messageId,
        });
      }
      return out;
    },
    sendReply: (from, text) =>
      new Promise<number>((resolve, reject) => {
        const session = [...bound][0];
        if (!session) return reject(new Error("no bound session"));
        (session.deliver_sm as (f: Record<string, unknown>, cb: (r: PDU) => void) => boolean).call(
          session,
          { source_addr: from, destination_addr: "TUKY-XA", esm_class: 0, short_message: text },
          (r: PDU) => resolve(r.command_status),
        );
      }),
    close: async () => {
      for (const s of sessions) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
