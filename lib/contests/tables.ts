// The contests and a contest's results as their screens and files show them: see
// lib/exports/definition.ts.
import { getContestGrid, listContests, type ContestListRow } from "@/lib/contests/queries";
import { col, defineTable } from "@/lib/exports/definition";
import type { ExportRow } from "@/lib/exports/table";

export const contestsTable = defineTable<ContestListRow>({
  name: "contests",
  sheet: "contests.sheet",
  columns: [
    col("name", "contest", "text"),
    col("startsOn", "startsOn", "date"),
    col("endsOn", "endsOn", "date"),
    { key: "participants", label: "participants", kind: "int", value: (r, c) => r.participants ?? c.labels.t("noData") },
    { key: "visits", label: "contestVisits", kind: "int", value: (r, c) => r.visits ?? c.labels.t("noData") },
    col("villagesEntered", "villagesEntered", "int"),
  ],
  list: async ({ user }) => ({ rows: await listContests(user), fileBase: "cuoc-thi" }),
});

/** Every village of the commune (blank where nothing is entered), the commune-level figures if any, and the total (?id=<contest>). */
export const contestResultsTable = defineTable<ExportRow>({
  name: "contest-results",
  sheet: "contests.resultsSheet",
  columns: [col("village", "village", "text"), col("participants", "participants", "int"), col("visits", "contestVisits", "int")],
  list: async ({ user, query, labels }) => {
    const id = /^\d{1,10}$/.test(query.id ?? "") ? Number(query.id) : 0;
    const grid = await getContestGrid(user, id);
    if (!grid) return null;
    const rows: ExportRow[] = grid.rows.map((r) => ({
      village: r.villageName,
      participants: r.participants ?? "",
      visits: r.visits ?? "",
    }));
    if (grid.communeLevel) rows.push({ village: labels.t("contests.communeLevel"), ...grid.communeLevel });
    rows.push({ village: labels.t("contests.total"), ...grid.total });
    return { rows, fileBase: `cuoc-thi-${grid.contest.id}` };
  },
});
