import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Field, FormMessage } from "@/components/forms/field";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage";
import { inPersonRole } from "@/lib/users/phone-verification";
import { usersTable } from "@/lib/users/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUsers"))("title") };
}

const DONE = ["revoke", "deactivate", "activate", "verifyPhone"] as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireArea("admin");
  const [t, tr, format, params] = await Promise.all([
    getTranslations("adminUsers"),
    getTranslations("roles"),
    getFormatter(),
    searchParams,
  ]);
  const list = await listUsers(user, params);
  const done = DONE.find((d) => d === params.done);
  const pageHref = (page: number) => `/admin/users?${new URLSearchParams({ q: list.query.q, page: String(page) })}`;
  const act = (id: number, action: (typeof DONE)[number]) => `/admin/users/${id}?action=${action}`;
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div aria-live="polite">{done ? <FormMessage tone="success">{t(`done.${done}`)}</FormMessage> : null}</div>
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <Field name="q" type="search" label={t("search")} defaultValue={list.query.q} className="min-w-64 flex-1" />
          <Button type="submit">{t("filter")}</Button>
        </form>
      </Card>
      <div className="my-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t("total", { count: list.total })}</p>
        {list.total > 0 ? <ExportLinks table="users" params={list.query.q ? { q: list.query.q } : {}} /> : null}
      </div>
      {list.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Card>
          <DefinedTable
            table={usersTable}
            caption={t("title")}
            rows={list.rows}
            rowKey={(r) => r.id}
            columns={[
              {
                key: "name",
                cell: (r) => (
                  <span className="font-medium">
                    {r.name} {r.id === user.id ? <span className="text-slate-600">{t("you")}</span> : null}
                  </span>
                ),
              },
              {
                key: "login",
                cell: (r) =>
                  r.username ??
                  r.phone ??
                  (r.unverifiedPhone ? (
                    <>
                      {r.unverifiedPhone} <span className="text-sm text-slate-600">({t("unverified")})</span>
                    </>
                  ) : (
                    ""
                  )),
              },
              { key: "role", cell: (r) => tr(r.role) },
              { key: "status", cell: (r) => (r.active ? t("active") : t("inactive")) },
              {
                key: "lastLogin",
                cell: (r) => (r.lastLoginAt ? format.dateTime(r.lastLoginAt, "stamp") : t("never")),
              },
              {
                own: true,
                key: "actions",
                header: t("actions"),
                cell: (r) => (
                  <span className="flex flex-wrap gap-2">
                    {inPersonRole(r.role) && r.unverifiedPhone && !r.phone && r.active ? (
                      <Link
                        href={act(r.id, "verifyPhone")}
                        className={buttonClass("secondary", "text-sm")}
                        aria-label={`${t("verifyPhone")}: ${r.name}`}
                      >
                        {t("verifyPhone")}
                      </Link>
                    ) : null}
                    <Link
                      href={act(r.id, "revoke")}
                      className={buttonClass("secondary", "text-sm")}
                      aria-label={`${t("revoke")}: ${r.name}`}
                    >
                      {t("revoke")}
                    </Link>
                    {r.active ? (
                      <Link
                        href={act(r.id, "deactivate")}
                        className={buttonClass("secondary", "text-sm")}
                        aria-label={`${t("deactivate")}: ${r.name}`}
                      >
                        {t("deactivate")}
                      </Link>
                    ) : (
                      <Link
                        href={act(r.id, "activate")}
                        className={buttonClass("secondary", "text-sm")}
                        aria-label={`${t("activate")}: ${r.name}`}
                      >
                        {t("activate")}
                      </Link>
                    )}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Pager
        page={list.page}
        pages={list.pages}
        href={pageHref}
        labels={{ previous: t("previous"), next: t("next"), position: t("page", { page: list.page, pages: list.pages }) }}
      />
    </div>
  );
}
