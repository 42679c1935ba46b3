// The monthly figures (online applications, records digitised) as their screen and file show
// them: see lib/exports/definition.ts.
import { col, defineTable } from "@/lib/exports/definition";
import { listFigures, type FigureRow } from "@/lib/figures/queries";

export const figuresTable = defineTable<FigureRow>({
  name: "figures",
  sheet: "figures.sheet",
  columns: [
    {
      key: "month",
      label: "month",
      kind: "text",
      value: (r) => `${String(r.month.getUTCMonth() + 1).padStart(2, "0")}/${r.month.getUTCFullYear()}`,
    },
    col("applicationsTotal", "applicationsTotal", "int"),
    col("applicationsOnline", "applicationsOnline", "int"),
    { key: "rate", label: "onlineRate", kind: "percent", value: (r, c) => r.rate ?? c.labels.t("noData") },
    { key: "change", label: "rateChange", kind: "points", value: (r, c) => r.change ?? c.labels.t("noData") },
    col("recordsDigitised", "recordsDigitised", "int"),
  ],
  list: async ({ user }) => {
    const rows = await listFigures(user);
    return { rows, fileBase: `so-lieu-thang-${rows.at(-1)?.key ?? ""}_${rows[0]?.key ?? ""}` };
  },
});
