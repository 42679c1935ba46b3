// The portal's tables as files. Each export calls the same lib function as its screen (so the
// numbers are the screen's), with the screen's filters, sort and period, and every row instead of
// one page: paged list functions take `{ all: true }` (never from the URL) and return every row in
// one query, up to EXPORT_MAX_ROWS. Exports that name people (households, volunteers, visits,
// users, erasure requests, outgoing messages, the audit log, a class's roster, a campaign's
// volunteers and walk lists) are written to the audit log.
import { audit } from "@/lib/audit/log";
import { getCampaignSummary, listCampaigns } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import { getCriteriaSettings } from "@/lib/families/criteria";
import { listOutbox } from "@/lib/outbox/queries";
import { listErasureRequests } from "@/lib/privacy/erasure";
import { getAdminOverview } from "@/lib/users/admin";
import { listUsers } from "@/lib/users/manage";
import { listMyVisits } from "@/lib/visits/queries";
import { getCommuneComparison, COMPARISON_KEYS, isComparisonRate, parseComparisonSort } from "@/lib/city/queries";
import { listAuditLog } from "@/lib/audit/queries";
import { listFigures } from "@/lib/figures/queries";
import { HouseholdQuerySchema, searchHouseholds } from "@/lib/households/search";
import { parsePeriod, type DateRange } from "@/lib/indicators/period";
import { getOfficialDashboard, type Figure, type SkillFigure } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS } from "@/lib/indicators/registry";
import { getEventRoster, listEvents } from "@/lib/training/queries";
import { listTopics } from "@/lib/training/topics";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { EXPORT_CAPABILITY, EXPORT_TABLES, type ExportTableName } from "@/lib/drilldown/export-tables";
import { listMyBranchVolunteers } from "@/lib/branches/queries";
import { db } from "@/lib/db";
import { parseDateRange, periodParams } from "@/lib/drilldown/period";
import {
  BranchQuerySchema,
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
import { EXPORT_MAX_ROWS } from "@/lib/exports/rows";
import type { ExportColumn, ExportKind, ExportRow, ExportTable } from "@/lib/exports/table";
import { daysBetween, todayInVietnam, vietnamClock } from "@/lib/format/dates";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";
import { toDbId } from "@/lib/validation/db-id";

export { EXPORT_CAPABILITY, EXPORT_ROLES, EXPORT_TABLES, type ExportTableName } from "@/lib/drilldown/export-tables";

/** The tables of a campaign's summary page, each its own file (?part=; villages when none is named). */
export const CAMPAIGN_SUMMARY_PARTS = ["skills", "villages", "volunteers", "walk-lists"] as const;
export type CampaignSummaryPart = (typeof CAMPAIGN_SUMMARY_PARTS)[number];
/** The tables of the official's home and monthly report (?part=; the indicators when none is named). */
export const INDICATOR_PARTS = ["figures", "topics"] as const;
/** The tables of the admin's home page (?part=; villages when none is named). */
export const ADMIN_OVERVIEW_PARTS = ["villages", "branches"] as const;

/** The table ?part= names, or `fallback` when it names none of `parts`. */
function partOf<T extends string>(parts: readonly T[], value: string | undefined, fallback: T): T {
  return parts.find((p) => p === value) ?? fallback;
}

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

const stamp = (p: DateRange) => `${periodParams(p).from}_${periodParams(p).to}`;

/** The most rows a file may hold: the list functions' cap on `{ all: true }`. */
export { EXPORT_MAX_ROWS };

/** A file of one sheet: `sheet` names its title's message (in "drilldown"), `cols` its columns. */
function file(labels: ExportLabels, fileBase: string, sheet: string, cols: Col[], rows: ExportRow[]): BuiltExport {
  return { fileBase, table: { sheet: labels.t(sheet), columns: columns(labels, cols), rows } };
}

/** Writes an export that names people to the audit log: which table, its filters, how many rows. */
async function auditExport(
  user: CurrentUser,
  entity: string,
  table: ExportTableName,
  rows: number,
  filters: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, user, "export", entity, null, { table, ...filters, rows });
}

/** The outbox's message kinds with a name of their own (others are "other"), as on its screen. */
const OUTBOX_KINDS = ["registration_confirmed", "registration_promoted", "class_reminder", "class_cancelled"] as const;

/** A moment as Vietnam's wall-clock time, "dd/mm/yyyy hh:mm" (the screen shows the same). */
export function exportDateTime(at: Date): string {
  const v = vietnamClock(at);
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
  requireCan(user, EXPORT_CAPABILITY[name]);
  const q = get(params);
  const period = parseDateRange(q, now);
  const t = labels.t;
  switch (name) {
    case "villages": {
      const data = await listVillageStats(user, { period, ...VillageQuerySchema.parse(q) }, now);
      return file(
        labels,
        `thon-${stamp(period)}`,
        "villages.sheet",
        [
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
        ],
        data.rows,
      );
    }
    case "village-households": {
      const villageId = Number(q.village);
      const data = await listVillageHouseholds(user, villageId, {
        period,
        ...VillageHouseholdQuerySchema.parse(q),
        paging: "all",
      });
      if (!data) return null;
      await auditExport(user, "household", name, data.rows.length, { village: data.village.id });
      return file(
        labels,
        `ho-thon-${data.village.id}-${stamp(period)}`,
        "village.sheet",
        [
          ["headName", "head", "text"],
          ["address", "address", "text"],
          ["members", "members", "int"],
          ["familyStatus", "familyStatus", "text"],
          ["visits", "visits", "int"],
          ["lastVisitOn", "lastVisit", "date"],
        ],
        householdRows(data.rows, labels, todayInVietnam(now)),
      );
    }
    case "unvisited": {
      const query = UnvisitedQuerySchema.parse(q);
      const data = await listUnvisitedHouseholds(user, { period, ...query, paging: "all" }, now);
      if (!data) return null;
      await auditExport(user, "household", name, data.rows.length, { village: data.village?.id ?? null });
      return file(
        labels,
        `ho-chua-den${data.village ? `-thon-${data.village.id}` : ""}`,
        "unvisited.sheet",
        [
          ["headName", "head", "text"],
          ["address", "address", "text"],
          ["villageName", "village", "text"],
          ["members", "members", "int"],
          ["familyStatus", "familyStatus", "text"],
          ["lastVisitOn", "lastVisit", "date"],
          ["daysSince", "daysSince", "int"],
        ],
        householdRows(data.rows, labels, todayInVietnam(now)),
      );
    }
    case "branches": {
      const data = await listBranchStats(user, { period, ...BranchQuerySchema.parse(q) });
      return file(
        labels,
        `chi-doan-${stamp(period)}`,
        "branches.sheet",
        [
          ["name", "branch", "text"],
          ["villageName", "branchVillage", "text"],
          ["target", "target", "int"],
          ["adopted", "adopted", "int"],
          ["certified", "certified", "int"],
          ["met", "met", "text"],
          ["volunteers", "volunteers", "int"],
          ["visits", "visits", "int"],
        ],
        data.rows.map((r) => ({
          ...r,
          villageName: r.villageName ?? t("branches.noVillage"),
          met: r.met ? t("branches.metExport") : t("branches.notMetExport"),
        })),
      );
    }
    case "branch-volunteers": {
      const data = await listMyBranchVolunteers(user, now);
      if (!data) return null;
      await auditExport(user, "volunteer", name, data.rows.length, { branch: data.branch.id });
      return file(
        labels,
        `doan-vien-chi-doan-${data.branch.id}-${periodParams(data.month).from.slice(0, 7)}`,
        "columns.volunteers",
        [
          ["name", "name", "text"],
          ["isLeader", "isLeader", "text"],
          ["assigned", "assigned", "int"],
          ["visits", "monthVisits", "int"],
          ["households", "monthHouseholds", "int"],
          ["lastVisitOn", "lastVisit", "date"],
        ],
        data.rows.map((r) => ({ ...r, isLeader: r.isLeader ? t("yes") : t("no") })),
      );
    }
    case "indicators": {
      const today = todayInVietnam(now);
      const { period: p } = parsePeriod(q, today);
      const d = await getOfficialDashboard(user, p, today);
      const iso = (x: Date) => x.toISOString().slice(0, 10);
      if (partOf(INDICATOR_PARTS, q.part, "figures") === "topics")
        // Classes by topic, as the report's table: held classes, confirmed registrations, people
        // trained, and the attendance rate (attended ÷ confirmed registrations of held classes).
        return file(
          labels,
          `lop-theo-chu-de-${iso(p.from)}_${iso(p.to)}`,
          "indicators.topicsSheet",
          [
            ["topic", "topic", "text"],
            ["classes", "classes", "int"],
            ["registrations", "registrations", "int"],
            ["trained", "trained", "int"],
            ["rate", "attendanceRate", "percent"],
          ],
          d.charts.topics.map((r) => ({
            topic: labels.locale === "vi" ? r.nameVi : r.nameEn,
            classes: r.classes,
            registrations: r.registrations,
            trained: r.trained,
            rate: r.heldRegistrations > 0 ? r.attendedRegistrations / r.heldRegistrations : null,
          })),
        );
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
      return file(
        labels,
        `chi-tieu-${iso(p.from)}_${iso(p.to)}`,
        "indicators.sheet",
        [
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
        ],
        rows,
      );
    }
    case "city-communes": {
      const sort = parseComparisonSort(q.sort) ?? "participants";
      const data = await getCommuneComparison(user, sort, todayInVietnam(now));
      const cols: Col[] = [["name", "commune", "text"]];
      for (const key of COMPARISON_KEYS) {
        cols.push([key, `city.${key}`, isComparisonRate(key) ? "percent" : "int"]);
        cols.push([`${key}Rank`, `city.${key}Rank`, "int"]);
      }
      return file(
        labels,
        `so-sanh-xa-${sort}`,
        "city.sheet",
        cols,
        data.map((r) => {
          const row: ExportRow = { name: r.name };
          for (const key of COMPARISON_KEYS) {
            row[key] = r.values[key] ?? t("noData");
            row[`${key}Rank`] = r.ranks[key];
          }
          return row;
        }),
      );
    }
    case "contests": {
      const rows = await listContests(user);
      return file(
        labels,
        "cuoc-thi",
        "contests.sheet",
        [
          ["name", "contest", "text"],
          ["startsOn", "startsOn", "date"],
          ["endsOn", "endsOn", "date"],
          ["participants", "participants", "int"],
          ["visits", "contestVisits", "int"],
          ["villagesEntered", "villagesEntered", "int"],
        ],
        rows.map((r) => ({
          name: r.name,
          startsOn: r.startsOn,
          endsOn: r.endsOn,
          participants: r.participants ?? t("noData"),
          visits: r.visits ?? t("noData"),
          villagesEntered: r.villagesEntered,
        })),
      );
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
      return file(
        labels,
        `cuoc-thi-${grid.contest.id}`,
        "contests.resultsSheet",
        [
          ["village", "village", "text"],
          ["participants", "participants", "int"],
          ["visits", "contestVisits", "int"],
        ],
        rows,
      );
    }
    case "figures": {
      const rows = await listFigures(user);
      return file(
        labels,
        `so-lieu-thang-${rows.at(-1)?.key ?? ""}_${rows[0]?.key ?? ""}`,
        "figures.sheet",
        [
          ["month", "month", "text"],
          ["applicationsTotal", "applicationsTotal", "int"],
          ["applicationsOnline", "applicationsOnline", "int"],
          ["rate", "onlineRate", "percent"],
          ["change", "rateChange", "percent"],
          ["recordsDigitised", "recordsDigitised", "int"],
        ],
        rows.map((r) => ({
          month: `${String(r.month.getUTCMonth() + 1).padStart(2, "0")}/${r.month.getUTCFullYear()}`,
          applicationsTotal: r.applicationsTotal,
          applicationsOnline: r.applicationsOnline,
          rate: r.rate ?? t("noData"),
          change: r.change ?? t("noData"),
          recordsDigitised: r.recordsDigitised,
        })),
      );
    }
    case "households": {
      const query = HouseholdQuerySchema.parse(q);
      const { rows } = await searchHouseholds(user, query, { all: true });
      await auditExport(user, "household", name, rows.length, {
        q: query.q || null,
        village: query.village ?? null,
        family: query.family ?? null,
        visit: query.visit ?? null,
      });
      return file(
        labels,
        "ho-gia-dinh",
        "households.sheet",
        [
          ["headName", "head", "text"],
          ["address", "address", "text"],
          ["villageName", "village", "text"],
          ["members", "members", "int"],
          ["familyStatus", "familyStatus", "text"],
          ["lastVisitOn", "lastVisit", "date"],
        ],
        rows.map((r) => ({
          headName: r.headName,
          address: r.address,
          villageName: r.villageName,
          members: r.members,
          familyStatus: labels.status((r.familyStatus ?? "none") as FamilyStatus | "none"),
          lastVisitOn: r.lastVisitOn ?? t("never"),
        })),
      );
    }
    case "training": {
      const when = q.when === "past" ? "past" : "upcoming";
      const { rows } = await listEvents(user, { when }, { all: true });
      return file(
        labels,
        `lop-hoc-${when}`,
        "training.sheet",
        [
          ["startsAt", "startsAt", "text"],
          ["title", "class", "text"],
          ["topic", "topic", "text"],
          ["place", "place", "text"],
          ["registrations", "registrations", "int"],
          ["capacity", "capacity", "int"],
          ["attended", "attended", "int"],
          ["status", "status", "text"],
          ["partner", "partner", "text"],
        ],
        rows.map((r) => ({
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
      );
    }
    case "audit": {
      const { rows, query } = await listAuditLog(user, q, { all: true });
      const { actor, entity, action, from, to } = query;
      await auditExport(user, "audit_log", name, rows.length, { actor, entity, action, from, to });
      return file(
        labels,
        "nhat-ky",
        "audit.sheet",
        [
          ["at", "at", "text"],
          ["actor", "actor", "text"],
          ["action", "action", "text"],
          ["record", "record", "text"],
          ["changes", "changes", "text"],
          ["details", "details", "text"],
          ["ip", "ip", "text"],
        ],
        rows.map((r) => ({
          at: exportDateTime(r.at),
          actor: r.actor?.name ?? labels.tr("auditLog.system"),
          action: r.action,
          record: `${r.entity} ${r.entityId ?? ""}`.trim(),
          changes: r.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
          details: r.details,
          ip: r.ip ?? "",
        })),
      );
    }
    case "campaigns": {
      // Upcoming first (soonest first), then past ones (newest first), as the screen lists them.
      const data = await listCampaigns(user, { now }, { all: true });
      const none = labels.tr("campaigns.none");
      const row = (timing: string) => (c: (typeof data.upcoming)[number]) => ({
        timing,
        name: c.name,
        kind: labels.tr(`campaigns.kind.${c.kind}`),
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        villages: c.villages.join(", ") || none,
        branches: c.branches.join(", ") || none,
        walkLists: c.walkLists,
      });
      return file(
        labels,
        "dot-ra-quan",
        "campaigns.sheet",
        [
          ["timing", "timing", "text"],
          ["name", "campaign", "text"],
          ["kind", "campaignKind", "text"],
          ["startsOn", "startsOn", "date"],
          ["endsOn", "endsOn", "date"],
          ["villages", "campaignVillages", "text"],
          ["branches", "campaignBranches", "text"],
          ["walkLists", "walkLists", "int"],
        ],
        [...data.upcoming.map(row(labels.tr("campaigns.upcoming"))), ...data.past.map(row(labels.tr("campaigns.past")))],
      );
    }
    case "visits": {
      // The screen's own filter: ?household= narrows to one household.
      const householdId = toDbId(q.household) ?? undefined;
      const { rows } = await listMyVisits(user, { householdId, now }, { all: true });
      await auditExport(user, "visit", name, rows.length, { household: householdId ?? null });
      return file(
        labels,
        householdId ? `luot-ho-tro-ho-${householdId}` : "luot-ho-tro",
        "visits.sheet",
        [
          ["visitedOn", "visitedOn", "date"],
          ["headName", "head", "text"],
          ["outcome", "outcome", "text"],
          ["items", "items", "int"],
        ],
        rows.map((r) => ({
          visitedOn: r.visitedOn,
          headName: r.headName,
          outcome: labels.tr(`visits.outcomes.${r.outcome}`),
          items: r.items,
        })),
      );
    }
    case "users": {
      const { rows, query } = await listUsers(user, q, { all: true });
      await auditExport(user, "user", name, rows.length, { q: query.q || null });
      return file(
        labels,
        "nguoi-dung",
        "users.sheet",
        [
          ["name", "name", "text"],
          ["login", "login", "text"],
          ["role", "role", "text"],
          ["status", "status", "text"],
          ["lastLogin", "lastLogin", "text"],
        ],
        rows.map((r) => ({
          name: r.name,
          login: r.username ?? r.phone ?? r.unverifiedPhone ?? "",
          role: labels.tr(`roles.${r.role}`),
          status: labels.tr(r.active ? "adminUsers.active" : "adminUsers.inactive"),
          lastLogin: r.lastLoginAt ? exportDateTime(r.lastLoginAt) : labels.tr("adminUsers.never"),
        })),
      );
    }
    case "erasure": {
      const { status, rows } = await listErasureRequests(user, q.status, { all: true });
      await auditExport(user, "erasure_request", name, rows.length, { status });
      return file(
        labels,
        `yeu-cau-xoa-${status}`,
        "erasure.sheet",
        [
          ["person", "person", "text"],
          ["phone", "phone", "text"],
          ["status", "status", "text"],
          ["requestedAt", "requestedAt", "text"],
          ["reason", "reason", "text"],
          ["handledAt", "handledAt", "text"],
          ["handledBy", "handledBy", "text"],
          ["rejectionReason", "rejectionReason", "text"],
        ],
        rows.map((r) => ({
          person: r.user?.name ?? "",
          phone: r.user?.phone ?? "",
          status: labels.tr(`erasureAdmin.status.${r.status}`),
          requestedAt: exportDateTime(r.requestedAt),
          reason: r.reason || labels.tr("erasureAdmin.noReason"),
          handledAt: r.handledAt ? exportDateTime(r.handledAt) : "",
          handledBy: r.handledBy?.name ?? "",
          rejectionReason: r.rejectionReason ?? "",
        })),
      );
    }
    case "outbox": {
      const { status, rows } = await listOutbox(user, { status: q.status }, { all: true });
      // Message texts name the people they went to (phone numbers stay masked as on the screen).
      await auditExport(user, "outbox_message", name, rows.length, { status });
      return file(
        labels,
        status ? `tin-nhan-di-${status}` : "tin-nhan-di",
        "outbox.sheet",
        [
          ["createdAt", "createdAt", "text"],
          ["status", "status", "text"],
          ["kind", "messageKind", "text"],
          ["channel", "channel", "text"],
          ["recipient", "recipient", "text"],
          ["body", "body", "text"],
          ["attempts", "attempts", "int"],
          ["lastError", "lastError", "text"],
        ],
        rows.map((r) => ({
          createdAt: exportDateTime(r.createdAt),
          status: labels.tr(`outbox.statuses.${r.status}`),
          kind: labels.tr(`outbox.kinds.${(OUTBOX_KINDS as readonly string[]).includes(r.kind) ? r.kind : "other"}`),
          channel: r.channel,
          recipient: r.recipient,
          body: r.body,
          attempts: r.attempts,
          lastError: r.lastError ?? "",
        })),
      );
    }
    case "training-roster": {
      // The class page's registrations (confirmed, waiting list, cancelled, in its order) and walk-ins.
      const ev = await getEventRoster(user, Number(q.event));
      if (!ev) return null;
      const present = labels.tr("trainingDetail.present");
      const absent = labels.tr("trainingDetail.absent");
      const rows: ExportRow[] = [
        ...ev.registrations.map((r) => ({
          status: labels.tr(`trainingExport.statuses.${r.status}`),
          name: r.fullName,
          phone: r.phone,
          code: r.code,
          attended: r.attendance?.attended ? present : absent,
          markedAt: r.attendance?.attended ? exportDateTime(r.attendance.markedAt) : "",
        })),
        ...ev.attendances.map((a) => ({
          status: labels.tr("trainingExport.walkIn"),
          name: a.fullName,
          phone: "",
          code: "",
          attended: a.attended ? present : absent,
          markedAt: exportDateTime(a.markedAt),
        })),
      ];
      await auditExport(user, "training_event", name, rows.length, { event: ev.id });
      return file(
        labels,
        `danh-sach-lop-${ev.id}`,
        "trainingRoster.sheet",
        [
          ["status", "registrationStatus", "text"],
          ["name", "name", "text"],
          ["phone", "phone", "text"],
          ["code", "registrationCode", "text"],
          ["attended", "attended", "text"],
          ["markedAt", "markedAt", "text"],
        ],
        rows,
      );
    }
    case "training-topics": {
      const { topics } = await listTopics(user);
      const local = (x: { nameVi: string; nameEn: string }) => (labels.locale === "vi" ? x.nameVi : x.nameEn);
      return file(
        labels,
        "chu-de-lop",
        "trainingTopics.sheet",
        [
          ["nameVi", "topicVi", "text"],
          ["nameEn", "topicEn", "text"],
          ["skill", "topicSkill", "text"],
          ["active", "inUse", "text"],
        ],
        topics.map((r) => ({
          nameVi: r.nameVi,
          nameEn: r.nameEn,
          skill: r.skill ? local(r.skill) : labels.tr("trainingTopics.noSkill"),
          active: r.active ? t("yes") : t("no"),
        })),
      );
    }
    case "campaign-summary": {
      communeOf(user); // a user without a commune is refused, whatever the id names
      const id = parseCampaignId(q.campaign);
      if (id === null) return null;
      const s = await getCampaignSummary(user, id, now);
      if (!s) return null;
      const part = partOf(CAMPAIGN_SUMMARY_PARTS, q.part, "villages");
      const base = `dot-ra-quan-${id}-${part}`;
      const hours = (seconds: number) => Math.round(seconds / 360) / 10;
      switch (part) {
        case "skills":
          return file(
            labels,
            base,
            "campaignSummary.skillsSheet",
            [
              ["skill", "skill", "text"],
              ["items", "items", "int"],
            ],
            s.done.map((r) => ({ skill: labels.locale === "vi" ? r.nameVi : r.nameEn, items: r.items })),
          );
        case "villages":
          return file(
            labels,
            base,
            "campaignSummary.villagesSheet",
            [
              ["name", "village", "text"],
              ["planned", "planned", "int"],
              ["reached", "reached", "int"],
              ["visits", "campaignVisits", "int"],
              ["items", "items", "int"],
            ],
            s.villages,
          );
        case "volunteers":
          await auditExport(user, "campaign", name, s.volunteers.length, { campaign: id, part });
          return file(
            labels,
            base,
            "campaignSummary.volunteersSheet",
            [
              ["name", "name", "text"],
              ["branch", "branch", "text"],
              ["shifts", "shifts", "int"],
              ["hours", "hours", "decimal"],
              ["status", "shiftStatus", "text"],
            ],
            s.volunteers.map((r) => ({
              name: r.name,
              branch: r.branch ?? "",
              shifts: r.shifts,
              hours: hours(r.seconds),
              status: labels.tr(r.out ? "campaignSummary.out" : "campaignSummary.finished"),
            })),
          );
        case "walk-lists":
          await auditExport(user, "campaign", name, s.walkLists.length, { campaign: id, part });
          return file(
            labels,
            base,
            "campaignSummary.walkListsSheet",
            [
              ["name", "walkList", "text"],
              ["volunteers", "walkListVolunteers", "text"],
              ["stops", "stops", "int"],
            ],
            s.walkLists,
          );
      }
      return null;
    }
    case "admin-overview": {
      const o = await getAdminOverview(user);
      if (partOf(ADMIN_OVERVIEW_PARTS, q.part, "villages") === "branches")
        return file(
          labels,
          "chi-doan-cua-xa",
          "adminOverview.branchesSheet",
          [
            ["name", "branch", "text"],
            ["volunteers", "volunteers", "int"],
            ["adopted", "adopted", "int"],
            ["target", "target", "int"],
          ],
          o.branches,
        );
      return file(
        labels,
        "thon-cua-xa",
        "adminOverview.villagesSheet",
        [
          ["name", "village", "text"],
          ["households", "households", "int"],
        ],
        o.villages,
      );
    }
    case "criteria": {
      const { criteria } = await getCriteriaSettings(user);
      return file(
        labels,
        "tieu-chi-gia-dinh-so",
        "criteria.sheet",
        [
          ["level", "level", "text"],
          ["skill", "skill", "text"],
          ["skillKey", "skillKey", "text"],
          ["rule", "rule", "text"],
          ["skillActive", "skillActive", "text"],
        ],
        criteria.map((c) => ({
          level: labels.tr(`families.criteria.level.${c.level}`),
          skill: labels.locale === "vi" ? c.skill.nameVi : c.skill.nameEn,
          skillKey: c.skill.key,
          rule: labels.tr(`families.criteria.rule.${c.rule}`),
          skillActive: c.skill.active ? t("yes") : t("no"),
        })),
      );
    }
  }
}
