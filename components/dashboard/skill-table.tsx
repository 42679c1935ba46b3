import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { figureText } from "@/lib/indicators/figure-text";
import { Table } from "@/components/ui/table";
import type { SkillFigure } from "@/lib/indicators/queries";

/** A rate per skill (adults with each skill, or businesses with each practice), with its change. */
export async function SkillTable({ caption, rows }: { caption: string; rows: SkillFigure[] }) {
  const [t, format, locale] = await Promise.all([getTranslations("dashboard"), getFormatter(), getLocale()]);
  const text = figureText(format, t);
  return (
    <Table<SkillFigure>
      caption={caption}
      rowKey={(r) => r.skillKey}
      rows={rows}
      columns={[
        { key: "skill", header: t("skill"), cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) },
        { key: "people", header: t("people"), numeric: true, cell: (r) => format.number(r.current.numerator) },
        { key: "share", header: t("share"), numeric: true, cell: (r) => text.value(r) },
        { key: "change", header: t("change"), numeric: true, cell: (r) => text.signedChange(r) },
      ]}
    />
  );
}
