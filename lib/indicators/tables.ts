// The official's home and monthly report as files: the indicators (?part=figures, the default) and
// the classes by topic (?part=topics): see lib/exports/definition.ts.
import { col, defineTable, localName, partOf, type TableContext } from "@/lib/exports/definition";
import type { ExportRow } from "@/lib/exports/table";
import { parsePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard, type Figure, type SkillFigure, type TopicRow } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS } from "@/lib/indicators/registry";

/** The tables of the official's home and monthly report (?part=; the indicators when none is named). */
export const INDICATOR_PARTS = ["figures", "topics"] as const;

/** The dashboard for the query's period (the dashboard's own ?period=/from/to), and the period's days for the file's name. */
async function dashboard({ user, query, today }: TableContext) {
  const { period } = parsePeriod(query, today);
  const d = await getOfficialDashboard(user, period, today);
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { d, stamp: `${iso(period.from)}_${iso(period.to)}` };
}

/** One indicator row: a count fills the count columns, a rate the rate columns (a word where there is no data). */
function indicatorRow(f: Figure, label: string, skill: string, c: TableContext): ExportRow {
  const noData = c.labels.t("noData");
  if (INDICATORS[f.key].kind === "rate") {
    return {
      indicator: label,
      skill,
      rate: f.current.value ?? noData,
      previousRate: f.previous.value ?? noData,
      rateChange: f.change ?? noData,
      numerator: f.current.numerator,
      denominator: f.current.denominator,
      target: f.target,
      towardTarget: f.towardTarget,
    };
  }
  return {
    indicator: label,
    skill,
    count: f.current.value ?? noData,
    previousCount: f.previous.value ?? noData,
    countChange: f.change ?? noData,
    target: f.target,
    towardTarget: f.towardTarget,
  };
}

/** Every indicator in the registry's order; skill adoption (and business adoption) add a row per skill. */
export const indicatorFiguresTable = defineTable<ExportRow>({
  name: "indicators",
  sheet: "indicators.sheet",
  columns: [
    col("indicator", "indicator", "text"),
    col("skill", "skill", "text"),
    col("count", "count", "int"),
    col("previousCount", "previousCount", "int"),
    col("countChange", "countChange", "int"),
    col("rate", "rate", "percent"),
    col("previousRate", "previousRate", "percent"),
    col("rateChange", "rateChange", "points"),
    col("numerator", "numerator", "int"),
    col("denominator", "denominator", "int"),
    col("target", "target", "int"),
    col("towardTarget", "towardTarget", "int"),
  ],
  list: async (c) => {
    const { d, stamp } = await dashboard(c);
    const label = (key: string) => c.labels.tr(`indicators.${key}.label`);
    const name = (s: SkillFigure) => localName(s, c.labels);
    const rows: ExportRow[] = [];
    for (const key of INDICATOR_KEYS) {
      if (key === "skill_adoption") {
        for (const s of d.skills) rows.push(indicatorRow(s, label(key), name(s), c));
        continue;
      }
      rows.push(indicatorRow(d.figures[key], label(key), "", c));
      if (key === "business_adoption") for (const s of d.businessSkills) rows.push(indicatorRow(s, label(key), name(s), c));
    }
    return { rows, fileBase: `chi-tieu-${stamp}` };
  },
});

/**
 * Classes by topic, as the report's table: held classes, confirmed registrations, people trained,
 * and the attendance rate (attended ÷ confirmed registrations of held classes).
 */
export const indicatorTopicsTable = defineTable<TopicRow>({
  name: "indicators",
  sheet: "indicators.topicsSheet",
  columns: [
    { key: "topic", label: "topic", kind: "text", value: (r, c) => localName(r, c.labels) },
    col("classes", "classes", "int"),
    col("registrations", "registrations", "int"),
    col("trained", "trained", "int"),
    {
      key: "rate",
      label: "attendanceRate",
      kind: "percent",
      value: (r) => (r.heldRegistrations > 0 ? r.attendedRegistrations / r.heldRegistrations : null),
    },
  ],
  list: async (c) => {
    const { d, stamp } = await dashboard(c);
    return { rows: d.charts.topics, fileBase: `lop-theo-chu-de-${stamp}` };
  },
});

/** The table ?part= names. */
export const indicatorsTable = (query: Record<string, string>) =>
  partOf(INDICATOR_PARTS, query.part, "figures") === "topics" ? indicatorTopicsTable : indicatorFiguresTable;
