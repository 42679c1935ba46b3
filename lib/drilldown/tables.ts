// The drill-downs' tables (villages, a village's households, unvisited households, branches), as
// their screens and files show them: see lib/exports/definition.ts.
import { periodParams } from "@/lib/drilldown/period";
import {
  BranchQuerySchema,
  listBranchStats,
  listUnvisitedHouseholds,
  listVillageHouseholds,
  listVillageStats,
  UnvisitedQuerySchema,
  VillageHouseholdQuerySchema,
  VillageQuerySchema,
  type BranchStats,
  type HouseholdStats,
  type VillageStats,
} from "@/lib/drilldown/queries";
import { auditExport, col, defineTable, type TableColumn } from "@/lib/exports/definition";
import { daysBetween } from "@/lib/format/dates";
import type { DateRange } from "@/lib/indicators/period";

const stamp = (p: DateRange) => `${periodParams(p).from}_${periodParams(p).to}`;

export const villagesTable = defineTable<VillageStats>({
  name: "villages",
  sheet: "villages.sheet",
  columns: [
    col("name", "village", "text"),
    col("households", "households", "int"),
    col("reached", "reached", "int"),
    col("reach", "reach", "percent"),
    col("adults", "adults", "int"),
    col("vneid", "vneid", "int"),
    col("vneidShare", "vneidShare", "percent"),
    col("allSkills", "allSkills", "int"),
    col("allSkillsShare", "allSkillsShare", "percent"),
    col("enrolled", "enrolled", "int"),
    col("certified", "certified", "int"),
    col("visits", "visits", "int"),
    col("lastVisitOn", "lastVisit", "date"),
  ],
  list: async ({ user, query, period, now }) => {
    const data = await listVillageStats(user, { period, ...VillageQuerySchema.parse(query) }, now);
    return { rows: data.rows, fileBase: `thon-${stamp(period)}` };
  },
});

/** A household's columns, as the village's and the unvisited lists show them. */
const household = {
  headName: col<HouseholdStats>("headName", "head", "text"),
  address: col<HouseholdStats>("address", "address", "text"),
  villageName: col<HouseholdStats>("villageName", "village", "text"),
  members: col<HouseholdStats>("members", "members", "int"),
  familyStatus: {
    key: "familyStatus",
    label: "familyStatus",
    kind: "text",
    value: (r, c) => c.labels.status(r.familyStatus ?? "none"),
  },
  visits: col<HouseholdStats>("visits", "visits", "int"),
  lastVisitOn: col<HouseholdStats>("lastVisitOn", "lastVisit", "date"),
  daysSince: {
    key: "daysSince",
    label: "daysSince",
    kind: "int",
    value: (r, c) => (r.lastVisitOn ? daysBetween(r.lastVisitOn, c.today) : c.labels.t("never")),
  },
} satisfies Record<string, TableColumn<HouseholdStats>>;

export const villageHouseholdsTable = defineTable<HouseholdStats>({
  name: "village-households",
  sheet: "village.sheet",
  columns: [
    household.headName,
    household.address,
    household.members,
    household.familyStatus,
    household.visits,
    household.lastVisitOn,
  ],
  list: async ({ user, query, period }) => {
    const data = await listVillageHouseholds(user, Number(query.village), {
      period,
      ...VillageHouseholdQuerySchema.parse(query),
      paging: "all",
    });
    if (!data) return null;
    await auditExport(user, "household", "village-households", data.rows.length, { village: data.village.id });
    return { rows: data.rows, fileBase: `ho-thon-${data.village.id}-${stamp(period)}` };
  },
});

export const unvisitedTable = defineTable<HouseholdStats>({
  name: "unvisited",
  sheet: "unvisited.sheet",
  columns: [
    household.headName,
    household.address,
    household.villageName,
    household.members,
    household.familyStatus,
    household.lastVisitOn,
    household.daysSince,
  ],
  list: async ({ user, query, period, now }) => {
    const data = await listUnvisitedHouseholds(user, { period, ...UnvisitedQuerySchema.parse(query), paging: "all" }, now);
    if (!data) return null;
    await auditExport(user, "household", "unvisited", data.rows.length, { village: data.village?.id ?? null });
    return { rows: data.rows, fileBase: `ho-chua-den${data.village ? `-thon-${data.village.id}` : ""}` };
  },
});

export const branchesTable = defineTable<BranchStats>({
  name: "branches",
  sheet: "branches.sheet",
  columns: [
    col("name", "branch", "text"),
    {
      key: "villageName",
      label: "branchVillage",
      kind: "text",
      value: (r, c) => r.villageName ?? c.labels.t("branches.noVillage"),
    },
    col("target", "target", "int"),
    col("adopted", "adopted", "int"),
    col("certified", "certified", "int"),
    {
      key: "met",
      label: "met",
      kind: "text",
      value: (r, c) => c.labels.t(r.met ? "branches.metExport" : "branches.notMetExport"),
    },
    col("volunteers", "volunteers", "int"),
    col("visits", "visits", "int"),
  ],
  list: async ({ user, query, period }) => {
    const data = await listBranchStats(user, { period, ...BranchQuerySchema.parse(query) });
    return { rows: data.rows, fileBase: `chi-doan-${stamp(period)}` };
  },
});
