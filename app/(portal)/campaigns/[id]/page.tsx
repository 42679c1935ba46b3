import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/campaigns/auto-refresh";
import { BuildWalkListsForm } from "@/components/campaigns/build-walk-lists-form";
import { campaignDates, campaignGap } from "@/components/campaigns/campaign-text";
import { ExportLinks } from "@/components/drilldown/controls";
import { FormMessage } from "@/components/forms/field";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { getCampaign, getCampaignSummary, type CampaignSummary } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import { CAMPAIGN_SUMMARY_TABLES, type CampaignSummaryPart } from "@/lib/campaigns/tables";
import { buildWalkListsAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("title") };
}

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ built?: string; saved?: string }>;
}) {
  const user = await requireArea("campaigns");
  const id = parseCampaignId((await params).id);
  if (id === null) notFound();
  const { built, saved } = await searchParams;
  const [c, s] = await Promise.all([getCampaign(user, id), getCampaignSummary(user, id)]);
  if (!c || !s) notFound();
  const [t, ts, format, locale] = await Promise.all([
    getTranslations("campaigns"),
    getTranslations("campaignSummary"),
    getFormatter(),
    getLocale(),
  ]);
  const skillName = c.targetSkill ? (locale === "vi" ? c.targetSkill.nameVi : c.targetSkill.nameEn) : null;
  const hours = (seconds: number) => ts("hoursValue", { hours: format.number(seconds / 3600, { maximumFractionDigits: 1 }) });
  const [builtLists, builtStops] = (built ?? "").split("-").map(Number);
  // Each table of the summary as a file: the same lib function and roles as this page.
  const exportPart = (part: CampaignSummaryPart) => (
    <div className="mt-3">
      <ExportLinks table="campaign-summary" params={{ campaign: String(c.id), part }} />
    </div>
  );

  return (
    <ClientMessages of={["BuildWalkListsForm"]}>
      <div className="mx-auto max-w-5xl">
        <AutoRefresh seconds={30} />
        <PageHeader title={c.name} intro={`${t(`kind.${c.kind}`)} · ${campaignDates(t, format, c.startsOn, c.endsOn)}`} />
        <div className="mb-4 flex flex-col gap-2">
          {saved ? <FormMessage tone="success">{ts("saved")}</FormMessage> : null}
          {built && Number.isFinite(builtLists) ? (
            <FormMessage tone="success">{ts("built", { lists: builtLists, stops: builtStops || 0 })}</FormMessage>
          ) : null}
        </div>
        <dl className="mb-4 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("villagesLabel")}</dt>
          <dd>{c.villages.map((v) => v.name).join(", ") || t("none")}</dd>
          <dt className="font-medium text-slate-600">{t("branchesLabel")}</dt>
          <dd>{c.branches.map((b) => b.name).join(", ") || t("none")}</dd>
          <dt className="font-medium text-slate-600">{ts("buildTitle")}</dt>
          <dd>{campaignGap(t, skillName, c.targetMinAge)}</dd>
        </dl>
        {c.description ? <p className="mb-4 whitespace-pre-line text-slate-700">{c.description}</p> : null}
        {c.createdBy ? <p className="mb-4 text-sm text-slate-600">{ts("createdBy", { name: c.createdBy.name })}</p> : null}
        <div className="mb-6 flex flex-wrap gap-2">
          {c.mayWorkIn ? <ButtonLink href={`/campaigns/${c.id}/my-list`}>{ts("myList")}</ButtonLink> : null}
          {c.mayManage ? (
            <>
              <ButtonLink href={`/campaigns/${c.id}/print`} variant="secondary">
                {ts("print")}
              </ButtonLink>
              <ButtonLink href={`/campaigns/${c.id}/edit`} variant="secondary">
                {ts("edit")}
              </ButtonLink>
            </>
          ) : null}
          <ButtonLink href="/campaigns" variant="ghost">
            {t("backToList")}
          </ButtonLink>
        </div>

        <p className="mb-2 text-sm text-slate-600">{ts("live")}</p>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <StatCard label={ts("volunteersOut")} value={format.number(s.volunteersOut)} />
          <StatCard
            label={ts("householdsReached")}
            value={format.number(s.householdsReached)}
            detail={ts("reachedOf", { planned: format.number(s.householdsPlanned) })}
          />
          <StatCard label={ts("visits")} value={format.number(s.visits)} />
          <StatCard label={ts("hours")} value={hours(s.seconds)} />
        </div>

        <div className="mt-6 grid gap-4 lg:grid-cols-2">
          <Card title={ts("doneTitle")}>
            {s.done.length ? (
              <DefinedTable<CampaignSummary["done"][number]>
                table={CAMPAIGN_SUMMARY_TABLES.skills}
                caption={ts("doneTitle")}
                rowKey={(r) => r.skillId}
                rows={s.done}
                columns={[{ key: "skill", cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) }, "items"]}
              />
            ) : (
              <EmptyState>{ts("doneEmpty")}</EmptyState>
            )}
            {s.done.length ? exportPart("skills") : null}
          </Card>
          <Card title={ts("byVillageTitle")}>
            <DefinedTable<CampaignSummary["villages"][number]>
              table={CAMPAIGN_SUMMARY_TABLES.villages}
              caption={ts("byVillageTitle")}
              rowKey={(r) => r.id}
              rows={s.villages}
              columns={["name", "planned", "reached", "visits", "items"]}
            />
            {s.villages.length ? exportPart("villages") : null}
          </Card>
          <Card title={ts("volunteersTitle")}>
            {s.volunteers.length ? (
              <DefinedTable<CampaignSummary["volunteers"][number]>
                table={CAMPAIGN_SUMMARY_TABLES.volunteers}
                caption={ts("volunteersTitle")}
                rowKey={(r) => r.id}
                rows={s.volunteers}
                columns={[
                  "name",
                  { key: "branch", cell: (r) => r.branch ?? ts("noBranch") },
                  "shifts",
                  { key: "hours", cell: (r) => hours(r.seconds) },
                  { key: "status", cell: (r) => (r.out ? ts("out") : ts("finished")) },
                ]}
              />
            ) : (
              <EmptyState>{ts("volunteersEmpty")}</EmptyState>
            )}
            {s.volunteers.length ? exportPart("volunteers") : null}
          </Card>
          <Card title={ts("walkListsTitle")}>
            {c.mayManage ? (
              <div className="mb-4">
                <p className="mb-3 text-sm text-slate-600">{ts("buildIntro")}</p>
                <BuildWalkListsForm action={buildWalkListsAction} campaignId={c.id} existing={s.walkLists.length} />
              </div>
            ) : null}
            {s.walkLists.length ? (
              <DefinedTable<CampaignSummary["walkLists"][number]>
                table={CAMPAIGN_SUMMARY_TABLES["walk-lists"]}
                caption={ts("walkListsTitle")}
                rowKey={(r) => r.id}
                rows={s.walkLists}
                columns={["name", "volunteers", "stops"]}
              />
            ) : (
              <EmptyState>{ts("walkListsEmpty")}</EmptyState>
            )}
            {s.walkLists.length ? exportPart("walk-lists") : null}
          </Card>
        </div>
      </div>
    </ClientMessages>
  );
}
