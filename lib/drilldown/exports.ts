// The portal's tables as files: GET /api/exports/<name> looks the table up here by name and builds
// it from its definition (lib/<domain>/tables.ts, shape in lib/exports/definition.ts). Each table
// lists its rows with the same lib function as its screen (so the numbers are the screen's), with
// the screen's filters, sort and period, and every row instead of one page: paged list functions
// take `{ all: true }` (never from the URL) and return every row in one query, up to
// EXPORT_MAX_ROWS. Exports that name people (households, volunteers, visits, users, erasure
// requests, outgoing messages, the audit log, a class's roster, a campaign's volunteers and walk
// lists) are written to the audit log by their table's list.
import { auditTable } from "@/lib/audit/tables";
import type { CurrentUser } from "@/lib/auth/user";
import { branchVolunteersTable } from "@/lib/branches/tables";
import { campaignSummaryTable, campaignsTable } from "@/lib/campaigns/tables";
import { cityCommunesTable } from "@/lib/city/tables";
import { contestResultsTable, contestsTable } from "@/lib/contests/tables";
import { EXPORT_TABLES, type ExportTableName } from "@/lib/drilldown/export-tables";
import { parseDateRange } from "@/lib/drilldown/period";
import { branchesTable, unvisitedTable, villageHouseholdsTable, villagesTable } from "@/lib/drilldown/tables";
import { buildTable, type BuiltExport, type ExportLabels, type TableDefinition } from "@/lib/exports/definition";
import { criteriaTable } from "@/lib/families/tables";
import { figuresTable } from "@/lib/figures/tables";
import { todayInVietnam } from "@/lib/format/dates";
import { householdsTable } from "@/lib/households/tables";
import { indicatorsTable } from "@/lib/indicators/tables";
import { outboxTable } from "@/lib/outbox/tables";
import { erasureTable } from "@/lib/privacy/tables";
import { trainingRosterTable, trainingTable, trainingTopicsTable } from "@/lib/training/tables";
import { adminOverviewTable, usersTable } from "@/lib/users/tables";
import { visitsTable } from "@/lib/visits/tables";

export { EXPORT_CAPABILITY, EXPORT_ROLES, EXPORT_TABLES, type ExportTableName } from "@/lib/drilldown/export-tables";
export { EXPORT_MAX_ROWS } from "@/lib/exports/rows";
export { exportDateTime, type BuiltExport, type ExportLabels } from "@/lib/exports/definition";

/** Each table by name; a table of several parts (?part=) picks the part's definition from the query. */
const TABLES: Record<ExportTableName, TableDefinition | ((query: Record<string, string>) => TableDefinition)> = {
  villages: villagesTable,
  "village-households": villageHouseholdsTable,
  branches: branchesTable,
  unvisited: unvisitedTable,
  "branch-volunteers": branchVolunteersTable,
  indicators: indicatorsTable,
  "city-communes": cityCommunesTable,
  figures: figuresTable,
  households: householdsTable,
  training: trainingTable,
  audit: auditTable,
  contests: contestsTable,
  "contest-results": contestResultsTable,
  campaigns: campaignsTable,
  visits: visitsTable,
  users: usersTable,
  erasure: erasureTable,
  outbox: outboxTable,
  criteria: criteriaTable,
  "training-roster": trainingRosterTable,
  "training-topics": trainingTopicsTable,
  "campaign-summary": campaignSummaryTable,
  "admin-overview": adminOverviewTable,
};

export function isExportTable(name: string): name is ExportTableName {
  return (EXPORT_TABLES as readonly string[]).includes(name);
}

/** The definition of table `name` for the query (its part's, for a table of several). */
export function tableDefinition(name: ExportTableName, query: Record<string, string>): TableDefinition {
  const entry = TABLES[name];
  return typeof entry === "function" ? entry(query) : entry;
}

/**
 * The table `name` for `user` with the screen's query `params`, or null when it names a record
 * outside the user's commune (→ 404). Refuses (403) a role the screen refuses.
 */
export async function buildDrilldownExport(
  user: CurrentUser,
  name: ExportTableName,
  params: URLSearchParams,
  labels: ExportLabels,
  now: Date = new Date(),
): Promise<BuiltExport | null> {
  const query = Object.fromEntries(params.entries());
  const context = { user, query, period: parseDateRange(query, now), labels, now, today: todayInVietnam(now) };
  return buildTable(tableDefinition(name, query), context);
}
