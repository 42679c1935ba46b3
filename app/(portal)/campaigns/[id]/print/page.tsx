import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { campaignDates, campaignGap } from "@/components/campaigns/campaign-text";
import { PrintLayout } from "@/components/print/print-layout";
import { PrintTable } from "@/components/print/print-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getCampaign, getWalkListsForPrint } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import { getOwnCommune } from "@/lib/communes/own";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaignSummary"))("print") };
}

export default async function PrintWalkListsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("campaigns");
  const id = parseCampaignId((await params).id);
  if (id === null) notFound();
  const c = await getCampaign(user, id);
  if (!c) notFound();
  const [lists, commune, t, tp, format, locale] = await Promise.all([
    getWalkListsForPrint(user, id),
    getOwnCommune(user),
    getTranslations("campaigns"),
    getTranslations("campaignPrint"),
    getFormatter(),
    getLocale(),
  ]);
  const skillName = c.targetSkill ? (locale === "vi" ? c.targetSkill.nameVi : c.targetSkill.nameEn) : null;
  return (
    <PrintLayout
      commune={commune}
      title={tp("title", { name: c.name })}
      period={tp("intro", {
        dates: campaignDates(t, format, c.startsOn, c.endsOn),
        gap: campaignGap(t, skillName, c.targetMinAge),
      })}
      printLabel={lists.length ? tp("print") : null}
      controls={
        <ButtonLink href={`/campaigns/${c.id}`} variant="ghost">
          {t("backToCampaign")}
        </ButtonLink>
      }
    >
      {lists.length === 0 ? <EmptyState>{tp("empty")}</EmptyState> : null}
      {lists.map((l, i) => (
        <section key={l.id} aria-labelledby={`list-${l.id}`} className={i > 0 ? "mt-8 print:mt-0 print:break-before-page" : ""}>
          <h2 id={`list-${l.id}`} className="text-lg font-semibold">
            {tp("listTitle", { name: l.name })}
          </h2>
          <p className="mb-2 text-sm text-slate-700">{tp("pair", { names: l.volunteers.map((v) => v.name).join(", ") })}</p>
          <PrintTable
            caption={l.name}
            columns={[
              { label: tp("position"), className: "w-10" },
              { label: tp("household") },
              { label: tp("address") },
              { label: tp("lacking") },
              { label: tp("tick"), className: "w-16 text-center" },
            ]}
          >
            {l.stops.map((s) => (
              <tr key={s.householdId} className="break-inside-avoid border-b border-slate-300 align-top">
                <td className="px-2 py-2 tabular-nums">{s.position}</td>
                <td className="px-2 py-2 font-medium">{s.headName}</td>
                <td className="px-2 py-2">{s.address}</td>
                <td className="px-2 py-2">
                  {s.lacking.map((p) => tp("lackingPerson", { name: p.name, age: p.age })).join("; ")}
                  {skillName ? <span className="block text-slate-600">{tp("lackingSkill", { skill: skillName })}</span> : null}
                </td>
                <td className="px-2 py-2 text-center">
                  <span
                    role="img"
                    aria-label={tp("tickLabel", { household: s.headName })}
                    className="inline-block size-6 rounded border-2 border-slate-500"
                  />
                </td>
              </tr>
            ))}
          </PrintTable>
        </section>
      ))}
    </PrintLayout>
  );
}
