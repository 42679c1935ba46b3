import type { getFormatter, getTranslations } from "next-intl/server";

type Format = Awaited<ReturnType<typeof getFormatter>>;
type T = Awaited<ReturnType<typeof getTranslations<"campaigns">>>;

/** A campaign's dates: one day, or a range (@db.Date values, so formatted in UTC). */
export function campaignDates(t: T, format: Format, startsOn: Date, endsOn: Date): string {
  const day = (d: Date) => format.dateTime(d, "weekdayDay");
  return startsOn.getTime() === endsOn.getTime()
    ? t("oneDay", { date: day(startsOn) })
    : t("dateRange", { start: day(startsOn), end: day(endsOn) });
}

/** The gap to close, in words: "people aged 60+ without VNeID level 2". */
export function campaignGap(t: T, skillName: string | null, minAge: number | null): string {
  if (skillName && minAge !== null) return t("gap", { age: minAge, skill: skillName });
  if (skillName) return t("gapSkillOnly", { skill: skillName });
  if (minAge !== null) return t("gapAgeOnly", { age: minAge });
  return t("gapNone");
}
