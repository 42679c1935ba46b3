// How a message leaves the portal, by its channel (env MESSAGE_CHANNEL when it was queued):
// "log" writes it to the server log and marks it "logged", so that an admin sees it in
// /admin/outbox (the demo and the tests); "sms" hands it to the SMS provider over SMPP
// (lib/outbox/smpp.ts, when SMPP_URL is set).
import { URGENT_KINDS } from "@/lib/outbox/cap";
import { recordReply } from "@/lib/outbox/opt-out";
import { recordReceipt } from "@/lib/outbox/receipts";
import { smppConfigFromEnv, SmppGateway } from "@/lib/outbox/smpp";
import { sendSmsHttp, smsHttpConfigFromEnv, type SmsHttpConfig } from "@/lib/outbox/sms-http";
import { sendZns, zaloConfigFromEnv, type ZaloConfig } from "@/lib/outbox/zalo";
import { smsParts } from "@/lib/outbox/sms-text";

export type OutgoingMessage = {
  id: number;
  communeId: number;
  kind: string;
  channel: string;
  recipient: string;
  body: string;
  /** The values the body was written from (a Zalo template's). */
  payload?: unknown;
};

/** What the provider took: the status to record, the parts it bills, its id for the message. */
export type SendResult = { status: "sent" | "logged"; parts: number; providerId?: string };

export interface Sender {
  channel: string;
  /**
   * Delivers the message, or throws: a SendError (lib/outbox/send-error.ts) says whether trying
   * again may help; anything else is taken as transient (the job queue retries).
   */
  send(msg: OutgoingMessage): Promise<SendResult>;
}

/** Masks a phone number for logs and lists: 0912345678 → 0912***678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return "***";
  return `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}

export const logSender: Sender = {
  channel: "log",
  async send(msg) {
    // A code that proves a phone never goes to a log in clear (the outbox view shows it to the
    // admin while it is valid, then it is blanked: lib/users/phone-verification.ts).
    const body = URGENT_KINDS.includes(msg.kind) ? msg.body.replace(/\d/g, "•") : msg.body;
    console.info(`[outbox] ${msg.kind} #${msg.id} to ${maskPhone(msg.recipient)} (commune ${msg.communeId}): ${body}`);
    return { status: "logged", parts: smsParts(msg.body).parts };
  },
};

const holder = globalThis as unknown as { smppGateway?: SmppGateway | null };

/** This process's SMPP session (one per app server), or null when SMPP_URL is unset. */
export function smppGateway(): SmppGateway | null {
  if (holder.smppGateway === undefined) {
    const config = smppConfigFromEnv();
    holder.smppGateway = config
      ? new SmppGateway(
          config,
          async (r) => void (await recordReceipt(r)),
          async (from, text) => void (await recordReply(from, text)),
        )
      : null;
  }
  return holder.smppGateway;
}

/** SMS over SMPP through `gateway`. */
export function smppSender(gateway: SmppGateway): Sender {
  return {
    channel: "sms",
    async send(msg) {
      const { providerId, parts } = await gateway.submit(msg.recipient, msg.body);
      return { status: "sent", parts, providerId };
    },
  };
}

/** SMS through the provider's HTTP API (lib/outbox/sms-http.ts). */
export function smsHttpSender(config: SmsHttpConfig): Sender {
  return {
    channel: "sms",
    async send(msg) {
      const { providerId, parts } = await sendSmsHttp(config, msg.recipient, msg.body, `cds-${msg.id}`);
      return { status: "sent", parts, providerId: providerId || undefined };
    },
  };
}

/** Zalo notifications (lib/outbox/zalo.ts); a refusal throws ZaloRefused, and the worker sends by SMS. */
export function zaloSender(config: ZaloConfig): Sender {
  return {
    channel: "zalo",
    async send(msg) {
      const { providerId } = await sendZns(config, msg);
      return { status: "sent", parts: 1, providerId };
    },
  };
}

const SENDERS: Record<string, () => Sender | null> = {
  log: () => logSender,
  zalo: () => {
    const config = zaloConfigFromEnv();
    return config ? zaloSender(config) : null;
  },
  // SMPP when SMPP_URL is set, else the HTTP API when SMS_HTTP_URL is.
  sms: () => {
    const gateway = smppGateway();
    if (gateway) return smppSender(gateway);
    const http = smsHttpConfigFromEnv();
    return http ? smsHttpSender(http) : null;
  },
};

/**
 * The sender for a channel, or null when no gateway is wired for it: a message meant for SMS must
 * not be reported as "logged" (the worker marks it failed instead, so an admin sees it).
 */
export function senderFor(channel: string): Sender | null {
  return Object.hasOwn(SENDERS, channel) ? SENDERS[channel]() : null;
}
