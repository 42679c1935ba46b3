// The monthly report as an administrative document (Decree 30/2020/NĐ-CP): its content built once
// here, in words of the reader's language, then rendered twice from the same object — as the page
// /official/report (print to A4) and as a .docx the office can number, edit and sign
// (lib/report/docx.ts). The figures are the official's dashboard for the month (lib/indicators).
import { createFormatter, createTranslator } from "next-intl";
import { requireCan } from "@/lib/auth/capabilities";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { todayInVietnam } from "@/lib/format/dates";
import type { Locale } from "@/lib/i18n/config";
import { TIME_ZONE } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { figureText } from "@/lib/indicators/figure-text";
import { isoOf, parseReportMonth, type Period } from "@/lib/indicators/period";
import { getOfficialDashboard, type OfficialDashboard, type SkillFigure } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS, indicatorText } from "@/lib/indicators/registry";
import { LETTERHEAD_SELECT, letterheadOf } from "@/lib/report/letterhead";

/** A space left for a hand to fill (the number, the day and month of signing). */
export const FILL_IN = "\u00a0".repeat(6);

export type ReportTable = {
  caption: string;
  columns: { label: string; numeric: boolean }[];
  rows: { key: string; cells: string[]; note: string | null }[];
};

export type MonthlyReport = {
  /** "YYYY-MM" and its days; `error` when the month asked for was malformed (the default shown). */
  month: string;
  period: Period;
  error: boolean;
  /** The dashboard the figures come from (the page draws its charts from it). */
  dashboard: OfficialDashboard;
  /** The top of the first page: the issuing body on the left, the national title on the right. */
  heading: { superior: string | null; issuer: string; number: string; nation: string; motto: string; placeDate: string };
  /** "BÁO CÁO" and what it is about (the trích yếu). */
  kind: string;
  title: string;
  /** "Kính gửi: …". */
  addressee: string;
  intro: string;
  sections: { id: string; heading: string; table: ReportTable }[];
  definitions: { heading: string; items: { key: string; label: string; text: string }[] };
  /** The foot: who receives copies, and who signs (authority, position, space, name). */
  closing: { recipientsLabel: string; recipients: string[]; authority: string; position: string; signerName: string | null };
};

/** The report's words and number formats in `locale`, outside any request (the .docx route, tests). */
async function wordsFor(locale: Locale) {
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  const format = createFormatter({ locale, timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });
  return { t, format };
}

/**
 * The monthly report of the user's commune for `monthParam` ("YYYY-MM"; the last complete month
 * when none or a malformed one), in `locale`. Requires indicators:read; the commune is the user's.
 */
export async function getMonthlyReport(
  user: CurrentUser,
  monthParam: string | string[] | undefined,
  locale: Locale,
  today: Date = todayInVietnam(),
): Promise<MonthlyReport> {
  requireCan(user, "indicators:read");
  const { period, month, error } = parseReportMonth(monthParam, today);
  const [{ t, format }, d, commune] = await Promise.all([
    wordsFor(locale),
    getOfficialDashboard(user, period, today),
    db.commune.findUniqueOrThrow({ where: { id: communeOf(user) }, select: LETTERHEAD_SELECT }),
  ]);
  const lh = letterheadOf(commune);
  const r = (key: string, values?: Record<string, string | number>) => t(`officialReport.${key}`, values);
  const td = ((key: string, values?: Record<string, string | number>) => t(`dashboard.${key}`, values)) as unknown as Parameters<
    typeof figureText
  >[1];
  const text = figureText(format as unknown as Parameters<typeof figureText>[0], td);
  const day = (x: Date) => format.dateTime(x, "day");
  const monthLabel = `${month.slice(5)}/${month.slice(0, 4)}`;
  const skillName = (s: SkillFigure) => (locale === "vi" ? s.nameVi : s.nameEn);

  const figures: ReportTable = {
    caption: r("figuresTitle"),
    columns: [
      { label: r("indicator"), numeric: false },
      { label: r("value"), numeric: true },
      { label: r("previous"), numeric: true },
      { label: r("change"), numeric: true },
    ],
    rows: INDICATOR_KEYS.filter((k) => k !== "skill_adoption").map((k) => {
      const fig = d.figures[k as Exclude<typeof k, "skill_adoption">];
      return {
        key: k,
        cells: [t(`indicators.${indicatorText(k).label}`), text.value(fig), text.value(fig, "previous"), text.signedChange(fig)],
        note: text.detail(fig),
      };
    }),
  };
  const skillTable = (caption: string, rows: SkillFigure[]): ReportTable => ({
    caption,
    columns: [
      { label: t("dashboard.skill"), numeric: false },
      { label: t("dashboard.people"), numeric: true },
      { label: t("dashboard.share"), numeric: true },
      { label: t("dashboard.change"), numeric: true },
    ],
    rows: rows.map((s) => ({
      key: s.skillKey,
      cells: [skillName(s), format.number(s.current.numerator), text.value(s), text.signedChange(s)],
      note: null,
    })),
  });
  const topics: ReportTable = {
    caption: r("trainingTitle"),
    columns: [
      { label: t("drilldown.columns.topic"), numeric: false },
      { label: t("drilldown.columns.classes"), numeric: true },
      { label: t("drilldown.columns.registrations"), numeric: true },
      { label: t("drilldown.columns.trained"), numeric: true },
      { label: t("drilldown.columns.attendanceRate"), numeric: true },
    ],
    rows: d.charts.topics.map((x) => ({
      key: x.key,
      cells: [
        locale === "vi" ? x.nameVi : x.nameEn,
        format.number(x.classes),
        format.number(x.registrations),
        format.number(x.trained),
        x.heldRegistrations > 0 ? text.pct(x.attendedRegistrations / x.heldRegistrations) : "—",
      ],
      note: null,
    })),
  };

  return {
    month,
    period,
    error,
    dashboard: d,
    heading: {
      superior: lh.superior,
      issuer: lh.issuer,
      number: r("doc.number", { blank: FILL_IN }),
      nation: r("doc.nation"),
      motto: r("doc.motto"),
      placeDate: r("doc.placeDate", { place: lh.place, blank: FILL_IN, year: today.getUTCFullYear() }),
    },
    kind: r("doc.kind"),
    title: r("doc.title", { month: monthLabel }),
    addressee: r("doc.addressee", { recipient: lh.recipient }),
    intro: r("intro", { month: monthLabel, from: day(period.from), to: day(period.to), today: day(today) }),
    sections: [
      { id: "figures", heading: r("doc.part1", { title: r("figuresTitle") }), table: figures },
      { id: "skills", heading: r("doc.part2", { title: r("skillsTitle") }), table: skillTable(r("skillsTitle"), d.skills) },
      {
        id: "business",
        heading: r("doc.part3", { title: r("businessTitle") }),
        table: skillTable(r("businessTitle"), d.businessSkills),
      },
      { id: "training", heading: r("doc.part4", { title: r("trainingTitle") }), table: topics },
    ],
    definitions: {
      heading: r("definitionsTitle"),
      items: INDICATOR_KEYS.map((k) => ({
        key: k,
        label: t(`indicators.${indicatorText(k).label}`),
        text: `${t(`indicators.${indicatorText(k).definition}`)} (${t(`dashboard.sources.${INDICATORS[k].source}`)})`,
      })),
    },
    closing: {
      recipientsLabel: r("doc.recipientsLabel"),
      recipients: [r("doc.recipientAbove"), r("doc.recipientArchive")],
      authority: lh.signerAuthority,
      position: lh.signerPosition,
      signerName: lh.signerName,
    },
  };
}

/** The report's file name without extension: bao-cao-thang-YYYY-MM. */
export const reportFileBase = (report: Pick<MonthlyReport, "month">) => `bao-cao-thang-${report.month}`;

/** The report's figures as a file (the annex): the indicators export for the report's days. */
export const annexParams = (report: Pick<MonthlyReport, "period">) => ({
  from: isoOf(report.period.from),
  to: isoOf(report.period.to),
});
