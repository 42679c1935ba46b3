// The city's comparison of communes as its screen and file show it: see lib/exports/definition.ts.
import {
  COMPARISON_KEYS,
  getCommuneComparison,
  isComparisonRate,
  parseComparisonSort,
  type CommuneComparison,
} from "@/lib/city/queries";
import { col, defineTable, type TableColumn } from "@/lib/exports/definition";

export const cityCommunesTable = defineTable<CommuneComparison>({
  name: "city-communes",
  sheet: "city.sheet",
  columns: [
    col("name", "commune", "text"),
    // Each indicator's value (a word where there is no data) and the commune's rank on it.
    ...COMPARISON_KEYS.flatMap((key): TableColumn<CommuneComparison>[] => [
      {
        key,
        label: `city.${key}`,
        kind: isComparisonRate(key) ? "percent" : "int",
        value: (r, c) => r.values[key] ?? c.labels.t("noData"),
      },
      { key: `${key}Rank`, label: `city.${key}Rank`, kind: "int", value: (r) => r.ranks[key] },
    ]),
  ],
  list: async ({ user, query, today }) => {
    const sort = parseComparisonSort(query.sort) ?? "participants";
    return { rows: await getCommuneComparison(user, sort, today), fileBase: `so-sanh-xa-${sort}` };
  },
});
