import { getFormatter, getTranslations } from "next-intl/server";

/** Numbers, whole percents and calendar days as the drill-down screens show them (and no NaN). */
export async function drilldownFormat() {
  const [format, t] = await Promise.all([getFormatter(), getTranslations("drilldown")]);
  return {
    num: (n: number) => format.number(n),
    pct: (ratio: number | null) =>
      ratio === null ? t("none") : format.number(ratio, { style: "percent", maximumFractionDigits: 0 }),
    // A @db.Date is a calendar day at UTC midnight: shown in UTC so it never shifts a day.
    day: (d: Date | null) => (d ? format.dateTime(d, "day") : t("none")),
  };
}
