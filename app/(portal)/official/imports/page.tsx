import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { UploadForm } from "@/components/onboarding/import-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { IMPORT_KINDS, IMPORT_PAGE_SIZE, listImportBatches, type ImportBatchRow } from "@/lib/onboarding/batches";
import { stageImportAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("onboarding"))("title") };
}

/** The commune's imports of lists: upload a new one, and every earlier one with its status. */
export default async function ImportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("official");
  const params = await searchParams;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  const [t, format, { rows, total }] = await Promise.all([
    getTranslations("onboarding"),
    getFormatter(),
    listImportBatches(user, page),
  ]);
  const pages = Math.max(1, Math.ceil(total / IMPORT_PAGE_SIZE));
  return (
    <ClientMessages of={["UploadForm"]}>
      <div>
        <PageHeader title={t("title")} intro={t("intro")} />
        {params.dropped ? (
          <div className="mb-4">
            <FormMessage tone="success">{t("dropped")}</FormMessage>
          </div>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card title={t("uploadTitle")}>
            <UploadForm action={stageImportAction} kinds={IMPORT_KINDS} />
          </Card>
          <Card title={t("historyTitle")}>
            {rows.length === 0 ? (
              <EmptyState>{t("empty")}</EmptyState>
            ) : (
              <Table<ImportBatchRow>
                caption={t("historyTitle")}
                rowKey={(r) => r.id}
                rows={rows}
                columns={[
                  {
                    key: "file",
                    header: t("columns.file"),
                    cell: (r) => (
                      <Link
                        href={`/official/imports/${r.id}`}
                        className="inline-flex min-h-11 items-center text-brand-700 underline"
                      >
                        {r.fileName}
                      </Link>
                    ),
                  },
                  { key: "status", header: t("columns.status"), cell: (r) => t(`statuses.${r.status}`) },
                  { key: "rows", header: t("columns.rows"), numeric: true, cell: (r) => format.number(r.rowCount) },
                  { key: "created", header: t("columns.created"), numeric: true, cell: (r) => format.number(r.createdCount) },
                  { key: "at", header: t("columns.at"), cell: (r) => format.dateTime(r.createdAt, "stamp") },
                  { key: "by", header: t("columns.by"), cell: (r) => r.createdByName },
                ]}
              />
            )}
            <Pager
              page={page}
              pages={pages}
              href={(p) => `/official/imports?page=${p}`}
              labels={{ previous: t("pager.previous"), next: t("pager.next"), position: t("pager.position", { page, pages }) }}
            />
          </Card>
        </div>
      </div>
    </ClientMessages>
  );
}
