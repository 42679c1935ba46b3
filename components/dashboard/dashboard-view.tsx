import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { FunnelBlock, SkillTrendBlock, TopicsBlock, VisitsChartBlock } from "@/components/dashboard/dashboard-charts";
import { IndicatorAbout } from "@/components/dashboard/indicator-about";
import { IndicatorCard } from "@/components/dashboard/indicator-card";
import { SkillTable } from "@/components/dashboard/skill-table";
import { Card } from "@/components/ui/card";
import type { OfficialDashboard } from "@/lib/indicators/queries";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-3 text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const GRID = "grid gap-3 sm:grid-cols-2 lg:grid-cols-4";

/** The official's home below the period picker: every indicator of the registry, grouped, with its chart. */
export async function DashboardView({ data }: { data: Promise<OfficialDashboard> }) {
  const [d, t, ti, format] = await Promise.all([
    data,
    getTranslations("dashboard"),
    getTranslations("indicators"),
    getFormatter(),
  ]);
  const f = d.figures;
  return (
    <div>
      <Section id="sec-reach" title={t("sections.reach")}>
        <div className={GRID}>
          <IndicatorCard figure={f.households_reached} />
          <IndicatorCard figure={f.people_reached} />
          <IndicatorCard figure={f.families_enrolled} />
          <IndicatorCard figure={f.families_certified} />
        </div>
        <Card className="mt-4">
          <FunnelBlock d={d} />
        </Card>
      </Section>

      <Section id="sec-visits" title={t("sections.visits")}>
        <div className={GRID}>
          <IndicatorCard figure={f.visits} />
          <IndicatorCard figure={f.visits_week} />
          <IndicatorCard figure={f.households_unvisited} />
        </div>
        <Card className="mt-4">
          <VisitsChartBlock d={d} />
        </Card>
      </Section>

      <Section id="sec-skills" title={t("sections.skills")}>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <SkillTable caption={ti("skill_adoption.label")} rows={d.skills} />
            <IndicatorAbout indicator="skill_adoption" />
          </Card>
          <Card>
            <SkillTrendBlock d={d} />
          </Card>
        </div>
      </Section>

      <Section id="sec-training" title={t("sections.training")}>
        <div className={GRID}>
          <IndicatorCard figure={f.classes_held} />
          <IndicatorCard figure={f.registrations} />
          <IndicatorCard figure={f.attendance_rate} />
          <IndicatorCard figure={f.people_trained} />
        </div>
        <Card className="mt-4">
          <TopicsBlock d={d} />
        </Card>
      </Section>

      <Section id="sec-economy" title={t("sections.economy")}>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="grid gap-3 sm:grid-cols-2">
            <IndicatorCard figure={f.business_adoption} extra={t("businessCount", { count: d.businesses })} />
            <IndicatorCard
              figure={f.online_rate}
              extra={t("monthsEntered", {
                entered: format.number(d.onlineMonths.entered),
                months: format.number(d.onlineMonths.inPeriod),
              })}
            />
          </div>
          <Card>
            <SkillTable caption={ti("business_adoption.label")} rows={d.businessSkills} />
          </Card>
        </div>
      </Section>
    </div>
  );
}
