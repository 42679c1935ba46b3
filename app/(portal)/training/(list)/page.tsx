import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/ui/pager";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DefinedTable } from "@/components/ui/defined-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { requireArea } from "@/lib/auth/session";
import { listEvents, type EventListRow } from "@/lib/training/queries";
import { trainingTable } from "@/lib/training/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("training"))("title") };
}

export default async function TrainingPage({ searchParams }: { searchParams: Promise<{ when?: string; page?: string }> }) {
  const user = await requireArea("training");
  const sp = await searchParams;
  const when = sp.when === "past" ? "past" : "upcoming";
  const [t, format, locale, list] = await Promise.all([
    getTranslations("training"),
    getFormatter(),
    getLocale(),
    listEvents(user, { when, page: Number(sp.page) || 1 }),
  ]);
  const tab = (w: "upcoming" | "past") => (
    <Link
      href={`/training?when=${w}`}
      aria-current={when === w ? "page" : undefined}
      className={cn(
        "inline-flex min-h-11 items-center rounded-lg px-4 font-medium",
        when === w ? "bg-brand-600 text-white" : "text-brand-700 hover:bg-brand-50",
      )}
    >
      {t(w)}
    </Link>
  );
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <ButtonLink href="/training/new">{t("newClass")}</ButtonLink>
        <ButtonLink href="/training/topics" variant="secondary">
          {t("topicsLink")}
        </ButtonLink>
      </div>
      <nav className="mb-4 flex gap-2" aria-label={t("listCaption")}>
        {tab("upcoming")}
        {tab("past")}
      </nav>
      {list.total > 0 ? (
        <div className="mb-3">
          <ExportLinks table="training" params={{ when }} />
        </div>
      ) : null}
      {list.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DefinedTable<EventListRow>
          table={trainingTable}
          caption={t("listCaption")}
          rowKey={(r) => r.id}
          rows={list.rows}
          columns={[
            { key: "startsAt", cell: (r) => format.dateTime(r.startsAt, "stamp") },
            {
              key: "title",
              // A class a neighbouring commune runs with us is listed; its roster stays with them.
              cell: (r) =>
                r.communeId === user.communeId ? (
                  <Link href={`/training/${r.id}`} className="font-medium text-brand-700 underline">
                    {r.title}
                  </Link>
                ) : (
                  r.title
                ),
            },
            { key: "topic", cell: (r) => (locale === "vi" ? r.topic.nameVi : r.topic.nameEn) },
            "place",
            {
              key: "registrations",
              cell: (r) => t("seats", { confirmed: r._count.registrations, capacity: r.capacity }),
            },
            {
              key: "status",
              cell: (r) => (
                <>
                  {t(`statuses.${r.status}`)}
                  {r.communeId !== user.communeId ? ` · ${t("partnerBadge")}` : null}
                </>
              ),
            },
          ]}
        />
      )}
      <Pager
        page={list.page}
        pages={list.pageCount}
        href={(p) => `/training?when=${when}&page=${p}`}
        labels={{ previous: t("prev"), next: t("next"), position: t("pageOf", { page: list.page, pages: list.pageCount }) }}
      />
    </div>
  );
}
