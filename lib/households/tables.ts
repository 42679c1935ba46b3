// The registry's list of households as its screen and file show it: see lib/exports/definition.ts.
import { auditExport, col, defineTable } from "@/lib/exports/definition";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";
import { HouseholdQuerySchema, searchHouseholds, type HouseholdRow } from "@/lib/households/search";

export const householdsTable = defineTable<HouseholdRow>({
  name: "households",
  sheet: "households.sheet",
  columns: [
    col("headName", "head", "text"),
    col("address", "address", "text"),
    col("villageName", "village", "text"),
    col("members", "members", "int"),
    {
      key: "familyStatus",
      label: "familyStatus",
      kind: "text",
      value: (r, c) => c.labels.status((r.familyStatus ?? "none") as FamilyStatus | "none"),
    },
    { key: "lastVisitOn", label: "lastVisit", kind: "date", value: (r, c) => r.lastVisitOn ?? c.labels.t("never") },
  ],
  list: async ({ user, query: q }) => {
    const query = HouseholdQuerySchema.parse(q);
    const { rows } = await searchHouseholds(user, query, { all: true });
    await auditExport(user, "household", "households", rows.length, {
      q: query.q || null,
      village: query.village ?? null,
      family: query.family ?? null,
      visit: query.visit ?? null,
    });
    return { rows, fileBase: "ho-gia-dinh" };
  },
});
