import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ExportLinks } from "@/components/drilldown/controls";
import { ImportForm } from "@/components/imports/import-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getContestGrid } from "@/lib/contests/queries";
import { importContestResultsAction, saveContestResultsAction } from "../actions";
import { ResultsForm } from "./results-form";
import { ClientMessages } from "@/components/i18n/client-messages";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contests"))("gridTitle") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// No loading.tsx in this segment: an unknown id must answer a real 404, not a streamed 200.
export default async function ContestResultsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireArea("official");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  // Only digits name a contest; anything else, or an id that does not exist, is not found.
  const grid = /^\d{1,10}$/.test(id) ? await getContestGrid(user, Number(id)) : null;
  if (!grid) notFound();
  const [t, format] = await Promise.all([getTranslations("contests"), getFormatter()]);
  const day = (d: Date) => format.dateTime(d, "day");
  const totals = { participants: format.number(grid.total.participants), visits: format.number(grid.total.visits) };
  const imported = /^\d{1,4}$/.test(first(query.imported) ?? "") ? Number(first(query.imported)) : null;
  const template = [
    `${t("village")};${t("participants")};${t("visits")}`,
    ...grid.rows.map((r) => `${csvCell(r.villageName)};${r.participants ?? ""};${r.visits ?? ""}`),
    "",
  ].join("\r\n");
  return (
    <ClientMessages of={["ImportForm", "ResultsForm"]}>
      <div>
        <p className="mb-2">
          <Link href="/official/contests" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("backToList")}
          </Link>
        </p>
        <PageHeader
          title={grid.contest.name}
          intro={t("periodValue", { from: day(grid.contest.startsOn), to: day(grid.contest.endsOn) })}
        />
        {first(query.saved) === "1" ? (
          <div className="mb-4">
            <FormMessage tone="success">{t("saved", totals)}</FormMessage>
          </div>
        ) : null}
        {imported !== null ? (
          <div className="mb-4">
            <FormMessage tone="success">{t("imported", { count: imported })}</FormMessage>
          </div>
        ) : null}
        <p className="mb-4 text-lg font-semibold text-slate-900" data-testid="contest-total">
          {t("totalLine", totals)}
        </p>
        {grid.communeLevel ? (
          <p className="mb-4 text-slate-700">
            {t("communeLevel", {
              participants: format.number(grid.communeLevel.participants),
              visits: format.number(grid.communeLevel.visits),
            })}
          </p>
        ) : null}
        {grid.rows.length === 0 ? (
          <Card title={t("gridTitle")}>
            <EmptyState>{t("noVillages")}</EmptyState>
          </Card>
        ) : (
          <div className="grid gap-4 lg:grid-cols-3">
            <Card title={t("gridTitle")} className="lg:col-span-2">
              <ResultsForm
                key={grid.stamp}
                action={saveContestResultsAction}
                contestId={grid.contest.id}
                stamp={grid.stamp}
                rows={grid.rows}
              />
              <div className="mt-3">
                <ExportLinks table="contest-results" params={{ id: String(grid.contest.id) }} />
              </div>
            </Card>
            <Card title={t("importTitle")}>
              <p className="mb-3 text-sm text-slate-700">{t("importIntro")}</p>
              <ImportForm
                key={first(query.at) ?? "import"}
                action={importContestResultsAction}
                hidden={{ contestId: String(grid.contest.id) }}
                template={{ fileName: "mau-ket-qua-cuoc-thi.csv", csv: template }}
              />
            </Card>
          </div>
        )}
      </div>
    </ClientMessages>
  );
}

/** A CSV cell, quoted when it holds the separator, a quote or a line break. */
function csvCell(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
