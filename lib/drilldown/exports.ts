// The drill-down tables as files. Each export calls the same lib function as its screen (so the
// numbers are the screen's), with the screen's filters, sort and period, and every row instead of
// one page. Exports that name people (households, volunteers) are written to the audit log.
import { audit } from "@/lib/audit/log";
import type { Role } from "@/lib/auth/roles";
import { requireRole, type CurrentUser } from "@/lib/auth/user";
import { listMyBranchVolunteers } from "@/lib/branches/queries";
import { db } from "@/lib/db";
import { parsePeriod, periodParams, type Period } from "@/lib/drilldown/period";
import {
  BranchQuerySchema,
  DRILLDOWN_ROLES,
  listBranchStats,
  listUnvisitedHouseholds,
  listVillageHouseholds,
  listVillageStats,
  UnvisitedQuerySchema,
  VillageHouseholdQuerySchema,
  VillageQuerySchema,
  type HouseholdStats,
} from "@/lib/drilldown/queries";
import type { ExportColumn, ExportKind, ExportRow, ExportTable } from "@/lib/exports/table";
import { daysBetween, todayInVietnam } from "@/lib/format/dates";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";

export const EXPORT_TABLES = ["villages", "village-households", "branches", "unvisited", "branch-volunteers"] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

/** Who may download each table: the roles of the screen it comes from (lib checks again). */
export const EXPORT_ROLES: Record<ExportTableName, readonly Role[]> = {
  villages: DRILLDOWN_ROLES,
  "village-households": DRILLDOWN_ROLES,
  branches: DRILLDOWN_ROLES,
  unvisited: DRILLDOWN_ROLES,
  "branch-volunteers": ["branch_leader"],
};

export function isExportTable(name: string): name is ExportTableName {
  return (EXPORT_TABLES as readonly string[]).includes(name);
}

/** Translations the files need: `t` reads the "drilldown" namespace, `status` a family status. */
export type ExportLabels = {
  t: (key: string, values?: Record<string, string | number>) => string;
  status: (status: FamilyStatus | "none") => string;
};

type Col = [key: string, header: string, kind: ExportKind];
const columns = (labels: ExportLabels, cols: Col[]): ExportColumn[] =>
  cols.map(([key, header, kind]) => ({ key, header: labels.t(`columns.${header}`), kind }));

const get = (params: URLSearchParams) => Object.fromEntries(params.entries());

export type BuiltExport = { table: ExportTable; fileBase: string };

function householdRows(rows: HouseholdStats[], labels: ExportLabels, today: Date): ExportRow[] {
  return rows.map((r) => ({
    headName: r.headName,
    address: r.address,
    villageName: r.villageName,
    members: r.members,
    familyStatus: labels.status(r.familyStatus ?? "none"),
    visits: r.visits,
    lastVisitOn: r.lastVisitOn,
    daysSince: r.lastVisitOn ? daysBetween(r.lastVisitOn, today) : labels.t("never"),
  }));
}

const stamp = (p: Period) => `${periodParams(p).from}_${periodParams(p).to}`;

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
  requireRole(user, EXPORT_ROLES[name]);
  const q = get(params);
  const period = parsePeriod(q, now);
  const t = labels.t;
  switch (name) {
    case "villages": {
      const data = await listVillageStats(user, { period, ...VillageQuerySchema.parse(q) }, now);
      return {
        fileBase: `thon-${stamp(period)}`,
        table: {
          sheet: t("villages.sheet"),
          columns: columns(labels, [
            ["name", "village", "text"],
            ["households", "households", "int"],
            ["reached", "reached", "int"],
            ["reach", "reach", "percent"],
            ["adults", "adults", "int"],
            ["vneid", "vneid", "int"],
            ["vneidShare", "vneidShare", "percent"],
            ["allSkills", "allSkills", "int"],
            ["allSkillsShare", "allSkillsShare", "percent"],
            ["enrolled", "enrolled", "int"],
            ["certified", "certified", "int"],
            ["visits", "visits", "int"],
            ["lastVisitOn", "lastVisit", "date"],
          ]),
          rows: data.rows,
        },
      };
    }
    case "village-households": {
      const villageId = Number(q.village);
      const data = await listVillageHouseholds(user, villageId, {
        period,
        ...VillageHouseholdQuerySchema.parse(q),
        paging: "all",
      });
      if (!data) return null;
      await audit(db, user, "export", "household", null, { table: name, village: data.village.id, rows: data.rows.length });
      return {
        fileBase: `ho-thon-${data.village.id}-${stamp(period)}`,
        table: {
          sheet: t("village.sheet"),
          columns: columns(labels, [
            ["headName", "head", "text"],
            ["address", "address", "text"],
            ["members", "members", "int"],
            ["familyStatus", "familyStatus", "text"],
            ["visits", "visits", "int"],
            ["lastVisitOn", "lastVisit", "date"],
          ]),
          rows: householdRows(data.rows, labels, todayInVietnam(now)),
        },
      };
    }
    case "unvisited": {
      const query = UnvisitedQuerySchema.parse(q);
      const data = await listUnvisitedHouseholds(user, { period, ...query, paging: "all" }, now);
      if (!data) return null;
      await audit(db, user, "export", "household", null, {
        table: name,
        village: data.village?.id ?? null,
        rows: data.rows.length,
      });
      return {
        fileBase: `ho-chua-den${data.village ? `-thon-${data.village.id}` : ""}`,
        table: {
          sheet: t("unvisited.sheet"),
          columns: columns(labels, [
            ["headName", "head", "text"],
            ["address", "address", "text"],
            ["villageName", "village", "text"],
            ["members", "members", "int"],
            ["familyStatus", "familyStatus", "text"],
            ["lastVisitOn", "lastVisit", "date"],
            ["daysSince", "daysSince", "int"],
          ]),
          rows: householdRows(data.rows, labels, todayInVietnam(now)),
        },
      };
    }
    case "branches": {
      const data = await listBranchStats(user, { period, ...BranchQuerySchema.parse(q) });
      return {
        fileBase: `chi-doan-${stamp(period)}`,
        table: {
          sheet: t("branches.sheet"),
          columns: columns(labels, [
            ["name", "branch", "text"],
            ["villageName", "branchVillage", "text"],
            ["target", "target", "int"],
            ["adopted", "adopted", "int"],
            ["certified", "certified", "int"],
            ["met", "met", "text"],
            ["volunteers", "volunteers", "int"],
            ["visits", "visits", "int"],
          ]),
          rows: data.rows.map((r) => ({
            ...r,
            villageName: r.villageName ?? t("branches.noVillage"),
            met: r.met ? t("branches.metExport") : t("branches.notMetExport"),
          })),
        },
      };
    }
    case "branch-volunteers": {
      const data = await listMyBranchVolunteers(user, now);
      if (!data) return null;
      await audit(db, user, "export", "volunteer", null, { table: name, branch: data.branch.id, rows: data.rows.length });
      return {
        fileBase: `doan-vien-chi-doan-${data.branch.id}-${periodParams(data.month).from.slice(0, 7)}`,
        table: {
          sheet: t("columns.volunteers"),
          columns: columns(labels, [
            ["name", "name", "text"],
            ["isLeader", "isLeader", "text"],
            ["assigned", "assigned", "int"],
            ["visits", "monthVisits", "int"],
            ["households", "monthHouseholds", "int"],
            ["lastVisitOn", "lastVisit", "date"],
          ]),
          rows: data.rows.map((r) => ({ ...r, isLeader: r.isLeader ? t("yes") : t("no") })),
        },
      };
    }
  }
}
