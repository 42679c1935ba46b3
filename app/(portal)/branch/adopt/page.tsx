import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InlineActionForm } from "@/components/families/inline-action-form";
import { Notice } from "@/components/families/notice";
import { Pager } from "@/components/ui/pager";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { searchAdoptable } from "@/lib/families/adoption";
import { AdoptQuerySchema } from "@/lib/families/schemas";
import { FAMILY_FILTERS } from "@/lib/households/search";
import { adoptAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("families.adopt"))("title") };
}

export default async function AdoptPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("branch");
  const sp = await searchParams;
  const query = AdoptQuerySchema.parse(sp);
  const [t, tStatus, result] = await Promise.all([
    getTranslations("families.adopt"),
    getTranslations("familyStatus"),
    searchAdoptable(user, query),
  ]);
  const href = (page: number) => {
    const p = new URLSearchParams();
    if (query.q) p.set("q", query.q);
    if (query.family) p.set("family", query.family);
    if (page > 1) p.set("page", String(page));
    const s = p.toString();
    return s ? `/branch/adopt?${s}` : "/branch/adopt";
  };
  const name = typeof sp.name === "string" ? sp.name.slice(0, 120) : "";
  return (
    <ClientMessages of={["InlineActionForm"]}>
      <div className="flex flex-col gap-4">
        <PageHeader title={t("title")} intro={t("intro")} />
        <div>
          <ButtonLink href="/branch" variant="ghost">
            {t("back")}
          </ButtonLink>
        </div>
        <Notice text={sp.notice === "adopted" ? t("adopted", { name }) : null} />
        {!result.hasBranch ? <EmptyState>{t("noBranch")}</EmptyState> : null}
        <Card title={t("searchTitle")}>
          <form method="get" action="/branch/adopt" role="search" className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor="adopt-q" className="font-medium">
                {t("q")}
              </label>
              <input
                id="adopt-q"
                name="q"
                type="search"
                defaultValue={query.q}
                className="min-h-11 w-72 max-w-full rounded-lg border border-slate-400 bg-white px-3 py-2"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="adopt-family" className="font-medium">
                {t("family")}
              </label>
              <select
                id="adopt-family"
                name="family"
                defaultValue={query.family ?? ""}
                className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2"
              >
                <option value="">{t("familyAny")}</option>
                {FAMILY_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {tStatus(f)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit">{t("search")}</Button>
          </form>
        </Card>
        <Card title={t("results", { total: result.total })}>
          {result.rows.length === 0 ? (
            <EmptyState>{t("empty")}</EmptyState>
          ) : (
            <>
              <Table
                caption={t("results", { total: result.total })}
                rows={result.rows}
                rowKey={(r) => r.id}
                columns={[
                  {
                    key: "household",
                    header: t("household"),
                    cell: (r) => (
                      <>
                        <span className="font-medium">{r.headName}</span>
                        <span className="block text-slate-600">
                          {r.address} · {r.villageName}
                        </span>
                      </>
                    ),
                  },
                  { key: "members", header: t("members"), numeric: true, cell: (r) => r.members },
                  { key: "status", header: t("status"), cell: (r) => tStatus((r.familyStatus ?? "none") as "none") },
                  {
                    key: "adopt",
                    header: t("branch"),
                    cell: (r) =>
                      r.adoptedBy ? (
                        <span className={r.adoptedBy.ours ? "font-medium text-green-800" : "text-slate-700"}>
                          {r.adoptedBy.ours ? t("ours") : t("takenBy", { branch: r.adoptedBy.name })}
                        </span>
                      ) : result.hasBranch ? (
                        <InlineActionForm
                          action={adoptAction}
                          hidden={{ householdId: r.id, back: href(query.page) }}
                          submitLabel={t("adopt")}
                        />
                      ) : null,
                  },
                ]}
              />
              <Pager
                page={result.page}
                pages={result.pages}
                href={href}
                labels={{
                  label: t("pager"),
                  previous: t("previous"),
                  next: t("next"),
                  position: t("position", { page: result.page, pages: result.pages }),
                }}
              />
            </>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
