import type { DbClient } from "@/lib/db";
import { messageChannel } from "@/lib/outbox/channels";
import { smsText } from "@/lib/outbox/sms-text";

export type OutboxKind =
  "registration_confirmed" | "registration_promoted" | "class_reminder" | "class_cancelled" | (string & {});

export type EnqueueInput = {
  communeId: number;
  kind: OutboxKind;
  /** A phone number (or other address for the channel). */
  recipient: string;
  body: string;
  /** One message per purpose, e.g. `class_cancelled:<eventId>:<registrationId>`. */
  dedupeKey: string;
  /** Not before this time (default: now). */
  sendAfter?: Date;
  /**
   * The values the body was written from (title, when, place, code): a Zalo template
   * (lib/outbox/zalo.ts) is filled with them, where the SMS carries the body.
   */
  params?: Record<string, string>;
};

/**
 * Puts a message in the outbox inside the caller's transaction. The worker (lib/outbox/worker.ts)
 * delivers it. A second call with the same dedupeKey does nothing, so triggers may be retried.
 * The body is stored as it is sent: without tone marks (smsText), so that it fits GSM-7's parts.
 * Returns true when a new message was added.
 */
export async function enqueueMessage(tx: DbClient, input: EnqueueInput): Promise<boolean> {
  const sendAfter = input.sendAfter ?? new Date();
  const inserted = await tx.$executeRaw`
    INSERT INTO outbox_message (commune_id, kind, channel, recipient, body, payload, dedupe_key, status, attempts, send_after, created_at)
    VALUES (${input.communeId}, ${input.kind}, ${messageChannel(input.kind)}, ${input.recipient}, ${smsText(input.body)},
            ${input.params ? JSON.stringify(input.params) : null}::jsonb, ${input.dedupeKey}, 'pending', 0, ${sendAfter}, now())
    ON CONFLICT (dedupe_key) DO NOTHING`;
  return inserted > 0;
}

/** A message's text written from `params` by `write`, with the params kept for a Zalo template. */
export function written<P extends Record<string, string>>(write: (params: P) => string, params: P): { body: string; params: P } {
  return { body: write(params), params };
}
