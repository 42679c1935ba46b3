import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { SeatStatus } from "@/components/schedule/seat-status";
import type { PublicClass } from "@/lib/training/schedule";

/** Time, place, organiser and seats of a class, as a definition list (server-rendered). */
export async function ClassFacts({ c }: { c: Omit<PublicClass, "description"> }) {
  const [t, format, locale] = await Promise.all([getTranslations("schedule"), getFormatter(), getLocale()]);
  return (
    <div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("when")}</dt>
        <dd>
          {format.dateTime(c.startsAt, "long")} – {format.dateTime(c.endsAt, "hourMinute")}
        </dd>
        <dt className="text-slate-600">{t("place")}</dt>
        <dd>{c.place}</dd>
        <dt className="text-slate-600">{t("organiser")}</dt>
        <dd>
          {c.organiser}
          {c.partnerCommune ? ` · ${t("partner", { commune: c.partnerCommune.name })}` : null}
        </dd>
        <dt className="text-slate-600">{t("topic")}</dt>
        <dd>
          {locale === "vi" ? c.topic.nameVi : c.topic.nameEn} · {t(`audiences.${c.audience}`)}
        </dd>
      </dl>
      <p className="mt-2 text-sm font-medium">
        <SeatStatus c={c} />
      </p>
    </div>
  );
}
