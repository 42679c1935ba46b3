// Opting out of class reminders (issue 19), on /resident or by SMS: a person replies to any of the portal's SMS with
// TU CHOI (or TUCHOI, STOP, HUY NHAC) and gets no more reminders; BAT NHAC turns them on again. The
// provider passes the reply on as a deliver_sm that is not a receipt (lib/outbox/smpp.ts). Other
// messages (a class's confirmation, its cancellation, a code) still go: they answer what the
// person did.
import { audit } from "@/lib/audit/log";
import { requireCan } from "@/lib/auth/capabilities";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { withoutToneMarks } from "@/lib/format/names";
import { normalizePhone, VN_MOBILE } from "@/lib/validation/phone";

const OFF = ["TU CHOI", "TUCHOI", "STOP", "HUY NHAC", "HUYNHAC"];
const ON = ["BAT NHAC", "BATNHAC"];

/** A reply's keyword: "off", "on", or null (any other text is not ours to read). */
export function replyKeyword(text: string): "off" | "on" | null {
  const t = withoutToneMarks(text).toUpperCase().replace(/\s+/g, " ").trim();
  if (OFF.includes(t)) return "off";
  if (ON.includes(t)) return "on";
  return null;
}

/** Records a reply; the keyword it held, or null when it held none. */
export async function recordReply(from: string, text: string): Promise<"off" | "on" | null> {
  const keyword = replyKeyword(text);
  // The provider gives the number as 84912…: the portal keeps it as 0912….
  const phone = normalizePhone(from);
  if (!keyword || !VN_MOBILE.test(phone)) return null;
  if (keyword === "off") await db.reminderOptOut.upsert({ where: { phone }, create: { phone }, update: {} });
  else await db.reminderOptOut.deleteMany({ where: { phone } });
  return keyword;
}

/** The numbers among `phones` that want no reminders. */
export async function optedOut(phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await db.reminderOptOut.findMany({ where: { phone: { in: phones } }, select: { phone: true } });
  return new Set(rows.map((r) => r.phone));
}

/**
 * The signed-in resident's reminders: whether their proven number gets them, or null when they
 * have no proven number (an unproven one could be someone else's: its wishes are not theirs to set).
 */
export async function getMyReminders(user: CurrentUser): Promise<{ on: boolean; phone: string } | null> {
  requireCan(user, "self:resident");
  const row = await db.user.findFirst({ where: { id: user.id, communeId: communeOf(user) }, select: { phone: true } });
  if (!row?.phone) return null;
  return { on: (await optedOut([row.phone])).size === 0, phone: row.phone };
}

/** The resident turns class reminders to their proven number on or off; false when they have none. */
export async function setMyReminders(user: CurrentUser, on: boolean): Promise<boolean> {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const row = await db.user.findFirst({ where: { id: user.id, communeId }, select: { phone: true } });
  if (!row?.phone) return false;
  const phone = row.phone;
  await db.$transaction(async (tx) => {
    if (on) await tx.reminderOptOut.deleteMany({ where: { phone } });
    else await tx.reminderOptOut.upsert({ where: { phone }, create: { phone }, update: {} });
    await audit(tx, user, on ? "reminders.on" : "reminders.off", "user", user.id);
  });
  return true;
}
