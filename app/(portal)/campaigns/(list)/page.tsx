import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { campaignDates } from "@/components/campaigns/campaign-text";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { requireArea } from "@/lib/auth/session";
import { listCampaigns, type CampaignListItem } from "@/lib/campaigns/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("title") };
}

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireArea("campaigns");
  const { page } = await searchParams;
  const [t, format, data] = await Promise.all([
    getTranslations("campaigns"),
    getFormatter(),
    listCampaigns(user, { page: Number(page ?? 1) || 1 }),
  ]);

  const list = (items: CampaignListItem[]) => (
    <ul className="flex flex-col gap-3">
      {items.map((c) => {
        const dates = campaignDates(t, format, c.startsOn, c.endsOn);
        return (
          <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm font-medium text-brand-700">{t(`kind.${c.kind}`)}</p>
            <h3 className="text-lg font-semibold">
              <Link
                href={`/campaigns/${c.id}`}
                className="underline-offset-2 hover:underline"
                aria-label={t("open", { name: c.name, date: dates })}
              >
                {c.name}
              </Link>
            </h3>
            <p className="text-slate-700">{dates}</p>
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium text-slate-600">{t("villagesLabel")}</dt>
              <dd>{c.villages.length ? c.villages.join(", ") : t("none")}</dd>
              <dt className="font-medium text-slate-600">{t("branchesLabel")}</dt>
              <dd>{c.branches.length ? c.branches.join(", ") : t("none")}</dd>
            </dl>
            <p className="mt-1 text-sm text-slate-600">{t("walkListsCount", { count: c.walkLists })}</p>
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("title")} intro={user.role === "volunteer" ? t("introVolunteer") : t("intro")} />
      {data.mayCreate ? (
        <div className="mb-6">
          <ButtonLink href="/campaigns/new">{t("new")}</ButtonLink>
        </div>
      ) : null}
      {data.upcoming.length + data.past.length > 0 ? (
        <div className="mb-6">
          <ExportLinks table="campaigns" params={{}} />
        </div>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title={t("upcoming")}>
          {data.upcoming.length ? list(data.upcoming) : <EmptyState>{t("noUpcoming")}</EmptyState>}
        </Card>
        <Card title={t("past")}>
          {data.past.length ? list(data.past) : <EmptyState>{t("noPast")}</EmptyState>}
          <Pager
            page={data.page}
            pages={data.pages}
            href={(page) => `/campaigns?page=${page}`}
            labels={{
              label: t("pagerLabel"),
              previous: t("previous"),
              next: t("next"),
              position: t("pageOf", { page: data.page, pages: data.pages }),
            }}
          />
        </Card>
      </div>
    </div>
  );
}
