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

/** A claim older than this is taken as lost (its process died mid-send): the message may go again. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * Claims a pending message for this send, in one statement: its row then holds the parts and the
 * time, and no other worker's claim succeeds until this send is recorded or has failed (which
 * clears them), or the claim is CLAIM_LEASE_MS old. Two jobs for one message (the minute job
 * queues a due message again while its first job waits in a worker's batch) send it once.
 * An SMS (`counted`) is also counted against its commune's cap: "cap" when it would pass it.
 */
export async function claimMessage(
  db: DbClient & { $transaction: <T>(fn: (tx: DbClient) => Promise<T>) => Promise<T> },
  msg: { id: number; communeId: number; kind: string },
  parts: number,
  { now = new Date(), counted, cap = dailyPartCap() }: { now?: Date; counted: boolean; cap?: number | null },
): Promise<"claimed" | "taken" | "cap"> {
  const free = Prisma.sql`status = 'pending' AND (sent_at IS NULL OR sent_at < ${new Date(now.getTime() - CLAIM_LEASE_MS)})`;
  const claim = async (tx: DbClient, within: Prisma.Sql) =>
    (await tx.$executeRaw`
      UPDATE outbox_message SET parts = ${parts}, sent_at = ${now} WHERE id = ${msg.id} AND ${free} AND ${within}`) === 1;
  if (!counted || cap === null || URGENT_KINDS.includes(msg.kind))
    return (await claim(db, Prisma.sql`true`)) ? "claimed" : "taken";
  return db.$transaction(async (tx) => {
    // One message of the commune at a time: the sum below then counts every part claimed before.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sms daily cap'), ${msg.communeId})`;
    const since = vietnamDayStart(todayInVietnam(now));
    if (await claim(tx, Prisma.sql`(${partsSince(msg.communeId, since)}) + ${parts} <= ${cap}`)) return "claimed";
    const stillFree = await tx.$queryRaw<unknown[]>`SELECT 1 FROM outbox_message WHERE id = ${msg.id} AND ${free}`;
    return stillFree.length > 0 ? "cap" : "taken";
  });
}
