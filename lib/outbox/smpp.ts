// SMS over SMPP 3.4, the carriers' protocol (issue 19), with the `smpp` package's client: one
// session per app server, bound as transceiver (or transmitter), kept alive with enquire_link,
// bound again with backoff when it drops, and never more than the provider's window of
// submit_sm in flight nor faster than its rate. A message is sent as one part when it fits
// (GSM-7: 160 characters; UCS-2: 70), else as parts of 153 / 67 joined by a UDH; the last part asks
// for a delivery receipt, whose deliver_sm (matched by the provider's id) ends the message's row.
import { randomInt } from "node:crypto";
import smpp, { type PDU, type Session } from "smpp";
import { smsParts } from "@/lib/outbox/sms-text";
import { SendError } from "@/lib/outbox/send-error";

export type SmppConfig = {
  url: string;
  systemId: string;
  password: string;
  /** The brandname the provider registered for the commune (alphanumeric sender). */
  source: string;
  bind: "transceiver" | "transmitter";
  /** The most submit_sm awaiting their response at once. */
  window: number;
  /** The most submit_sm a second. */
  perSecond: number;
  enquireLinkMs: number;
  /** How long a submit_sm waits for its response before the session is taken as lost. */
  responseTimeoutMs: number;
};

/** SMPP_* settings (README "Messages"), or null when SMPP_URL is unset. */
export function smppConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmppConfig | null {
  const url = env.SMPP_URL?.trim();
  if (!url) return null;
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    url,
    systemId: env.SMPP_SYSTEM_ID ?? "",
    password: env.SMPP_PASSWORD ?? "",
    source: env.SMPP_SOURCE?.trim() || "CONGDANSO",
    bind: env.SMPP_BIND === "transmitter" ? "transmitter" : "transceiver",
    window: num(env.SMPP_WINDOW, 10),
    perSecond: num(env.SMPP_PER_SECOND, 30),
    enquireLinkMs: num(env.SMPP_ENQUIRE_LINK_SECONDS, 30) * 1000,
    responseTimeoutMs: num(env.SMPP_RESPONSE_TIMEOUT_SECONDS, 15) * 1000,
  };
}

/** Vietnamese mobile numbers as SMPP wants them: international, without "+" (0912… → 84912…). */
export function internationalNumber(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("0") ? `84${digits.slice(1)}` : digits;
}

/**
 * The text cut into the parts it is billed as (lib/outbox/sms-text.ts counts them): GSM-7 by
 * septets (an extension character, two septets, is never cut from its escape), UCS-2 by UTF-16
 * units (a surrogate pair is never cut).
 */
export function splitSms(text: string): { encoding: "gsm7" | "ucs2"; parts: string[] } {
  const { encoding, parts } = smsParts(text);
  if (parts === 1) return { encoding, parts: [text] };
  const size = encoding === "gsm7" ? 153 : 67;
  const weight = (ch: string) => (encoding === "gsm7" ? ("^{}\\[~]|€\f".includes(ch) ? 2 : 1) : ch.length);
  const out: string[] = [];
  let current = "";
  let used = 0;
  for (const ch of text) {
    const w = weight(ch);
    if (used + w > size) {
      out.push(current);
      current = "";
      used = 0;
    }
    current += ch;
    used += w;
  }
  if (current) out.push(current);
  return { encoding, parts: out };
}

/** A delivery receipt: the provider's id of the message, and its final state. */
export type Receipt = { providerId: string; state: "delivered" | "failed" | "pending"; reason: string | null };

const FINAL_FAILED = new Set(["UNDELIV", "REJECTD", "EXPIRED", "DELETED", "UNKNOWN"]);
// message_state TLV: 2 DELIVERED, 3 EXPIRED, 4 DELETED, 5 UNDELIVERABLE, 7 UNKNOWN, 8 REJECTED.
const STATE_NAMES: Record<number, string> = {
  2: "DELIVRD",
  3: "EXPIRED",
  4: "DELETED",
  5: "UNDELIV",
  7: "UNKNOWN",
  8: "REJECTD",
};

/** A PDU's short_message as text (the package decodes it by data_coding). */
function messageText(pdu: PduLike): string {
  const raw = pdu.short_message as { message?: unknown } | string | undefined;
  return typeof raw === "string" ? raw : typeof raw?.message === "string" ? raw.message : String(raw?.message ?? "");
}

/** Reads a deliver_sm that is a delivery receipt (esm_class 0x04), else null. */
export function parseReceipt(pdu: PduLike): Receipt | null {
  if (((Number(pdu.esm_class) || 0) & 0x3c) !== 0x04) return null;
  const text = messageText(pdu);
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S+)`, "i").exec(text)?.[1] ?? null;
  const providerId = (typeof pdu.receipted_message_id === "string" && pdu.receipted_message_id) || field("id");
  if (!providerId) return null;
  const stat = (typeof pdu.message_state === "number" ? STATE_NAMES[pdu.message_state] : undefined) ?? field("stat") ?? "";
  const err = field("err");
  const state = stat.toUpperCase() === "DELIVRD" ? "delivered" : FINAL_FAILED.has(stat.toUpperCase()) ? "failed" : "pending";
  return { providerId, state, reason: state === "failed" ? `${stat}${err ? ` err:${err}` : ""}` : null };
}

type PduLike = Record<string, unknown>;

// submit_sm answers that a later try may pass: the provider is busy or briefly failing.
const TRANSIENT_STATUSES = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL, smpp.ESME_RSYSERR, smpp.ESME_RSUBMITFAIL]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One SMPP session to the provider, opened on first use. `onReceipt` is called for every delivery
 * receipt the provider sends on it (whichever app server sent the message: they share the rows).
 */
export class SmppGateway {
  private session: Session | null = null;
  private binding: Promise<Session> | null = null;
  private failures = 0;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private nextSlot = 0;
  private closed = false;

  constructor(
    private readonly config: SmppConfig,
    private readonly onReceipt: (receipt: Receipt) => Promise<void> = async () => {},
    /** A person's reply (a deliver_sm that is not a receipt): its sender and text. */
    private readonly onReply: (from: string, text: string) => Promise<void> = async () => {},
  ) {}

  /** Sends `text` to `phone`; the provider's id of its last part, and the parts sent. */
  async submit(phone: string, text: string): Promise<{ providerId: string; parts: number }> {
    const { encoding, parts } = splitSms(text);
    const ref = randomInt(0, 256);
    let providerId = "";
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const udh = parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]) : null;
      const response = await this.request("submit_sm", {
        source_addr_ton: 5, // alphanumeric: the brandname
        source_addr_npi: 0,
        source_addr: this.config.source,
        dest_addr_ton: 1, // international
        dest_addr_npi: 1, // E.164
        destination_addr: internationalNumber(phone),
        registered_delivery: last ? 1 : 0,
        data_coding: encoding === "gsm7" ? 0x00 : 0x08,
        short_message: udh ? { udh, message: part } : { message: part },
      });
      if (response.command_status !== smpp.ESME_ROK) {
        const status = `0x${response.command_status.toString(16).padStart(4, "0")}`;
        throw new SendError(`submit_sm refused: ${status}`, { permanent: !TRANSIENT_STATUSES.has(response.command_status) });
      }
      providerId = String(response.message_id ?? "");
    }
    return { providerId, parts: parts.length };
  }

  /** Unbinds and closes; the gateway opens no new session after this. */
  async close(): Promise<void> {
    this.closed = true;
    const s = this.session;
    this.session = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => s.destroy(() => resolve()), 2_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const unbind = s.unbind as (cb: () => void) => boolean;
      if (!unbind.call(s, () => s.close(done))) done();
    });
  }

  /** Sends one request within the window and the rate, on a bound session; its response. */
  private async request(command: string, fields: PduLike): Promise<PDU> {
    await this.takeSlot();
    try {
      const session = await this.bound();
      return await new Promise<PDU>((resolve, reject) => {
        const timer = setTimeout(() => {
          // No answer: the link is dead whatever TCP says. Drop it; the next send binds again.
          session.destroy();
          reject(new SendError(`${command}: no response in ${this.config.responseTimeoutMs} ms`, { permanent: false }));
        }, this.config.responseTimeoutMs);
        const lost = () => {
          clearTimeout(timer);
          reject(new SendError(`${command}: the SMPP session closed before the response`, { permanent: false }));
        };
        session.once("close", lost);
        const fn = session[command] as (f: PduLike, cb: (pdu: PDU) => void) => boolean;
        const sent = fn.call(session, fields, (pdu: PDU) => {
          clearTimeout(timer);
          session.off("close", lost);
          resolve(pdu);
        });
        if (!sent) lost();
      });
    } finally {
      this.releaseSlot();
    }
  }

  private async takeSlot(): Promise<void> {
    while (this.inFlight >= this.config.window) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.config.perSecond;
    if (at > now) await sleep(at - now);
  }

  private releaseSlot() {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /** The bound session, binding (again) when there is none; waits the backoff after failures. */
  private bound(): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.bind().finally(() => (this.binding = null));
    return this.binding;
  }

  private async bind(): Promise<Session> {
    if (this.closed) throw new SendError("the SMPP gateway is closed", { permanent: false });
    if (this.failures > 0) await sleep(Math.min(30_000, 500 * 2 ** (this.failures - 1)));
    const session = smpp.connect({ url: this.config.url, auto_enquire_link_period: this.config.enquireLinkMs });
    // The provider's own requests: keep-alives, receipts, and its wish to end the session. Listened
    // to before the bind: a provider sends the receipts it kept in the same packet as bind_resp.
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("deliver_sm", (pdu: PDU) => {
      const receipt = parseReceipt(pdu);
      // Answer only once it is recorded: a provider sends again what was not answered.
      void (receipt ? this.onReceipt(receipt) : this.onReply(String(pdu.source_addr ?? ""), messageText(pdu)))
        .then(() => session.send(pdu.response()))
        .catch(() => session.send(pdu.response({ command_status: smpp.ESME_RSYSERR })));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        session.once("error", reject);
        session.once("close", () => reject(new Error("closed while connecting")));
        session.once("connect", () => resolve());
      });
      const bindCommand = this.config.bind === "transmitter" ? "bind_transmitter" : "bind_transceiver";
      const response = await new Promise<PDU>((resolve, reject) => {
        session.once("close", () => reject(new Error("closed while binding")));
        const fn = session[bindCommand] as (f: PduLike, cb: (pdu: PDU) => void) => boolean;
        fn.call(session, { system_id: this.config.systemId, password: this.config.password }, resolve);
      });
      if (response.command_status !== smpp.ESME_ROK) {
        throw new Error(`bind refused: 0x${response.command_status.toString(16).padStart(4, "0")}`);
      }
    } catch (err) {
      this.failures++;
      session.destroy();
      throw new SendError(`SMPP bind failed: ${(err as Error).message}`, { permanent: false });
    }
    this.failures = 0;
    session.removeAllListeners("close");
    session.removeAllListeners("error");
    session.on("error", () => session.destroy());
    session.on("close", () => {
      if (this.session === session) this.session = null;
    });
    this.session = session;
    return session;
  }
}
