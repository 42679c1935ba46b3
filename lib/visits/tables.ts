// The user's own visits as their screen and file show them: see lib/exports/definition.ts.
import { auditExport, col, defineTable } from "@/lib/exports/definition";
import { toDbId } from "@/lib/validation/db-id";
import { listMyVisits } from "@/lib/visits/queries";

type VisitRow = Awaited<ReturnType<typeof listMyVisits>>["rows"][number];

export const visitsTable = defineTable<VisitRow>({
  name: "visits",
  sheet: "visits.sheet",
  columns: [
    col("visitedOn", "visitedOn", "date"),
    col("headName", "head", "text"),
    { key: "outcome", label: "outcome", kind: "text", value: (r, c) => c.labels.tr(`visits.outcomes.${r.outcome}`) },
    col("items", "items", "int"),
  ],
  list: async ({ user, query, now }) => {
    // The screen's own filter: ?household= narrows to one household.
    const householdId = toDbId(query.household) ?? undefined;
    const { rows } = await listMyVisits(user, { householdId, now }, { all: true });
    await auditExport(user, "visit", "visits", rows.length, { household: householdId ?? null });
    return { rows, fileBase: householdId ? `luot-ho-tro-ho-${householdId}` : "luot-ho-tro" };
  },
});
