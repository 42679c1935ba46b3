import { getTranslations } from "next-intl/server";
import { getPortalCommune } from "@/lib/communes/portal";
import { publicOrigin } from "@/lib/public-url";
import { buildCalendar, CALENDAR_CONTENT_TYPE } from "@/lib/training/calendar";
import { getPublicClass } from "@/lib/training/schedule";

/** "Add to calendar": one class as an .ics file. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const commune = await getPortalCommune();
  const c = commune && /^\d{1,9}$/.test(id) ? await getPublicClass(commune.id, Number(id)) : null;
  if (!commune || !c) return new Response(null, { status: 404 });
  const origin = publicOrigin(request.headers);
  const t = await getTranslations("schedule");
  const body = buildCalendar([{ ...c, url: new URL(`/schedule/${c.id}`, origin).toString() }], {
    name: t("calendarName", { commune: commune.name }),
    host: new URL(origin).hostname,
  });
  return new Response(body, {
    headers: {
      "content-type": CALENDAR_CONTENT_TYPE,
      "content-disposition": `attachment; filename="class-${c.id}.ics"`,
      "cache-control": "no-store",
    },
  });
}
