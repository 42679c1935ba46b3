import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { FormMessage } from "@/components/forms/field";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { getFigure, listFigures, type FigureRow } from "@/lib/figures/queries";
import { figuresTable } from "@/lib/figures/tables";
import { ImportForm } from "@/components/imports/import-form";
import { importFiguresAction, saveFigureAction } from "./actions";
import { FigureForm } from "./figure-form";
import { ClientMessages } from "@/components/i18n/client-messages";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("figures"))("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const isMonth = (v: string | undefined): v is string => Boolean(v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v));

export default async function FiguresPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("official");
  const [t, format, params] = await Promise.all([getTranslations("figures"), getFormatter(), searchParams]);
  const editKey = first(params.month);
  const savedKey = first(params.saved);
  const imported = /^\d{1,4}$/.test(first(params.imported) ?? "") ? Number(first(params.imported)) : null;
  const [rows, editing, saved] = await Promise.all([
    listFigures(user),
    isMonth(editKey) ? getFigure(user, editKey) : null,
    isMonth(savedKey) ? getFigure(user, savedKey) : null,
  ]);
  const monthLabel = (d: Date) => format.dateTime(d, "month");
  const pct = (x: number | null) => (x === null ? "—" : format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  const change = (x: number | null) =>
    x === null
      ? t("noChange")
      : t("changePoints", {
          sign: x > 0 ? "+" : x < 0 ? "−" : "",
          points: format.number(Math.abs(x) * 100, { maximumFractionDigits: 1 }),
        });
  return (
    <ClientMessages of={["FigureForm", "ImportForm"]}>
      <div>
        <p className="mb-2">
          <Link href="/official" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("back")}
          </Link>
        </p>
        <PageHeader title={t("title")} intro={t("intro")} />
        <p className="mb-4">
          <Link href="/official/contests" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("contestsLink")}
          </Link>
        </p>
        {imported !== null ? (
          <div className="mb-4">
            <FormMessage tone="success">{t("imported", { count: imported })}</FormMessage>
          </div>
        ) : null}
        {saved ? (
          <div className="mb-4">
            <FormMessage tone="success">
              {t("saved", {
                month: monthLabel(saved.month),
                rate: pct(saved.applicationsTotal > 0 ? saved.applicationsOnline / saved.applicationsTotal : null),
              })}
            </FormMessage>
          </div>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("listTitle")}>
            {rows.length === 0 ? (
              <EmptyState>{t("empty")}</EmptyState>
            ) : (
              <DefinedTable<FigureRow>
                table={figuresTable}
                caption={t("listTitle")}
                rowKey={(r) => r.key}
                rows={rows}
                columns={[
                  { key: "month", cell: (r) => monthLabel(r.month) },
                  { key: "applicationsTotal", cell: (r) => format.number(r.applicationsTotal) },
                  { key: "applicationsOnline", cell: (r) => format.number(r.applicationsOnline) },
                  { key: "rate", cell: (r) => pct(r.rate) },
                  { key: "change", cell: (r) => change(r.change) },
                  {
                    own: true,
                    key: "edit",
                    header: <span className="sr-only">{t("edit")}</span>,
                    cell: (r) => (
                      <Link
                        href={`/official/figures?month=${r.key}`}
                        className="inline-flex min-h-11 items-center text-brand-700 underline"
                        aria-label={t("editMonth", { month: monthLabel(r.month) })}
                      >
                        {t("edit")}
                      </Link>
                    ),
                  },
                ]}
              />
            )}
            {rows.length > 0 ? (
              <div className="mt-3">
                <ExportLinks table="figures" params={{}} />
              </div>
            ) : null}
          </Card>
          <Card title={editing ? t("editTitle", { month: monthLabel(editing.month) }) : t("formTitle")}>
            <FigureForm
              key={editing ? `${editKey}-${editing.version}` : "new"}
              action={saveFigureAction}
              initial={
                editing
                  ? {
                      month: editKey,
                      applicationsTotal: String(editing.applicationsTotal),
                      applicationsOnline: String(editing.applicationsOnline),
                      recordsDigitised: String(editing.recordsDigitised),
                      version: String(editing.version),
                    }
                  : isMonth(editKey)
                    ? { month: editKey }
                    : undefined
              }
            />
            {editing ? (
              <p className="mt-4">
                <ButtonLink href="/official/figures" variant="secondary">
                  {t("newMonth")}
                </ButtonLink>
              </p>
            ) : null}
          </Card>
          <Card title={t("importTitle")}>
            <p className="mb-3 text-sm text-slate-700">{t("importIntro")}</p>
            <ImportForm
              key={first(params.at) ?? "import"}
              action={importFiguresAction}
              template={{ fileName: "mau-so-lieu-hang-thang.csv", csv: FIGURES_TEMPLATE }}
            />
          </Card>
        </div>
      </div>
    </ClientMessages>
  );
}

// Column titles in Vietnamese (the import also understands the English ones), one example month.
const FIGURES_TEMPLATE = [
  "Tháng;Tổng số hồ sơ tiếp nhận;Số hồ sơ nộp trực tuyến;Số hồ sơ được số hóa",
  "2026-10;1200;840;150",
  "",
].join("\r\n");
