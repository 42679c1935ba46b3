import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { requireArea } from "@/lib/auth/session";
import { listMyVisits } from "@/lib/visits/queries";
import { toDbId } from "@/lib/validation/db-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits"))("myVisitsTitle") };
}

/** The user's own visits, newest first; `?household=` narrows to one household. */
export default async function MyVisitsPage({ searchParams }: { searchParams: Promise<{ household?: string; page?: string }> }) {
  const user = await requireArea("visits");
  const params = await searchParams;
  const householdId = toDbId(params.household) ?? undefined;
  const page = Math.min(toDbId(params.page) ?? 1, 10_000);
  const [t, format, list] = await Promise.all([
    getTranslations("visits"),
    getFormatter(),
    listMyVisits(user, { householdId, page }),
  ]);
  const day = (d: Date) => format.dateTime(d, "day");
  const title = householdId && list.rows[0] ? t("householdVisits", { name: list.rows[0].headName }) : t("myVisitsTitle");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={title} intro={t("visitCount", { count: list.total })} />
      <ButtonLink href="/visits/new" className="mb-4 w-full">
        {t("newTitle")}
      </ButtonLink>
      {list.total === 0 ? (
        <EmptyState>{t("myVisitsEmpty")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label={title}>
          {list.rows.map((r) => (
            <li key={r.id}>
              <Link
                href={`/visits/${r.id}`}
                className="block min-h-12 rounded-xl border border-slate-200 bg-white p-3 hover:border-brand-600"
              >
                <span className="block font-semibold text-brand-700">{r.headName}</span>
                <span className="block text-sm text-slate-700">
                  {day(r.visitedOn)} · {t(`outcomes.${r.outcome}`)} · {t("itemCount", { count: r.items })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={list.page}
        pages={list.pages}
        href={(p) => `/visits?page=${p}${householdId ? `&household=${householdId}` : ""}`}
        labels={{ previous: t("previous"), next: t("next"), position: t("pageOf", { page: list.page, pages: list.pages }) }}
      />
      {/* The whole list as a file: below it, out of the way of the thumb that opens a visit. */}
      {list.total > 0 ? (
        <div className="mt-6 border-t border-slate-200 pt-4">
          <ExportLinks table="visits" params={householdId ? { household: String(householdId) } : {}} />
        </div>
      ) : null}
    </div>
  );
}
