// How a message leaves the portal. Only the "log" sender exists so far: it writes the message to
// the server log and marks it "logged", so that an admin sees it in /admin/outbox. SMS and Zalo
// senders plug in here later, chosen by env MESSAGE_CHANNEL.

export type OutgoingMessage = {
  id: number;
  communeId: number;
  kind: string;
  channel: string;
  recipient: string;
  body: string;
};

export interface Sender {
  channel: string;
  /** Delivers the message, or throws (the job queue retries). Returns the status to record. */
  send(msg: OutgoingMessage): Promise<"sent" | "logged">;
}

/** Masks a phone number for logs and lists: 0912345678 → 0912***678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return "***";
  return `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}

export const logSender: Sender = {
  channel: "log",
  async send(msg) {
    console.info(`[outbox] ${msg.kind} #${msg.id} to ${maskPhone(msg.recipient)} (commune ${msg.communeId}): ${msg.body}`);
    return "logged";
  },
};

const SENDERS: Record<string, Sender> = { log: logSender };

/**
 * The sender for a channel, or null when no gateway is wired for it: a message meant for SMS must
 * not be reported as "logged" (the worker marks it failed instead, so an admin sees it).
 */
export function senderFor(channel: string): Sender | null {
  return Object.hasOwn(SENDERS, channel) ? SENDERS[channel] : null;
}
