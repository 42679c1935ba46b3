// POST /api/zalo/events: Zalo's webhook (issue 19). ZNS says when a template message reached the
// person's phone with the event "user_received_message" (message.msg_id: the id its send answer
// gave, our row's provider_id; message.delivery_time in ms): the row becomes "delivered". Zalo
// sends no event for a message that never arrives: such a row stays "sent". Not a user's request:
// Zalo signs each event with the Official Account's secret key (header X-ZEvent-Signature:
// "mac=" + sha256(app_id + body + timestamp + key), app_id and timestamp read from the body), and
// an event can only end the message carrying its id. Zalo sends an unanswered event again, so a
// repeat must do nothing: recordReceipt drops a receipt for a message already ended.
import { createHash, timingSafeEqual } from "node:crypto";
import { recordReceipt } from "@/lib/outbox/receipts";

export type ZaloEventsConfig = { secretKey: string; appId: string | null };

/** ZALO_OA_SECRET_KEY (and ZALO_APP_ID, when set, the only app whose events are taken), or null. */
export function zaloEventsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ZaloEventsConfig | null {
  const secretKey = env.ZALO_OA_SECRET_KEY?.trim();
  return secretKey ? { secretKey, appId: env.ZALO_APP_ID?.trim() || null } : null;
}

/** The X-ZEvent-Signature Zalo sends with `body` (the request's raw text). */
export function zaloEventSignature(secretKey: string, body: string, appId: string, timestamp: string): string {
  return `mac=${createHash("sha256").update(`${appId}${body}${timestamp}${secretKey}`).digest("hex")}`;
}

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

/** When the phone got it: delivery_time (ms) if it is a plausible time, else now. */
function deliveredAt(raw: unknown, now: Date): Date {
  const t = Number(raw);
  const ok = Number.isFinite(t) && t > now.getTime() - 2 * 86_400_000 && t < now.getTime() + 300_000;
  return ok ? new Date(t) : now;
}

export async function zaloEvent(
  request: Request,
  config: ZaloEventsConfig | null = zaloEventsConfigFromEnv(),
  now: Date = new Date(),
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (!config) return { status: 404, body: { error: "not configured" } };
  const raw = await request.text();
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(raw) as Record<string, unknown>;
    if (!event || typeof event !== "object") throw new Error("not an object");
  } catch {
    return { status: 400, body: { error: "unreadable body" } };
  }
  const appId = String(event.app_id ?? "");
  const expected = zaloEventSignature(config.secretKey, raw, appId, String(event.timestamp ?? ""));
  const given = (request.headers.get("x-zevent-signature") ?? "").replace(/\s+/g, "").toLowerCase();
  if (!sameText(given, expected)) return { status: 401, body: { error: "bad signature" } };
  if (config.appId && appId !== config.appId) return { status: 403, body: { error: "another app's event" } };
  const message = (event.message ?? {}) as Record<string, unknown>;
  // The OA's chat messages use the same event name; a ZNS receipt carries delivery_time.
  if (event.event_name !== "user_received_message" || !message.msg_id || message.delivery_time === undefined) {
    return { status: 200, body: { ok: true, ignored: String(event.event_name ?? "") } };
  }
  const at = deliveredAt(message.delivery_time, now);
  const ended = await recordReceipt({ providerId: String(message.msg_id), state: "delivered", reason: null }, at);
  return { status: 200, body: { ok: true, ended } };
}
