// The drill-down tables as files. Each export calls the same lib function as its screen (so the
// numbers are the screen's), with the screen's filters, sort and period, and every row instead of
// one page. Exports that name people (households, volunteers) are written to the audit log.
import { audit } from "@/lib/audit/log";
import { getCommuneComparison, COMPARISON_KEYS, isComparisonRate, parseComparisonSort } from "@/lib/city/queries";
import { listAuditLog } from "@/lib/audit/queries";
import { FIGURE_ROLES, listFigures } from "@/lib/figures/queries";
import { REGISTRY_ROLES } from "@/lib/households/scope";
import { HouseholdQuerySchema, searchHouseholds } from "@/lib/households/search";
import { parsePeriod as parseIndicatorPeriod } from "@/lib/indicators/period";
import { DASHBOARD_ROLES, getOfficialDashboard, type Figure, type SkillFigure } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS } from "@/lib/indicators/registry";
import { listEvents, TRAINING_ROLES } from "@/lib/training/events";
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
import { getContestGrid, listContests } from "@/lib/contests/queries";
import { CONTEST_ROLES } from "@/lib/contests/schemas";
import type { ExportColumn, ExportKind, ExportRow, ExportTable } from "@/lib/exports/table";
import { daysBetween, todayInVietnam } from "@/lib/format/dates";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";

export const EXPORT_TABLES = [
  "villages",
  "village-households",
  "branches",
  "unvisited",
  "branch-volunteers",
  "indicators",
  "city-communes",
  "figures",
  "households",
  "training",
  "audit",
  "contests",
  "contest-results",
] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

/** Who may download each table: the roles of the screen it comes from (lib checks again). */
export const EXPORT_ROLES: Record<ExportTableName, readonly Role[]> = {
  villages: DRILLDOWN_ROLES,
  "village-households": DRILLDOWN_ROLES,
  branches: DRILLDOWN_ROLES,
  unvisited: DRILLDOWN_ROLES,
  "branch-volunteers": ["branch_leader"],
  indicators: DASHBOARD_ROLES,
  "city-communes": ["city"],
  figures: FIGURE_ROLES,
  // The registry's full view; a volunteer's limited list is for their own work, not for files.
  households: REGISTRY_ROLES,
  training: TRAINING_ROLES,
  audit: ["admin"],
  contests: CONTEST_ROLES,
  "contest-results": CONTEST_ROLES,
};

export function isExportTable(name: string): name is ExportTableName {
  return (EXPORT_TABLES as readonly string[]).includes(name);
}

/**
 * Translations the files need: `t` reads the "drilldown" namespace, `status` a family status,
 * `tr` any message by its full key (indicator labels, class statuses…); `locale` picks names.
 */
export type ExportLabels = {
  t: (key: string, values?: Record<string, string | number>) => string;
  status: (status: FamilyStatus | "none") => string;
  tr: (key: string, values?: Record<string, string | number>) => string;
  locale: "vi" | "en";
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

/** The most rows a file built page by page from a paged list may hold. */
export const EXPORT_MAX_ROWS = 50_000;

/** Every page of a paged list (the screen's own function, called page after page), up to EXPORT_MAX_ROWS rows. */
async function allPages<R>(load: (page: number) => Promise<{ rows: R[]; pages: number }>): Promise<R[]> {
  const rows: R[] = [];
  for (let page = 1; ; page++) {
    const res = await load(page);
    rows.push(...res.rows);
    if (page >= res.pages || res.rows.length === 0 || rows.length >= EXPORT_MAX_ROWS) return rows.slice(0, EXPORT_MAX_ROWS);
  }
}

const VN_OFFSET_MS = 7 * 3_600_000;
/** A moment as Vietnam's wall-clock time, "dd/mm/yyyy hh:mm" (the screen shows the same). */
export function exportDateTime(at: Date): string {
  const v = new Date(at.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
}

/** One indicator row: a count fills the count columns, a rate the rate columns (a word where there is no data). */
function indicatorRow(f: Figure, label: string, skill: string, labels: ExportLabels): ExportRow {
  const noData = labels.t("noData");
  if (INDICATORS[f.key].kind === "rate") {
    return {
      indicator: label,
      skill,
      rate: f.current.value ?? noData,
      previousRate: f.previous.value ?? noData,
      rateChange: f.change ?? noData,
      numerator: f.current.numerator,
      denominator: f.current.denominator,
      target: f.target,
    };
  }
  return {
    indicator: label,
    skill,
    count: f.current.value ?? noData,
    previousCount: f.previous.value ?? noData,
    countChange: f.change ?? noData,
    target: f.target,
  };
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
    case "indicators": {
      const today = todayInVietnam(now);
      const { period: p } = parseIndicatorPeriod(q, today);
      const d = await getOfficialDashboard(user, p, today);
      const label = (key: string) => labels.tr(`indicators.${key}.label`);
      const name = (s: SkillFigure) => (labels.locale === "vi" ? s.nameVi : s.nameEn);
      const rows: ExportRow[] = [];
      for (const key of INDICATOR_KEYS) {
        if (key === "skill_adoption") {
          for (const s of d.skills) rows.push(indicatorRow(s, label(key), name(s), labels));
          continue;
        }
        rows.push(indicatorRow(d.figures[key], label(key), "", labels));
        if (key === "business_adoption")
          for (const s of d.businessSkills) rows.push(indicatorRow(s, label(key), name(s), labels));
      }
      const iso = (x: Date) => x.toISOString().slice(0, 10);
      return {
        fileBase: `chi-tieu-${iso(p.from)}_${iso(p.to)}`,
        table: {
          sheet: t("indicators.sheet"),
          columns: columns(labels, [
            ["indicator", "indicator", "text"],
            ["skill", "skill", "text"],
            ["count", "count", "int"],
            ["previousCount", "previousCount", "int"],
            ["countChange", "countChange", "int"],
            ["rate", "rate", "percent"],
            ["previousRate", "previousRate", "percent"],
            ["rateChange", "rateChange", "percent"],
            ["numerator", "numerator", "int"],
            ["denominator", "denominator", "int"],
            ["target", "target", "int"],
          ]),
          rows,
        },
      };
    }
    case "city-communes": {
      const sort = parseComparisonSort(q.sort) ?? "participants";
      const data = await getCommuneComparison(user, sort, todayInVietnam(now));
      const cols: Col[] = [["name", "commune", "text"]];
      for (const key of COMPARISON_KEYS) {
        cols.push([key, `city.${key}`, isComparisonRate(key) ? "percent" : "int"]);
        cols.push([`${key}Rank`, `city.${key}Rank`, "int"]);
      }
      return {
        fileBase: `so-sanh-xa-${sort}`,
        table: {
          sheet: t("city.sheet"),
          columns: columns(labels, cols),
          rows: data.map((r) => {
            const row: ExportRow = { name: r.name };
            for (const key of COMPARISON_KEYS) {
              row[key] = r.values[key] ?? t("noData");
              row[`${key}Rank`] = r.ranks[key];
            }
            return row;
          }),
        },
      };
    }
    case "contests": {
      const rows = await listContests(user);
      return {
        fileBase: "cuoc-thi",
        table: {
          sheet: t("contests.sheet"),
          columns: columns(labels, [
            ["name", "contest", "text"],
            ["startsOn", "startsOn", "date"],
            ["endsOn", "endsOn", "date"],
            ["participants", "participants", "int"],
            ["visits", "contestVisits", "int"],
            ["villagesEntered", "villagesEntered", "int"],
          ]),
          rows: rows.map((r) => ({
            name: r.name,
            startsOn: r.startsOn,
            endsOn: r.endsOn,
            participants: r.participants ?? t("noData"),
            visits: r.visits ?? t("noData"),
            villagesEntered: r.villagesEntered,
          })),
        },
      };
    }
    case "contest-results": {
      const id = /^\d{1,10}$/.test(q.id ?? "") ? Number(q.id) : 0;
      const grid = await getContestGrid(user, id);
      if (!grid) return null;
      const rows: ExportRow[] = grid.rows.map((r) => ({
        village: r.villageName,
        participants: r.participants ?? "",
        visits: r.visits ?? "",
      }));
      if (grid.communeLevel) {
        rows.push({ village: t("contests.communeLevel"), ...grid.communeLevel });
      }
      rows.push({ village: t("contests.total"), ...grid.total });
      return {
        fileBase: `cuoc-thi-${grid.contest.id}`,
        table: {
          sheet: t("contests.resultsSheet"),
          columns: columns(labels, [
            ["village", "village", "text"],
            ["participants", "participants", "int"],
            ["visits", "contestVisits", "int"],
          ]),
          rows,
        },
      };
    }
    case "figures": {
      const rows = await listFigures(user);
      return {
        fileBase: `so-lieu-thang-${rows.at(-1)?.key ?? ""}_${rows[0]?.key ?? ""}`,
        table: {
          sheet: t("figures.sheet"),
          columns: columns(labels, [
            ["month", "month", "text"],
            ["applicationsTotal", "applicationsTotal", "int"],
            ["applicationsOnline", "applicationsOnline", "int"],
            ["rate", "onlineRate", "percent"],
            ["change", "rateChange", "percent"],
            ["recordsDigitised", "recordsDigitised", "int"],
          ]),
          rows: rows.map((r) => ({
            month: `${String(r.month.getUTCMonth() + 1).padStart(2, "0")}/${r.month.getUTCFullYear()}`,
            applicationsTotal: r.applicationsTotal,
            applicationsOnline: r.applicationsOnline,
            rate: r.rate ?? t("noData"),
            change: r.change ?? t("noData"),
            recordsDigitised: r.recordsDigitised,
          })),
        },
      };
    }
    case "households": {
      const query = HouseholdQuerySchema.parse(q);
      const rows = await allPages((page) => searchHouseholds(user, { ...query, page, size: 100 }));
      await audit(db, user, "export", "household", null, {
        table: name,
        q: query.q || null,
        village: query.village ?? null,
        family: query.family ?? null,
        visit: query.visit ?? null,
        rows: rows.length,
      });
      return {
        fileBase: "ho-gia-dinh",
        table: {
          sheet: t("households.sheet"),
          columns: columns(labels, [
            ["headName", "head", "text"],
            ["address", "address", "text"],
            ["villageName", "village", "text"],
            ["members", "members", "int"],
            ["familyStatus", "familyStatus", "text"],
            ["lastVisitOn", "lastVisit", "date"],
          ]),
          rows: rows.map((r) => ({
            headName: r.headName,
            address: r.address,
            villageName: r.villageName,
            members: r.members,
            familyStatus: labels.status((r.familyStatus ?? "none") as FamilyStatus | "none"),
            lastVisitOn: r.lastVisitOn ?? t("never"),
          })),
        },
      };
    }
    case "training": {
      const when = q.when === "past" ? "past" : "upcoming";
      const rows = await allPages(async (page) => {
        const res = await listEvents(user, { when, page });
        return { rows: res.rows, pages: res.pageCount };
      });
      return {
        fileBase: `lop-hoc-${when}`,
        table: {
          sheet: t("training.sheet"),
          columns: columns(labels, [
            ["startsAt", "startsAt", "text"],
            ["title", "class", "text"],
            ["topic", "topic", "text"],
            ["place", "place", "text"],
            ["registrations", "registrations", "int"],
            ["capacity", "capacity", "int"],
            ["attended", "attended", "int"],
            ["status", "status", "text"],
            ["partner", "partner", "text"],
          ]),
          rows: rows.map((r) => ({
            startsAt: exportDateTime(r.startsAt),
            title: r.title,
            topic: labels.locale === "vi" ? r.topic.nameVi : r.topic.nameEn,
            place: r.place,
            registrations: r._count.registrations,
            capacity: r.capacity,
            attended: r._count.attendances,
            status: labels.tr(`training.statuses.${r.status}`),
            partner: r.communeId === user.communeId ? t("no") : t("yes"),
          })),
        },
      };
    }
    case "audit": {
      let filters: Record<string, unknown> = {};
      const rows = await allPages(async (page) => {
        const res = await listAuditLog(user, { ...q, page });
        filters = {
          actor: res.query.actor,
          entity: res.query.entity,
          action: res.query.action,
          from: res.query.from,
          to: res.query.to,
        };
        return res;
      });
      await audit(db, user, "export", "audit_log", null, { table: name, ...filters, rows: rows.length });
      return {
        fileBase: "nhat-ky",
        table: {
          sheet: t("audit.sheet"),
          columns: columns(labels, [
            ["at", "at", "text"],
            ["actor", "actor", "text"],
            ["action", "action", "text"],
            ["record", "record", "text"],
            ["changes", "changes", "text"],
            ["details", "details", "text"],
            ["ip", "ip", "text"],
          ]),
          rows: rows.map((r) => ({
            at: exportDateTime(r.at),
            actor: r.actor?.name ?? labels.tr("auditLog.system"),
            action: r.action,
            record: `${r.entity} ${r.entityId ?? ""}`.trim(),
            changes: r.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
            details: r.details,
            ip: r.ip ?? "",
          })),
        },
      };
    }
  }
}
