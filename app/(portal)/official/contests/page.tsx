import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { requireArea } from "@/lib/auth/session";
import { listContests, type ContestListRow } from "@/lib/contests/queries";
import { contestsTable } from "@/lib/contests/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contests"))("title") };
}

export default async function ContestsPage() {
  const user = await requireArea("official");
  const [t, format, rows] = await Promise.all([getTranslations("contests"), getFormatter(), listContests(user)]);
  const day = (d: Date) => format.dateTime(d, "day");
  const num = (n: number | null) => (n === null ? t("notEntered") : format.number(n));
  return (
    <div>
      <p className="mb-2 flex flex-wrap gap-x-6">
        <Link href="/official" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t("back")}
        </Link>
        <Link href="/official/figures" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t("figuresLink")}
        </Link>
      </p>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card title={t("listTitle")}>
        {rows.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <DefinedTable<ContestListRow>
            table={contestsTable}
            caption={t("listTitle")}
            rowKey={(r) => r.id}
            rows={rows}
            columns={[
              "name",
              {
                // The file has its first and last days apart.
                own: true,
                key: "period",
                header: t("period"),
                cell: (r) => t("periodValue", { from: day(r.startsOn), to: day(r.endsOn) }),
              },
              { key: "participants", cell: (r) => num(r.participants) },
              { key: "visits", cell: (r) => num(r.visits) },
              "villagesEntered",
              {
                own: true,
                key: "open",
                header: <span className="sr-only">{t("open")}</span>,
                cell: (r) => (
                  <Link
                    href={`/official/contests/${r.id}`}
                    className="inline-flex min-h-11 items-center text-brand-700 underline"
                    aria-label={t("openContest", { name: r.name })}
                  >
                    {t("open")}
                  </Link>
                ),
              },
            ]}
          />
        )}
        {rows.length > 0 ? (
          <div className="mt-3">
            <ExportLinks table="contests" params={{}} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
