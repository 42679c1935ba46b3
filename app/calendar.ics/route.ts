import { getTranslations } from "next-intl/server";
import { getPortalCommune } from "@/lib/communes/portal";
import { publicOrigin } from "@/lib/public-url";
import { buildCalendar, CALENDAR_CONTENT_TYPE } from "@/lib/training/calendar";
import { listCalendarClasses } from "@/lib/training/schedule";

/** The public schedule as a calendar feed people can subscribe to. No personal data. */
export async function GET(request: Request) {
  const commune = await getPortalCommune();
  if (!commune) return new Response(null, { status: 404 });
  const origin = publicOrigin(request.headers);
  const [classes, t] = await Promise.all([listCalendarClasses(commune.id), getTranslations("schedule")]);
  const body = buildCalendar(
    classes.map((c) => ({ ...c, url: new URL(`/schedule/${c.id}`, origin).toString() })),
    { name: t("calendarName", { commune: commune.name }), host: new URL(origin).hostname },
  );
  return new Response(body, {
    headers: {
      "content-type": CALENDAR_CONTENT_TYPE,
      "content-disposition": 'inline; filename="calendar.ics"',
      "cache-control": "public, max-age=300",
    },
  });
}
