// Tomorrow's class reminders, made by the outbox worker's minute job (lib/outbox/worker.ts).
import { db } from "@/lib/db";
import { addDays, todayInVietnam, vietnamDayStart } from "@/lib/format/dates";
import { enqueueMessage, written } from "@/lib/outbox/enqueue";
import { optedOut } from "@/lib/outbox/opt-out";
import { showRegistrationCode } from "@/lib/training/codes";
import { sms, smsWhen } from "@/lib/training/sms";

/**
 * For the worker (no user): a reminder for each confirmed registration of every class that starts
 * tomorrow in Vietnam. dedupeKey `class_reminder:<eventId>:<registrationId>` makes it run-safe.
 */
export async function createClassReminders(now: Date = new Date()): Promise<number> {
  const from = vietnamDayStart(addDays(todayInVietnam(now), 1));
  const to = addDays(from, 1);
  const events = await db.trainingEvent.findMany({
    where: { status: "scheduled", startsAt: { gte: from, lt: to } },
    select: {
      id: true,
      communeId: true,
      title: true,
      place: true,
      startsAt: true,
      registrations: { where: { status: "confirmed" }, select: { id: true, phone: true, code: true } },
    },
  });
  // Numbers that replied TU CHOI get none (lib/outbox/opt-out.ts).
  const noReminders = await optedOut([...new Set(events.flatMap((e) => e.registrations.map((r) => r.phone)))]);
  let added = 0;
  for (const ev of events) {
    // 08:00 in Vietnam the day before the class, or now when that has passed: no SMS at night.
    const eightAm = new Date(vietnamDayStart(addDays(todayInVietnam(ev.startsAt), -1)).getTime() + 8 * 3_600_000);
    const sendAfter = eightAm > now ? eightAm : now;
    await db.$transaction(async (tx) => {
      for (const r of ev.registrations.filter((reg) => !noReminders.has(reg.phone))) {
        const ok = await enqueueMessage(tx, {
          communeId: ev.communeId,
          kind: "class_reminder",
          recipient: r.phone,
          ...written((p) => sms("reminder", p), {
            title: ev.title,
            when: smsWhen(ev.startsAt),
            place: ev.place,
            code: showRegistrationCode(r.code),
          }),
          dedupeKey: `class_reminder:${ev.id}:${r.id}`,
          sendAfter,
        });
        if (ok) added++;
      }
    });
  }
  return added;
}
