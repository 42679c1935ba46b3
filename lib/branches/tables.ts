// The branch leader's table of their branch's volunteers, as the /branch screen and its file show
// it: see lib/exports/definition.ts.
import { listMyBranchVolunteers, type BranchVolunteerActivity } from "@/lib/branches/queries";
import { periodParams } from "@/lib/drilldown/period";
import { auditExport, col, defineTable } from "@/lib/exports/definition";

export const branchVolunteersTable = defineTable<BranchVolunteerActivity>({
  name: "branch-volunteers",
  sheet: "columns.volunteers",
  columns: [
    col("name", "name", "text"),
    { key: "isLeader", label: "isLeader", kind: "text", value: (r, c) => c.labels.t(r.isLeader ? "yes" : "no") },
    col("assigned", "assigned", "int"),
    col("visits", "monthVisits", "int"),
    col("households", "monthHouseholds", "int"),
    col("lastVisitOn", "lastVisit", "date"),
  ],
  list: async ({ user, now }) => {
    const data = await listMyBranchVolunteers(user, now);
    if (!data) return null;
    await auditExport(user, "volunteer", "branch-volunteers", data.rows.length, { branch: data.branch.id });
    return { rows: data.rows, fileBase: `doan-vien-chi-doan-${data.branch.id}-${periodParams(data.month).from.slice(0, 7)}` };
  },
});
