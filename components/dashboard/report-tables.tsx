import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { SkillTable } from "@/components/dashboard/skill-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { Table } from "@/components/ui/table";
import { isoOf } from "@/lib/indicators/period";
import type { OfficialDashboard, TopicRow } from "@/lib/indicators/queries";

/** The monthly report's detail tables: skills, businesses' practices, classes by topic. */
export async function ReportTables({ d }: { d: OfficialDashboard }) {
  const [t, tt, format, locale] = await Promise.all([
    getTranslations("officialReport"),
    getTranslations("dashboard.topicTable"),
    getFormatter(),
    getLocale(),
  ]);
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
        <Table<TopicRow>
          caption={t("trainingTitle")}
          rowKey={(r) => r.key}
          rows={d.charts.topics}
          columns={[
            { key: "topic", header: tt("topic"), cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) },
            { key: "classes", header: tt("classes"), numeric: true, cell: (r) => format.number(r.classes) },
            { key: "registrations", header: tt("registrations"), numeric: true, cell: (r) => format.number(r.registrations) },
            { key: "trained", header: tt("trained"), numeric: true, cell: (r) => format.number(r.trained) },
            { key: "rate", header: tt("rate"), numeric: true, cell: (r) => pct(r.attendedRegistrations, r.heldRegistrations) },
          ]}
        />
        <div className="mt-2 print:hidden">
          <ExportLinks table="indicators" params={{ from: isoOf(d.period.from), to: isoOf(d.period.to), part: "topics" }} />
        </div>
      </section>
    </>
  );
}
