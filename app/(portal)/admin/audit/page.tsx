import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { DefinedTable } from "@/components/ui/defined-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { listAuditLog } from "@/lib/audit/queries";
import { auditTable } from "@/lib/audit/tables";
import { requireArea } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireArea("admin");
  const [t, tc, format, params] = await Promise.all([
    getTranslations("auditLog"),
    getTranslations("auditChanges"),
    getFormatter(),
    searchParams,
  ]);
  const log = await listAuditLog(user, params);
  const q = log.query;
  const pageHref = (page: number) =>
    `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v ?? "")])), page: String(page) })}`;
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card>
        <form method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
          <Field name="actor" label={t("actor")} defaultValue={q.actor} />
          <Field name="entity" label={t("entity")}>
            <select
              id="field-entity"
              name="entity"
              defaultValue={q.entity}
              className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2"
            >
              <option value="">{t("any")}</option>
              {log.entities.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </Field>
          <Field name="action" label={t("action")} defaultValue={q.action} />
          <Field name="from" type="date" label={t("from")} defaultValue={q.from} />
          <Field name="to" type="date" label={t("to")} defaultValue={q.to} />
          <Button type="submit">{t("filter")}</Button>
        </form>
      </Card>
      <div className="my-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t("total", { count: log.total })}</p>
        {log.total > 0 ? (
          <ExportLinks
            table="audit"
            params={Object.fromEntries(
              Object.entries({ actor: q.actor, entity: q.entity, action: q.action, from: q.from, to: q.to })
                .filter(([, v]) => v !== undefined && v !== "")
                .map(([k, v]) => [k, String(v)]),
            )}
          />
        ) : null}
      </div>
      {log.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Card>
          <DefinedTable
            table={auditTable}
            caption={t("title")}
            rows={log.rows}
            rowKey={(r) => r.id}
            columns={[
              { key: "at", cell: (r) => format.dateTime(r.at, "stampSeconds") },
              { key: "actor", cell: (r) => r.actor?.name ?? t("system") },
              "action",
              { key: "record", cell: (r) => `${r.entity} ${r.entityId ?? ""}` },
              {
                key: "changes",
                cell: (r) =>
                  r.changes.length === 0 ? (
                    tc("none")
                  ) : (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                      {r.changes.map((c) => (
                        <div key={c.field} className="contents">
                          <dt className="font-mono">{c.field}</dt>
                          <dd className="break-all">
                            <span className="text-red-800">
                              <span className="sr-only">{tc("before")}: </span>
                              {c.before || tc("none")}
                            </span>
                            {" → "}
                            <span className="text-green-800">
                              <span className="sr-only">{tc("after")}: </span>
                              {c.after || tc("none")}
                            </span>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ),
              },
              {
                key: "details",
                cell: (r) => <span className="break-all font-mono text-xs">{r.details}</span>,
              },
              {
                key: "ip",
                cell: (r) => (
                  <span className="text-xs" title={r.userAgent ?? undefined}>
                    {r.ip ?? ""}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Pager
        page={log.page}
        pages={log.pages}
        href={pageHref}
        labels={{ previous: t("previous"), next: t("next"), position: t("page", { page: log.page, pages: log.pages }) }}
      />
    </div>
  );
}
