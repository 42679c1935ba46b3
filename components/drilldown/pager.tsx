import { getTranslations } from "next-intl/server";
import { hrefWith } from "@/components/drilldown/query";
import { Pager } from "@/components/ui/pager";

/**
 * A drill-down table's pager: the shared pager with the drill-down's labels ("page X/Y · N
 * households"), each link keeping the page's other parameters (period, village, sort).
 */
export async function DrilldownPager({
  path,
  params,
  page,
  pages,
  total,
}: {
  path: string;
  params: Record<string, string>;
  page: number;
  pages: number;
  total: number;
}) {
  const t = await getTranslations("drilldown.pager");
  return (
    <Pager
      page={page}
      pages={pages}
      href={(p) => hrefWith(path, params, { page: p > 1 ? p : null })}
      labels={{ label: t("label"), previous: t("previous"), next: t("next"), position: t("position", { page, pages, total }) }}
    />
  );
}
