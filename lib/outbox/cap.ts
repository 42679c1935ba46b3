// The daily cap on SMS parts per commune (cost control, issue 19): SMS_DAILY_PARTS_PER_COMMUNE,
// 1,000 by default, 0 for none. A message's parts are counted when it is handed to the provider
// (its row's parts and sent_at, set before the send and cleared if the provider does not take
// it), under a lock per commune, so that workers sending at once cannot overshoot the cap. A
// message past the cap waits for the next day in Vietnam; codes that prove a phone are never held.
import type { DbClient } from "@/lib/db";
import { addDays, todayInVietnam, vietnamDayStart } from "@/lib/format/dates";

export const DEFAULT_DAILY_PARTS = 1000;
/** Messages that must go at once, whatever the day's count: a person is waiting for them. */
export const URGENT_KINDS: readonly string[] = ["phone_code", "signin_unlock"];

export function dailyPartCap(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.SMS_DAILY_PARTS_PER_COMMUNE?.trim();
  if (!raw) return DEFAULT_DAILY_PARTS;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** SMS parts the commune has handed to the provider today (Vietnam's day). */
export async function partsSentToday(tx: DbClient, communeId: number, now: Date = new Date()): Promise<number> {
  const since = vietnamDayStart(todayInVietnam(now));
  const rows = await tx.$queryRaw<{ n: bigint | null }[]>`
    SELECT sum(parts) AS n FROM outbox_message WHERE commune_id = ${communeId} AND channel = 'sms' AND sent_at >= ${since}`;
  return Number(rows[0]?.n ?? 0);
}

/** When a message held by the cap is tried again: the start of the next day in Vietnam. */
export function nextCapDay(now: Date = new Date()): Date {
  return vietnamDayStart(addDays(todayInVietnam(now), 1));
}

/**
 * Counts `parts` for the message against its commune's cap, or says it must wait. True when the
 * message may be sent now (its row then holds the parts and the time).
 */
export async function reserveParts(
  db: { $transaction: <T>(fn: (tx: DbClient) => Promise<T>) => Promise<T> },
  msg: { id: number; communeId: number; kind: string },
  parts: number,
  now: Date = new Date(),
  cap: number | null = dailyPartCap(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sms daily cap'), ${msg.communeId})`;
    if (cap !== null && !URGENT_KINDS.includes(msg.kind)) {
      if ((await partsSentToday(tx, msg.communeId, now)) + parts > cap) return false;
    }
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: msg.id, status: "pending" },
      data: { parts, sentAt: now },
    });
    return count === 1;
  });
}
