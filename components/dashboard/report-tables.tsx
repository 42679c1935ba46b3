import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { SkillTable } from "@/components/dashboard/skill-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { DefinedTable } from "@/components/ui/defined-table";
import { isoOf } from "@/lib/indicators/period";
import { indicatorTopicsTable } from "@/lib/indicators/tables";
import type { OfficialDashboard, TopicRow } from "@/lib/indicators/queries";

/** The monthly report's detail tables: skills, businesses' practices, classes by topic. */
export async function ReportTables({ d }: { d: OfficialDashboard }) {
  const [t, format, locale] = await Promise.all([getTranslations("officialReport"), getFormatter(), getLocale()]);
  const pct = (n: number, of: number) => (of > 0 ? format.number(n / of, { style: "percent", maximumFractionDigits: 1 }) : "—");
  return (
    <>
      <section aria-labelledby="r-skills" className="mb-6">
        <h2 id="r-skills" className="mb-2 text-lg font-semibold">
          {t("skillsTitle")}
        </h2>
        <SkillTable caption={t("skillsTitle")} rows={d.skills} />
      </section>
      <section aria-labelledby="r-business" className="mb-6">
        <h2 id="r-business" className="mb-2 text-lg font-semibold">
          {t("businessTitle")}
        </h2>
        <SkillTable caption={t("businessTitle")} rows={d.businessSkills} />
      </section>
      <section aria-labelledby="r-training" className="mb-6">
        <h2 id="r-training" className="mb-2 text-lg font-semibold">
          {t("trainingTitle")}
        </h2>
        <DefinedTable<TopicRow>
          table={indicatorTopicsTable}
          caption={t("trainingTitle")}
          rowKey={(r) => r.key}
          rows={d.charts.topics}
          columns={[
            { key: "topic", cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) },
            "classes",
            "registrations",
            "trained",
            // One decimal on the screen; the file's a whole percent.
            { key: "rate", cell: (r) => pct(r.attendedRegistrations, r.heldRegistrations) },
          ]}
        />
        <div className="mt-2 print:hidden">
          <ExportLinks table="indicators" params={{ from: isoOf(d.period.from), to: isoOf(d.period.to), part: "topics" }} />
        </div>
      </section>
    </>
  );
}
