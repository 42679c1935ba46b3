import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ClassFacts } from "@/components/schedule/class-facts";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { getPortalCommune } from "@/lib/communes/portal";
import { AUDIENCES, getScheduleChoices, listSchedule, type ScheduleFilter } from "@/lib/training/schedule";

export async function scheduleMetadata(): Promise<Metadata> {
  const [t, commune] = await Promise.all([getTranslations("schedule"), getPortalCommune()]);
  const description = t("metaDescription", { commune: commune?.name ?? "" });
  return {
    title: t("title"),
    description,
    openGraph: { title: t("title"), description, type: "website" },
    alternates: { types: { "text/calendar": "/calendar.ics" } },
  };
}

function pageHref(filter: ScheduleFilter, page: number): string {
  const q = new URLSearchParams();
  if (filter.topic) q.set("topic", filter.topic);
  if (filter.village) q.set("village", String(filter.village));
  if (filter.audience) q.set("audience", filter.audience);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/schedule?${s}` : "/schedule";
}

const SELECT = "min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base";

/** The class schedule, filtered and paged by `filter` (the page's query, parsed). */
export async function ScheduleView({ filter }: { filter: ScheduleFilter }) {
  const [t, locale, commune] = await Promise.all([getTranslations("schedule"), getLocale(), getPortalCommune()]);
  if (!commune) return <EmptyState>{t("noCommune")}</EmptyState>;
  const [choices, result] = await Promise.all([getScheduleChoices(commune.id), listSchedule(commune.id, filter)]);
  const filtered = Boolean(filter.topic || filter.village || filter.audience);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} intro={t("intro")} />
      <form
        method="get"
        action="/schedule"
        className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3"
      >
        <h2 className="sr-only">{t("filters")}</h2>
        <label className="flex flex-col gap-1 font-medium">
          {t("topic")}
          <select name="topic" defaultValue={filter.topic ?? ""} className={SELECT}>
            <option value="">{t("all")}</option>
            {choices.topics.map((topic) => (
              <option key={topic.key} value={topic.key}>
                {locale === "vi" ? topic.nameVi : topic.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {t("village")}
          <select name="village" defaultValue={filter.village ? String(filter.village) : ""} className={SELECT}>
            <option value="">{t("all")}</option>
            {choices.villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {t("audience")}
          <select name="audience" defaultValue={filter.audience ?? ""} className={SELECT}>
            <option value="">{t("all")}</option>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`audiences.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-3">
          <button type="submit" className={buttonClass("primary")}>
            {t("apply")}
          </button>
          {filtered ? (
            <ButtonLink href="/schedule" variant="secondary">
              {t("clear")}
            </ButtonLink>
          ) : null}
        </div>
      </form>
      <p className="mb-3 text-sm text-slate-700" aria-live="polite">
        {t("results", { count: result.total })}
      </p>
      {result.classes.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {result.classes.map((c) => (
            <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <p className="text-sm font-medium text-brand-700">{locale === "vi" ? c.topic.nameVi : c.topic.nameEn}</p>
              <h2 className="mt-1 text-lg font-semibold">
                <Link href={`/schedule/${c.id}`} className="underline-offset-2 hover:underline">
                  {c.title}
                </Link>
              </h2>
              <div className="mt-2">
                <ClassFacts c={c} />
              </div>
              <ButtonLink
                href={`/schedule/${c.id}`}
                variant="secondary"
                className="mt-3"
                aria-label={`${t("details")}: ${c.title}`}
              >
                {t("details")}
              </ButtonLink>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={result.page}
        pages={result.pages}
        href={(page) => pageHref(filter, page)}
        labels={{
          label: t("pagination"),
          previous: t("previous"),
          next: t("next"),
          position: t("pageOf", { page: result.page, pages: result.pages }),
        }}
      />
      <p className="mt-6 flex flex-wrap gap-4 text-sm">
        <a href="/calendar.ics" className="font-medium text-brand-700 underline">
          {t("calendarFeed")}
        </a>
        <Link href="/schedule/cancel" className="font-medium text-brand-700 underline">
          {t("cancelLink")}
        </Link>
      </p>
    </div>
  );
}
