import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { campaignDates, campaignGap } from "@/components/campaigns/campaign-text";
import { PrintButton } from "@/components/campaigns/print-button";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getCampaign, getWalkListsForPrint } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaignSummary"))("print") };
}

// On paper: no site header, banner or buttons; one walk list per page.
const PRINT_CSS = `@media print {
  body > header, body > p { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  @page { margin: 12mm; }
}`;

export default async function PrintWalkListsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("campaigns");
  const id = parseCampaignId((await params).id);
  if (id === null) notFound();
  const c = await getCampaign(user, id);
  if (!c) notFound();
  const [lists, t, tp, format, locale] = await Promise.all([
    getWalkListsForPrint(user, id),
    getTranslations("campaigns"),
    getTranslations("campaignPrint"),
    getFormatter(),
    getLocale(),
  ]);
  const skillName = c.targetSkill ? (locale === "vi" ? c.targetSkill.nameVi : c.targetSkill.nameEn) : null;
  return (
    <div className="text-slate-900">
      <style>{PRINT_CSS}</style>
      <header className="mb-4">
        <h1 className="text-2xl font-bold print:text-xl">{tp("title", { name: c.name })}</h1>
        <p className="text-slate-700">
          {tp("intro", { dates: campaignDates(t, format, c.startsOn, c.endsOn), gap: campaignGap(t, skillName, c.targetMinAge) })}
        </p>
      </header>
      <div className="mb-6 flex flex-wrap gap-2 print:hidden">
        {lists.length ? <PrintButton label={tp("print")} /> : null}
        <ButtonLink href={`/campaigns/${c.id}`} variant="ghost">
          {t("backToCampaign")}
        </ButtonLink>
      </div>
      {lists.length === 0 ? <EmptyState>{tp("empty")}</EmptyState> : null}
      {lists.map((l, i) => (
        <section key={l.id} aria-labelledby={`list-${l.id}`} className={i > 0 ? "mt-8 print:mt-0 print:break-before-page" : ""}>
          <h2 id={`list-${l.id}`} className="text-lg font-semibold">
            {tp("listTitle", { name: l.name })}
          </h2>
          <p className="mb-2 text-sm text-slate-700">{tp("pair", { names: l.volunteers.map((v) => v.name).join(", ") })}</p>
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{l.name}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="w-10 px-2 py-1">
                  {tp("position")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {tp("household")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {tp("address")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {tp("lacking")}
                </th>
                <th scope="col" className="w-16 px-2 py-1 text-center">
                  {tp("tick")}
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
