import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/campaigns/auto-refresh";
import { FormMessage } from "@/components/forms/field";
import { ConfirmForm, MappingForm, SaveForm } from "@/components/onboarding/import-forms";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { requireArea } from "@/lib/auth/session";
import { getImportBatch, ImportIdSchema } from "@/lib/onboarding/batches";
import { confirmMappingAction, dropImportAction, saveImportAction, undoImportAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Problems listed per page (the full list is the downloadable sheet). */
const PROBLEMS_PER_PAGE = 50;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("onboarding"))("title") };
}

/** One import: the columns' meaning, the check's results and duplicates, saving, and undo. */
export default async function ImportBatchPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireArea("official");
  const parsed = ImportIdSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [b, t, format, query] = await Promise.all([
    getImportBatch(user, parsed.data.id),
    getTranslations("onboarding"),
    getFormatter(),
    searchParams,
  ]);
  const tr = t as unknown as Translate;
  const problemText = (key: string, values?: Record<string, string | number>) =>
    tr(`errors.${key}`, { column: "", value: "", meaning: "", first: "", ...values });
  const volunteers = b.kind === "volunteers";
  const businesses = b.kind === "businesses";
  const households = b.kind === "households";
  const editable = b.status === "staged" || b.status === "checked" || b.status === "failed";
  const mapping = b.mapping.length === b.header.length ? b.mapping : b.suggested;
  const columns = b.header.map((header, i) => ({
    header,
    samples: b.sample
      .map((r) => r.cells[i] ?? "")
      .filter((v) => v !== "")
      .slice(0, 3),
    meaning: mapping[i] ?? null,
  }));
  const plan = b.status === "checked" ? b.plan : null;
  const page = Math.max(1, Number.parseInt(String(query.p ?? "1"), 10) || 1);
  const pages = plan ? Math.max(1, Math.ceil(plan.problems.length / PROBLEMS_PER_PAGE)) : 1;
  const shown = plan?.problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE) ?? [];
  const percent = b.progress.total > 0 ? Math.round((100 * b.progress.done) / b.progress.total) : 0;

  return (
    <ClientMessages of={["ConfirmForm", "MappingForm", "SaveForm"]}>
      <div className="flex flex-col gap-4">
        <p>
          <Link href="/official/imports" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("back")}
          </Link>
        </p>
        <PageHeader
          title={t("batchTitle", { id: b.id, file: b.fileName })}
          intro={`${t(`kinds.${b.kind}`)} · ${t("batchMeta", { rows: format.number(b.rowCount), at: format.dateTime(b.createdAt, "stamp"), by: b.createdByName })}`}
        />
        <p className="font-medium text-slate-900" data-testid="import-status">
          {t(`statuses.${b.status}`)}
        </p>
        {query.undone ? <FormMessage tone="success">{t("undone")}</FormMessage> : null}
        {b.tcvn3 && editable ? <FormMessage tone="success">{t("tcvn3Converted")}</FormMessage> : null}

        {b.status === "failed" && b.error ? (
          <Card title={t("failedTitle")}>
            <FormMessage tone="error">{problemText(b.error)}</FormMessage>
          </Card>
        ) : null}

        {editable ? (
          <Card title={t("columnsTitle")}>
            <details open={b.status !== "checked"}>
              <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">
                {b.status === "checked" ? t("changeColumns") : t("columnsHint")}
              </summary>
              <div className="mt-3">
                <MappingForm
                  action={confirmMappingAction}
                  batchId={b.id}
                  columns={columns}
                  meanings={b.meanings}
                  submitLabel={b.status === "staged" ? "check" : "recheck"}
                />
              </div>
            </details>
          </Card>
        ) : null}

        {plan ? (
          <section id="preview" className="flex flex-col gap-4" aria-labelledby="preview-title">
            <h2 id="preview-title" className="text-xl font-semibold text-slate-900">
              {t("previewTitle")}
            </h2>
            <p data-testid="import-summary">
              {t(volunteers ? "summaryVolunteers" : businesses ? "summaryBusinesses" : "summary", {
                rows: format.number(plan.counts.rows),
                items: format.number(plan.counts.items),
                withProblems: format.number(plan.counts.withProblems),
              })}
              {plan.shape ? ` ${tr(`shapes.${plan.shape}`)}.` : ""}
            </p>
            {plan.headByOrder ? <p className="text-slate-700">{t("headByOrder")}</p> : null}

            <Card title={t("problemsTitle", { count: plan.problems.length })}>
              {plan.problems.length === 0 ? (
                <p className="text-slate-700">{t("noProblems")}</p>
              ) : (
                <>
                  <p className="mb-2 text-slate-700">{t("problemsHint")}</p>
                  <p className="mb-3">
                    <a
                      href={`/official/imports/${b.id}/errors`}
                      className="inline-flex min-h-11 items-center text-brand-700 underline"
                      download
                    >
                      {t("downloadErrors")}
                    </a>
                  </p>
                  <ul className="list-disc pl-5" data-testid="import-problems">
                    {shown.map((p, i) => (
                      <li key={`${p.row}-${i}`}>{t("rowMessage", { row: p.row, message: problemText(p.key, p.values) })}</li>
                    ))}
                  </ul>
                  <Pager
                    page={page}
                    pages={pages}
                    href={(p) => `/official/imports/${b.id}?p=${p}#preview`}
                    labels={{
                      previous: t("pager.previous"),
                      next: t("pager.next"),
                      position: t("pager.position", { page, pages }),
                    }}
                  />
                </>
              )}
            </Card>

            <Card title={t("duplicatesTitle", { count: plan.duplicates.length })}>
              <p className="mb-3 text-slate-700">{plan.duplicates.length ? t("duplicatesHint") : t("noDuplicates")}</p>
              <SaveForm
                action={saveImportAction}
                batchId={b.id}
                groups={plan.duplicates}
                chosen={b.choices}
                count={plan.counts.items}
                saveLabel={volunteers ? "saveVolunteers" : "save"}
                kind={b.kind}
                describe={Object.fromEntries(
                  plan.duplicates.map((g) => [
                    g.key,
                    g.matches.length ? (
                      <ul>
                        {g.matches.map((m) => (
                          <li key={m.id}>
                            {businesses
                              ? t("inRegistryBusiness", { name: m.name, place: m.place })
                              : volunteers
                                ? t("inRegistryVolunteer", { name: m.name, place: m.place })
                                : t("inRegistry", { name: m.name, place: m.place, reason: t(`reasons.${m.reason}`) })}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t(businesses ? "inFileBusiness" : volunteers ? "inFileVolunteer" : "inFile")
                    ),
                  ]),
                )}
              />
              {households ? <p className="mt-3 text-sm text-slate-600">{t("consentNote")}</p> : null}
            </Card>
          </section>
        ) : null}

        {b.status === "queued" || b.status === "saving" ? (
          <Card title={t("progressTitle")}>
            <AutoRefresh seconds={1} />
            <div
              role="progressbar"
              aria-label={t("progressLabel")}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-4 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
            </div>
            <p className="mt-2">
              {t("progress", { done: format.number(b.progress.done), total: format.number(b.progress.total) })}
            </p>
            <p className="text-sm text-slate-600">{t("progressHint")}</p>
          </Card>
        ) : null}

        {b.status === "saved" ? (
          <Card title={t("savedTitle")}>
            <p data-testid="import-saved">
              {t(businesses ? "savedSummaryBusinesses" : volunteers ? "savedSummaryVolunteers" : "savedSummary", {
                created: format.number(b.counts.created),
                merged: format.number(b.counts.merged),
                skipped: format.number(b.counts.skipped),
              })}
            </p>
            <p className="mt-3 flex flex-wrap gap-3">
              {households ? <ButtonLink href="/households">{t("searchLink")}</ButtonLink> : null}
              <ButtonLink href="/official/imports" variant="secondary">
                {t("newList")}
              </ButtonLink>
            </p>
          </Card>
        ) : null}
        {b.status === "saved" ? (
          <Card title={t("undoTitle")}>
            {b.mayUndo && b.undoUntil ? (
              <>
                <p className="mb-3 text-slate-700">
                  {t(volunteers ? "undoHintVolunteers" : "undoHint", { until: format.dateTime(b.undoUntil, "stamp") })}
                </p>
                <ConfirmForm
                  action={undoImportAction}
                  batchId={b.id}
                  confirm={t(volunteers ? "undoConfirmVolunteers" : "undoConfirm")}
                  label={t("undo")}
                  pendingLabel={t("undoing")}
                />
              </>
            ) : (
              <p className="text-slate-700">{t("undoClosed")}</p>
            )}
          </Card>
        ) : null}
        {b.status === "undone" && b.undoneAt ? (
          <Card title={t("undoneTitle", { at: format.dateTime(b.undoneAt, "stamp") })}>
            <ButtonLink href="/official/imports" variant="secondary">
              {t("newList")}
            </ButtonLink>
          </Card>
        ) : null}

        {editable ? (
          <Card title={t("drop")}>
            <ConfirmForm
              action={dropImportAction}
              batchId={b.id}
              confirm={t("dropConfirm")}
              label={t("drop")}
              pendingLabel={t("dropping")}
            />
          </Card>
        ) : null}
      </div>
    </ClientMessages>
  );
}
