// The daily cap on SMS parts per commune (cost control, issue 19): SMS_DAILY_PARTS_PER_COMMUNE,
// 1,000 by default, 0 for none. A message's parts are counted when it is handed to the provider
// (its row's parts and sent_at, set before the send and cleared if the provider does not take
// it), under a lock per commune, so that workers sending at once cannot overshoot the cap. A
// message past the cap waits for the next day in Vietnam; codes that prove a phone are never held.
import type { DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** The SQL of the SMS parts the commune has handed to the provider since `since`. */
const partsSince = (communeId: number, since: Date) => Prisma.sql`
  SELECT coalesce(sum(parts), 0) FROM outbox_message WHERE commune_id = ${communeId} AND channel = 'sms' AND sent_at >= ${since}`;

/** SMS parts the commune has handed to the provider today (Vietnam's day). */
export async function partsSentToday(tx: DbClient, communeId: number, now: Date = new Date()): Promise<number> {
  const rows = await tx.$queryRaw<
    { n: bigint | number | null }[]
  >`SELECT (${partsSince(communeId, vietnamDayStart(todayInVietnam(now)))}) AS n`;
  return Number(rows[0]?.n ?? 0);
}

/** When a message held by the cap is tried again: the start of the next day in Vietnam. */
export function nextCapDay(now: Date = new Date()): Date {
  return vietnamDayStart(addDays(todayInVietnam(now), 1));
}

/**
 * Counts `parts` for the message against its commune's cap, or says it must wait. True when the
 * message may be sent now (its row then holds the parts and the time); false when the cap is
 * reached, or the message is no longer pending.
 */
export async function reserveParts(
  db: DbClient & { $transaction: <T>(fn: (tx: DbClient) => Promise<T>) => Promise<T> },
  msg: { id: number; communeId: number; kind: string },
  parts: number,
  now: Date = new Date(),
  cap: number | null = dailyPartCap(),
): Promise<boolean> {
  const reserve = (tx: DbClient, within: Prisma.Sql) => tx.$executeRaw`
    UPDATE outbox_message SET parts = ${parts}, sent_at = ${now}
    WHERE id = ${msg.id} AND status = 'pending' AND ${within}`;
  // Not counted against a cap: one statement.
  if (cap === null || URGENT_KINDS.includes(msg.kind)) return (await reserve(db, Prisma.sql`true`)) === 1;
  return db.$transaction(async (tx) => {
    // One message of the commune at a time: the sum below then counts every part reserved before.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sms daily cap'), ${msg.communeId})`;
    const since = vietnamDayStart(todayInVietnam(now));
    return (await reserve(tx, Prisma.sql`(${partsSince(msg.communeId, since)}) + ${parts} <= ${cap}`)) === 1;
  });
}
