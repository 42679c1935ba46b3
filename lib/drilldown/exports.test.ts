// The exports of the official's indicators, the city's comparison, the monthly figures, the
// households list, the classes, the audit log, the campaigns, one's own visits and the admin's
// users, erasure requests, outbox and criteria, a class's roster, the class topics, a campaign's
// summary tables and the admin's home tables: each file holds the numbers of its screen's lib
// function (read back from the real CSV and XLSX bytes), is refused to the roles its screen
// refuses, stays inside the user's commune, and is audited when it names people.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalHash } from "@/lib/audit/personal";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { listAuditLog } from "@/lib/audit/queries";
import { getCommuneComparison } from "@/lib/city/queries";
import {
  buildDrilldownExport,
  EXPORT_ROLES,
  EXPORT_TABLES,
  type ExportLabels,
  type ExportTableName,
} from "@/lib/drilldown/exports";
import { exportDateTime, exportPoints, toCsv, toXlsx, type ExportTable } from "@/lib/exports/table";
import { makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { listFigures, monthsAgo } from "@/lib/figures/queries";
import { todayInVietnam } from "@/lib/format/dates";
import { searchHouseholds } from "@/lib/households/search";
import { loadMessages } from "@/lib/i18n/messages";
import { parsePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { INDICATOR_KEYS } from "@/lib/indicators/registry";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { currentUserOf } from "@/lib/testing/users";
import { getEventRoster, listEvents } from "@/lib/training/queries";
import { listTopics } from "@/lib/training/topics";
import { getAdminOverview } from "@/lib/users/admin";
import { getCampaignSummary, listCampaigns } from "@/lib/campaigns/queries";
import { getCriteriaSettings } from "@/lib/families/criteria";
import { listOutbox } from "@/lib/outbox/queries";
import { listErasureRequests } from "@/lib/privacy/erasure";
import { listUsers } from "@/lib/users/manage";
import { listMyVisits } from "@/lib/visits/queries";

let t: TestDatabase;
let A: Commune;
let B: Commune;
let officialA: CurrentUser;
let officialB: CurrentUser;
let city: CurrentUser;
let labels: ExportLabels;
let villageA: number;
let contestId: number;
const NOW = new Date();
const TODAY = todayInVietnam(NOW);
const EXTRA_HOUSEHOLDS = 105; // more than one page of the list (100 rows at most)

/** The roles each screen admits, spelled out here so that a change to EXPORT_ROLES fails a test. */
const SCREEN_ROLES: Record<string, readonly Role[]> = {
  indicators: ["official", "admin"],
  "city-communes": ["city"],
  figures: ["official", "admin"],
  households: ["admin", "official", "branch_leader"],
  training: ["official", "admin"],
  audit: ["admin"],
  contests: ["official", "admin"],
  "contest-results": ["official", "admin"],
  campaigns: ["official", "admin", "branch_leader", "volunteer"],
  visits: ["volunteer", "branch_leader", "admin"],
  users: ["admin"],
  erasure: ["admin"],
  outbox: ["admin"],
  criteria: ["admin"],
  "training-roster": ["official", "admin"],
  "training-topics": ["official", "admin"],
  "campaign-summary": ["official", "admin", "branch_leader", "volunteer"],
  "admin-overview": ["admin"],
};
const NEW_TABLES = Object.keys(SCREEN_ROLES) as ExportTableName[];

async function build(user: CurrentUser, name: ExportTableName, query = "") {
  const built = await buildDrilldownExport(user, name, new URLSearchParams(query), labels, NOW);
  expect(built).not.toBeNull();
  return built!;
}

/** The XLSX file's rows as the spreadsheet reads them (header first). */
async function xlsxRows(table: ExportTable): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The XLSX file's first sheet, to read cells' types and formats. */
async function xlsxSheet(table: ExportTable): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** A rate's change as the sheet holds it: in points, one decimal. */
const points = (change: number | null) => (change === null ? null : Math.round(change * 1000) / 10);

/** The CSV file's lines split into fields (quoted fields unquoted; no field here holds a line break). */
function csvRows(table: ExportTable): string[][] {
  const csv = toCsv(table);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return csv
    .slice(1)
    .trimEnd()
    .split("\r\n")
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"')),
    );
}

const auditCount = (where: { entity: string; actorId: number }) => t.db.auditLog.count({ where: { action: "export", ...where } });

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const messages = await loadMessages("vi");
  const drill = createTranslator({ locale: "vi", messages, namespace: "drilldown" });
  const all = createTranslator({ locale: "vi", messages });
  labels = {
    t: drill as unknown as ExportLabels["t"],
    tr: all as unknown as ExportLabels["tr"],
    status: (s) => all(`familyStatus.${s}` as never),
    locale: "vi",
  };
  A = await makeCommune(db, "xa", 3);
  B = await makeCommune(db, "xb", 2);
  villageA = (await db.village.findFirstOrThrow({ where: { communeId: A.id } })).id;
  const official = async (c: Commune, code: string) =>
    currentUserOf(
      await db.user.create({
        data: { communeId: c.id, username: `${code}-official`, name: `Cán bộ ${code}`, role: "official", passwordHash: "x" },
      }),
    );
  officialA = await official(A, "xa");
  officialB = await official(B, "xb");
  city = currentUserOf(
    await db.user.create({ data: { communeId: null, username: "city", name: "Thành phố", role: "city", passwordHash: "x" } }),
  );

  // More households than one page of the list, so the file must hold every page.
  await db.household.createMany({
    data: Array.from({ length: EXTRA_HOUSEHOLDS }, (_, i) => ({
      communeId: A.id,
      villageId: villageA,
      headName: `Hộ thêm ${String(i).padStart(3, "0")}`,
      address: `Ngõ ${i}`,
    })),
  });
  // Visits this month and last month; a family certified.
  const visit = (householdId: number, daysAgo: number) =>
    db.visit.create({
      data: {
        communeId: A.id,
        householdId,
        volunteerId: A.volunteer.id,
        visitedOn: new Date(TODAY.getTime() - daysAgo * 86_400_000),
        outcome: "done",
        idempotencyKey: randomUUID(),
      },
    });
  await visit(A.households[0]!, 0);
  await visit(A.households[1]!, 0);
  await visit(A.households[1]!, 40);
  await db.household.updateMany({ where: { id: { in: [A.households[0]!, A.households[1]!] } }, data: { lastVisitOn: TODAY } });
  await db.digitalFamily.create({
    data: {
      communeId: A.id,
      householdId: A.households[0]!,
      status: "digital",
      enrolledOn: monthsAgo(2),
      digitalOn: monthsAgo(1),
    },
  });
  await db.youthBranch.update({ where: { id: A.branches[0] }, data: { targetFamilies: 4 } });
  await db.youthBranch.update({ where: { id: A.branches[1] }, data: { targetFamilies: 3 } });
  // Monthly figures: this month and the two before (one with no application filed); B's are its own.
  const fig = (communeId: number, back: number, total: number, online: number) =>
    db.adminFigure.create({
      data: {
        communeId,
        month: monthsAgo(back, TODAY),
        applicationsTotal: total,
        applicationsOnline: online,
        recordsDigitised: back,
      },
    });
  await fig(A.id, 0, 200, 120);
  await fig(A.id, 1, 100, 40);
  await fig(A.id, 2, 0, 0);
  await fig(B.id, 0, 999, 1);
  // Classes: one past, one upcoming (A's), one of B's.
  const topic = async (c: Commune) =>
    (await db.trainingTopic.create({ data: { communeId: c.id, key: "vneid-x", nameVi: "Cài VNeID", nameEn: "VNeID setup" } })).id;
  const [topicA, topicB] = [await topic(A), await topic(B)];
  const event = (communeId: number, topicId: number, title: string, startsAt: Date, status: "held" | "scheduled") =>
    db.trainingEvent.create({
      data: {
        communeId,
        topicId,
        title,
        audience: "residents",
        place: "Nhà văn hoá",
        organiser: "Đoàn xã",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        capacity: 30,
        status,
      },
    });
  const past = await event(A.id, topicA, "Lớp đã học", new Date(NOW.getTime() - 5 * 86_400_000), "held");
  await event(A.id, topicA, "Lớp sắp tới", new Date(NOW.getTime() + 5 * 86_400_000), "scheduled");
  await event(B.id, topicB, "Lớp của xã B", new Date(NOW.getTime() - 5 * 86_400_000), "held");
  await db.attendance.createMany({
    data: [
      { communeId: A.id, eventId: past.id, fullName: "Người A", attended: true },
      { communeId: A.id, eventId: past.id, fullName: "Người B", attended: false },
    ],
  });
  // Audit rows: A's admin reads a household; B's admin something of B's.
  await db.auditLog.createMany({
    data: [
      { communeId: A.id, actorId: A.admin.id, action: "view", entity: "household", entityId: String(A.households[0]) },
      {
        communeId: A.id,
        actorId: A.volunteer.id,
        action: "update",
        entity: "member",
        entityId: "1",
        before: { phone: "1" },
        after: { phone: "2" },
      },
      { communeId: B.id, actorId: B.admin.id, action: "view", entity: "household", entityId: String(B.households[0]) },
    ],
  });
  // A city contest: A enters two villages; B enters a commune-level total only.
  contestId = (
    await db.contest.create({
      data: { code: "cds-2026", name: "Công dân số 2026", startsOn: monthsAgo(2), endsOn: monthsAgo(1) },
    })
  ).id;
  const v1 = await db.village.findFirstOrThrow({ where: { communeId: A.id }, orderBy: { id: "asc" } });
  const v2 = await db.village.create({ data: { communeId: A.id, name: "Thôn Cuộc Thi", code: "cuoc-thi" } });
  await db.contestResult.createMany({
    data: [
      { contestId, communeId: A.id, villageId: v1.id, participants: 18_000, visits: 40_000 },
      { contestId, communeId: A.id, villageId: v2.id, participants: 625, visits: 1_000 },
      { contestId, communeId: B.id, villageId: null, participants: 7, visits: 9 },
    ],
  });
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

describe("the new export tables", () => {
  it("are listed in EXPORT_TABLES with the roles of their screens", () => {
    for (const name of NEW_TABLES) {
      expect(EXPORT_TABLES).toContain(name);
      expect([...EXPORT_ROLES[name]].sort(), name).toEqual([...SCREEN_ROLES[name]!].sort());
    }
  });

  it("each refuses every role its screen refuses, and commune roles without a commune", async () => {
    for (const name of NEW_TABLES) {
      for (const role of ROLES.filter((r) => !SCREEN_ROLES[name]!.includes(r))) {
        const user = someone(role, role === "city" ? null : A.id, A.admin.id);
        expect(await refused(buildDrilldownExport(user, name, new URLSearchParams(""), labels, NOW)), `${name} ${role}`).toBe(
          true,
        );
      }
      const allowed = SCREEN_ROLES[name]!.find((r) => r !== "city");
      if (allowed) {
        const user = someone(allowed, null, A.admin.id);
        expect(await refused(buildDrilldownExport(user, name, new URLSearchParams(""), labels, NOW)), `${name} no commune`).toBe(
          true,
        );
      }
    }
  });
});

describe("the official's indicators as a file", () => {
  it("holds the dashboard's figures for the chosen period, row by row", async () => {
    const from = new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const built = await build(officialA, "indicators", `from=${from}&to=${to}`);
    expect(built.fileBase).toBe(`chi-tieu-${from}_${to}`);
    const screen = await getOfficialDashboard(officialA, parsePeriod({ from, to }, TODAY).period, TODAY);
    const rows = await xlsxRows(built.table);
    // One header per column: the indicator is "Chỉ số" (as the report calls it), the target "Chỉ tiêu".
    expect(rows[0]).toEqual([
      "Chỉ số",
      "Kỹ năng",
      "Số liệu kỳ này",
      "Kỳ trước",
      "Thay đổi",
      "Tỷ lệ kỳ này",
      "Tỷ lệ kỳ trước",
      "Thay đổi tỷ lệ (điểm %)",
      "Tử số",
      "Mẫu số",
      "Chỉ tiêu",
      "Tính vào chỉ tiêu (do chi đoàn nhận đỡ đầu)",
    ]);
    expect(new Set(rows[0]).size).toBe(rows[0]!.length);
    const body = rows.slice(1);
    // Every indicator, in the registry's order; per-skill ones once per skill.
    const expectedLabels = INDICATOR_KEYS.flatMap((k) => {
      const label = labels.tr(`indicators.${k}.label`);
      if (k === "skill_adoption") return screen.skills.map(() => label);
      if (k === "business_adoption") return [label, ...screen.businessSkills.map(() => label)];
      return [label];
    });
    expect(body.map((r) => r[0])).toEqual(expectedLabels);
    const row = (key: (typeof INDICATOR_KEYS)[number]) => body[expectedLabels.indexOf(labels.tr(`indicators.${key}.label`))]!;
    // Counts: value, previous, change, target.
    const visits = screen.figures.visits;
    expect(visits.current.value).toBe(2);
    expect(row("visits").slice(2, 5)).toEqual([2, visits.previous.value, visits.change]);
    const certified = screen.figures.families_certified;
    expect(certified.current.value).toBe(1);
    expect(certified.target).toBe(7);
    expect(row("families_certified")[2]).toBe(1);
    expect(row("families_certified")[10]).toBe(7);
    // The family has no branch: it is certified, but toward no branch's target.
    expect(certified.towardTarget).toBe(0);
    expect(row("families_certified")[11]).toBe(0);
    // Rates: the ratio itself (formatted 0% in the sheet), its numerator and denominator.
    const reached = screen.figures.households_reached;
    expect(reached.current.denominator).toBe(3 + EXTRA_HOUSEHOLDS);
    expect(row("households_reached").slice(5, 10)).toEqual([
      reached.current.value,
      reached.previous.value,
      points(reached.change),
      reached.current.numerator,
      reached.current.denominator,
    ]);
    const online = screen.figures.online_rate;
    expect(online.current.value).toBe(0.6);
    expect(row("online_rate")[5]).toBe(0.6);
    // The CSV says the same, as the screen rounds it.
    const csv = csvRows(built.table);
    expect(csv.find((r) => r[0] === labels.tr("indicators.online_rate.label"))?.[5]).toBe("60%");
    // A rate's change is in percentage points, signed, with one decimal: "+1,6 điểm %", not "2%".
    const sheet = await xlsxSheet(built.table);
    const changeCol = sheet.getColumn(8);
    expect(changeCol.numFmt).toBe('+0.0 "điểm %";-0.0 "điểm %";0.0 "điểm %"');
    expect(exportPoints(0.016, "điểm %")).toBe("+1,6 điểm %");
    expect(exportPoints(-0.2, "điểm %")).toBe("-20,0 điểm %");
    expect(exportPoints(0, "điểm %")).toBe("0,0 điểm %");
    for (const key of ["households_reached", "online_rate"] as const) {
      const f = screen.figures[key];
      const line = csv.find((r) => r[0] === labels.tr(`indicators.${key}.label`))!;
      expect(line[7], key).toBe(f.change === null ? labels.t("noData") : exportPoints(f.change, "", "en"));
    }
    // Per-skill rows name their skill.
    expect(body.filter((r) => r[0] === labels.tr("indicators.skill_adoption.label")).map((r) => r[1])).toEqual(
      screen.skills.map((s) => s.nameVi),
    );
  });

  it("part=topics holds the report's classes by topic for the period, as the screen counts them", async () => {
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const from = iso(new Date(TODAY.getTime() - 30 * 86_400_000));
    const to = iso(TODAY);
    const built = await build(officialA, "indicators", `from=${from}&to=${to}&part=topics`);
    expect(built.fileBase).toBe(`lop-theo-chu-de-${from}_${to}`);
    const screen = await getOfficialDashboard(officialA, parsePeriod({ from, to }, TODAY).period, TODAY);
    const rows = await xlsxRows(built.table);
    expect(rows[0]).toEqual(["Chủ đề", "Số lớp", "Đăng ký đã xác nhận", "Người được tập huấn", "Tỷ lệ có mặt"]);
    // A's class of five days ago: held, no registration, one of two walk-ins present; B's not here.
    // (An empty cell, a rate with no confirmed registration, reads back as nothing.)
    const body = rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4] ?? null]);
    expect(body).toEqual([["Cài VNeID", 1, 0, 1, null]]);
    expect(body).toEqual(
      screen.charts.topics.map((t) => [
        t.nameVi,
        t.classes,
        t.registrations,
        t.trained,
        t.heldRegistrations > 0 ? t.attendedRegistrations / t.heldRegistrations : null,
      ]),
    );
    // An unknown part is the indicators table.
    expect((await xlsxRows((await build(officialA, "indicators", `part=nope`)).table))[0]![0]).toBe("Chỉ số");
  });

  it("is the user's own commune's: B's official gets B's figures", async () => {
    const built = await build(officialB, "indicators");
    const rows = await xlsxRows(built.table);
    const reached = rows.find((r) => r[0] === labels.tr("indicators.households_reached.label"))!;
    expect(reached.slice(8, 10)).toEqual([0, 2]);
  });
});

describe("the city's comparison as a file", () => {
  it("holds every commune's aggregates and ranks as the city's screen, in its order (CSV with BOM)", async () => {
    const built = await build(city, "city-communes", "sort=households");
    const screen = await getCommuneComparison(city, "households", TODAY);
    const rows = await xlsxRows(built.table);
    expect(rows[0]!.slice(0, 3)).toEqual(["Xã, phường", "Số hộ", "Hạng – Số hộ"]);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual(screen.map((c) => [c.name, c.values.households, c.ranks.households]));
    expect(rows[1]!.slice(0, 3)).toEqual(["Xã xa", 3 + EXTRA_HOUSEHOLDS, 1]);
    const csv = csvRows(built.table);
    expect(csv[1]!.slice(0, 5)).toEqual(["Xã xa", String(3 + EXTRA_HOUSEHOLDS), "1", "2", "1"]);
    // Aggregates only: no person's name anywhere.
    expect(toCsv(built.table)).not.toMatch(/Chủ hộ|Hộ thêm/);
  });
});

describe("the monthly figures as a file", () => {
  it("holds listFigures' rows (newest first, rate and change), the user's commune only", async () => {
    const built = await build(officialA, "figures");
    const screen = await listFigures(officialA);
    expect(screen).toHaveLength(3);
    const rows = await xlsxRows(built.table);
    expect(rows.slice(1)).toEqual(
      screen.map((f) => [
        `${String(f.month.getUTCMonth() + 1).padStart(2, "0")}/${f.month.getUTCFullYear()}`,
        f.applicationsTotal,
        f.applicationsOnline,
        f.rate ?? "Không có số liệu",
        points(f.change) ?? "Không có số liệu",
        f.recordsDigitised,
      ]),
    );
    expect(rows[1]!.slice(1, 4)).toEqual([200, 120, 0.6]);
    expect((await xlsxRows((await build(officialB, "figures")).table)).slice(1).map((r) => r[1])).toEqual([999]);
  });
});

describe("the households list as a file", () => {
  it("holds every page of the filtered list, in the screen's order, and is audited", async () => {
    const before = await auditCount({ entity: "household", actorId: officialA.id });
    const built = await build(officialA, "households", "sort=head&dir=desc");
    const screen = [
      ...(await searchHouseholds(officialA, { sort: "head", dir: "desc", size: 100, page: 1 })).rows,
      ...(await searchHouseholds(officialA, { sort: "head", dir: "desc", size: 100, page: 2 })).rows,
    ];
    expect(screen).toHaveLength(3 + EXTRA_HOUSEHOLDS);
    const rows = csvRows(built.table);
    expect(rows[0]).toEqual(["Chủ hộ", "Địa chỉ", "Thôn", "Số nhân khẩu", "Tình trạng gia đình số", "Lần hỗ trợ gần nhất"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(screen.map((r) => r.headName));
    expect(await auditCount({ entity: "household", actorId: officialA.id })).toBe(before + 1);
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "household", actorId: officialA.id },
      orderBy: { id: "desc" },
    });
    expect(log.details).toMatchObject({ table: "households", rows: 3 + EXTRA_HOUSEHOLDS });
  });

  it("keeps the search and filters", async () => {
    const built = await build(officialA, "households", "q=chu ho xa&visit=never");
    const screen = await searchHouseholds(officialA, { q: "chu ho xa", visit: "never", size: 100 });
    expect(screen.rows.map((r) => r.headName)).toEqual(["Chủ hộ xa 2"]);
    const rows = csvRows(built.table).slice(1);
    expect(rows.map((r) => r[0])).toEqual(["Chủ hộ xa 2"]);
    expect(rows[0]![5]).toBe("Chưa đến lần nào");
  });

  it("never holds another commune's households, whatever the filter names", async () => {
    const built = await build(officialB, "households", `village=${villageA}`);
    expect(built.table.rows).toEqual([]);
    const all = await build(officialB, "households");
    expect(all.table.rows.map((r) => r.headName)).toEqual(["Chủ hộ xb 0", "Chủ hộ xb 1"]);
  });
});

describe("the classes as a file", () => {
  it("holds listEvents' classes, past or upcoming, of the user's commune", async () => {
    const past = await build(officialA, "training", "when=past");
    const screen = await listEvents(officialA, { when: "past" });
    const rows = await xlsxRows(past.table);
    expect(rows.slice(1).map((r) => [r[1], r[4], r[6], r[7]])).toEqual(
      screen.rows.map((e) => [e.title, e._count.registrations, e._count.attendances, "Đã tổ chức"]),
    );
    expect(rows.slice(1).map((r) => r[1])).toEqual(["Lớp đã học"]);
    expect(rows[1]![6]).toBe(1);
    // The class's time is a date cell (Vietnam's wall clock, dd/mm/yyyy hh:mm), not text.
    const sheet = await xlsxSheet(past.table);
    const when = sheet.getCell("A2");
    expect(when.type).toBe(ExcelJS.ValueType.Date);
    expect(when.numFmt).toBe("dd/mm/yyyy hh:mm");
    const startsAt = screen.rows[0]!.startsAt;
    expect((when.value as Date).getTime()).toBe(startsAt.getTime() + 7 * 3_600_000);
    expect(csvRows(past.table)[1]![0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const upcoming = await build(officialA, "training");
    expect(upcoming.table.rows.map((r) => r.title)).toEqual(["Lớp sắp tới"]);
    expect((await build(officialB, "training", "when=past")).table.rows.map((r) => r.title)).toEqual(["Lớp của xã B"]);
  });
});

describe("the audit log as a file", () => {
  it("holds the filtered log of the admin's commune, and the export is itself audited", async () => {
    const admin = A.admin;
    const built = await build(admin, "audit", "entity=member");
    const screen = await listAuditLog(admin, { entity: "member" });
    expect(screen.rows).toHaveLength(1);
    const rows = csvRows(built.table);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4]])).toEqual([["volunteer xa", "update", "member 1", "phone: 1 → 2"]]);
    // Its time is Vietnam's wall clock: text in CSV, a date cell in XLSX.
    expect(rows[1]![0]).toBe(exportDateTime(screen.rows[0]!.at));
    const at = (await xlsxSheet(built.table)).getCell("A2");
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    expect((at.value as Date).getTime()).toBe(screen.rows[0]!.at.getTime() + 7 * 3_600_000);
    const exported = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "audit_log", actorId: admin.id },
      orderBy: { id: "desc" },
    });
    expect(exported.details).toMatchObject({ table: "audit", entity: "member", rows: 1 });
    expect(exported.communeId).toBe(A.id);
    // B's admin sees B's rows only.
    const other = await build(B.admin, "audit", "entity=household&action=view");
    expect(other.table.rows).toHaveLength(1);
    expect(other.table.rows[0]!.record).toBe(`household ${B.households[0]}`);
  });
});

describe("contest exports", () => {
  it("the contest list holds the user's commune's totals", async () => {
    const a = await build(officialA, "contests");
    const row = a.table.rows.find((r) => r.name === "Công dân số 2026")!;
    expect(row).toMatchObject({ participants: 18_625, visits: 41_000, villagesEntered: 2 });
    const b = await build(officialB, "contests");
    expect(b.table.rows.find((r) => r.name === "Công dân số 2026")).toMatchObject({ participants: 7, visits: 9 });
  });

  it("a contest's results hold every village of the commune, blank where not entered, and the total", async () => {
    const built = await build(officialA, "contest-results", `id=${contestId}`);
    const xlsx = await xlsxRows(built.table);
    const villages = await t.db.village.count({ where: { communeId: A.id } });
    expect(xlsx).toHaveLength(1 + villages + 1);
    expect(xlsx.at(-1)).toEqual(["Tổng cộng", 18_625, 41_000]);
    expect(xlsx.filter((r) => r[1] === 18_000 && r[2] === 40_000)).toHaveLength(1);
    // B's file holds B's villages and its commune-level row, never A's numbers.
    const b = csvRows((await build(officialB, "contest-results", `id=${contestId}`)).table);
    expect(b.at(-1)).toEqual(["Tổng cộng", "7", "9"]);
    expect(b.flat()).not.toContain("18000");
  });

  it("an unknown contest is not found", async () => {
    expect(await buildDrilldownExport(officialA, "contest-results", new URLSearchParams("id=999999"), labels, NOW)).toBeNull();
    expect(await buildDrilldownExport(officialA, "contest-results", new URLSearchParams("id=abc"), labels, NOW)).toBeNull();
  });
});

// The list screens' exports. Their data is made here, after the tests above have read theirs, so
// the figures they check are unchanged; each list holds more rows than one page of its screen.
describe("the list screens as files", () => {
  const LIST_EXTRA = 30; // more than a page of every list below (20 or 25 rows)
  let leaderHousehold: number;

  beforeAll(async () => {
    const db = t.db;
    const day = (daysAgo: number) => new Date(TODAY.getTime() - daysAgo * 86_400_000);
    // Campaigns: many past ones of A's first branch, one upcoming of the second; one of B's.
    const campaign = (communeId: number, name: string, startsAgo: number, branchId: number) =>
      db.campaign.create({
        data: {
          communeId,
          name,
          kind: "volunteer_saturday",
          startsOn: day(startsAgo),
          endsOn: day(startsAgo - 1),
          branches: { create: [{ branchId }] },
        },
      });
    for (let i = 0; i < LIST_EXTRA; i++)
      await campaign(A.id, `Đợt đã qua ${String(i).padStart(2, "0")}`, 100 + i, A.branches[0]!);
    await campaign(A.id, "Đợt sắp tới", -10, A.branches[1]!);
    await campaign(B.id, "Đợt của xã B", -10, B.branches[0]!);
    // Visits by A's branch leader (a visiting role): more than a page, long ago (outside every period above).
    leaderHousehold = A.households[2]!;
    await db.visit.createMany({
      data: Array.from({ length: LIST_EXTRA }, (_, i) => ({
        communeId: A.id,
        householdId: i % 2 ? A.households[0]! : leaderHousehold,
        volunteerId: A.leader.id,
        visitedOn: day(400 + i),
        outcome: i % 3 ? ("done" as const) : ("not_home" as const),
        idempotencyKey: randomUUID(),
      })),
    });
    // Users of A beyond a page.
    await db.user.createMany({
      data: Array.from({ length: LIST_EXTRA }, (_, i) => ({
        communeId: A.id,
        username: `xa-them-${i}`,
        name: `Người dùng thêm ${String(i).padStart(2, "0")}`,
        role: "volunteer" as const,
        passwordHash: "x",
        active: i % 5 !== 0,
      })),
    });
    // Erasure requests: two pending and one done in A, one pending in B.
    const resident = async (c: Commune, name: string, phone: string) =>
      (
        await db.user.create({
          data: { communeId: c.id, name, phone, role: "resident", passwordHash: "x" },
        })
      ).id;
    await db.erasureRequest.createMany({
      data: [
        {
          communeId: A.id,
          userId: await resident(A, "Dân xa 1", "0901000001"),
          reason: "Chuyển đi",
          requestedAt: new Date(NOW.getTime() - 7_200_000),
        },
        {
          communeId: A.id,
          userId: await resident(A, "Dân xa 2", "0901000002"),
          requestedAt: new Date(NOW.getTime() - 3_600_000),
        },
        {
          communeId: A.id,
          userId: await resident(A, "Dân xa 3", "0901000003"),
          status: "done",
          handledById: A.admin.id,
          handledAt: NOW,
        },
        { communeId: B.id, userId: await resident(B, "Dân xb 1", "0902000001"), reason: "B" },
      ],
    });
    // Outgoing messages beyond a page; one of B's.
    await db.outboxMessage.createMany({
      data: [
        ...Array.from({ length: LIST_EXTRA }, (_, i) => ({
          communeId: A.id,
          kind: i % 2 ? "class_reminder" : "something_new",
          channel: "log",
          recipient: `09030000${String(i).padStart(2, "0")}`,
          body: `Tin ${i}`,
          dedupeKey: `export-test-a-${i}`,
          status: i % 3 ? ("logged" as const) : ("failed" as const),
          lastError: i % 3 ? null : "timeout",
        })),
        {
          communeId: B.id,
          kind: "class_reminder",
          channel: "log",
          recipient: "0904000000",
          body: "Tin B",
          dedupeKey: "export-test-b",
        },
      ],
    });
  }, 120_000);

  it("campaigns: every upcoming and past campaign of the screen, the volunteer's own branch's only", async () => {
    const built = await build(officialA, "campaigns");
    const first = await listCampaigns(officialA, { page: 1 });
    expect(first.pages).toBeGreaterThan(1);
    const past = [];
    for (let page = 1; page <= first.pages; page++) past.push(...(await listCampaigns(officialA, { page })).past);
    const rows = await xlsxRows(built.table);
    expect(rows[0]).toEqual([
      "Sắp tới hay đã qua",
      "Đợt ra quân",
      "Loại đợt",
      "Bắt đầu",
      "Kết thúc",
      "Thôn tham gia",
      "Chi đoàn tham gia",
      "Số danh sách đi thăm",
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual([...first.upcoming, ...past].map((c) => c.name));
    expect(rows.slice(1).map((r) => r[1])).toHaveLength(LIST_EXTRA + 1);
    expect(rows[1]!.slice(0, 3)).toEqual(["Sắp tới và đang diễn ra", "Đợt sắp tới", "Ngày thứ bảy tình nguyện"]);
    expect(rows[1]![6]).toBe("Chi đoàn 2 xa");
    expect(rows.slice(1).filter((r) => r[0] === "Đã qua")).toHaveLength(LIST_EXTRA);
    // A volunteer of the first branch: its campaigns only (the past ones); B's official: B's only.
    const volunteer = await build(A.volunteer, "campaigns");
    const screen = await listCampaigns(A.volunteer, {}, { all: true });
    expect(volunteer.table.rows.map((r) => r.name)).toEqual([...screen.upcoming, ...screen.past].map((c) => c.name));
    expect(volunteer.table.rows.map((r) => r.name)).not.toContain("Đợt sắp tới");
    expect((await build(officialB, "campaigns")).table.rows.map((r) => r.name)).toEqual(["Đợt của xã B"]);
    // A resident or the city is refused.
    expect(await refused(buildDrilldownExport(someone("resident", A.id), "campaigns", new URLSearchParams(), labels, NOW))).toBe(
      true,
    );
  });

  it("visits: the user's own visits, every page, the household filter kept, audited", async () => {
    const before = await auditCount({ entity: "visit", actorId: A.leader.id });
    const built = await build(A.leader, "visits");
    const first = await listMyVisits(A.leader, { page: 1 });
    expect(first.pages).toBe(2);
    const screen = [...first.rows, ...(await listMyVisits(A.leader, { page: 2 })).rows];
    const rows = csvRows(built.table);
    expect(rows[0]).toEqual(["Ngày hỗ trợ", "Chủ hộ", "Kết quả", "Số việc đã giúp"]);
    expect(rows.slice(1)).toHaveLength(LIST_EXTRA);
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual(
      screen.map((v) => [v.headName, v.outcome === "done" ? "Đã xong" : "Không có nhà"]),
    );
    expect(await auditCount({ entity: "visit", actorId: A.leader.id })).toBe(before + 1);
    // ?household= as on the screen.
    const one = await build(A.leader, "visits", `household=${leaderHousehold}`);
    const oneScreen = await listMyVisits(A.leader, { householdId: leaderHousehold }, { all: true });
    expect(one.table.rows).toHaveLength(LIST_EXTRA / 2);
    expect(one.table.rows.map((r) => r.headName)).toEqual(oneScreen.rows.map((v) => v.headName));
    expect(one.fileBase).toBe(`luot-ho-tro-ho-${leaderHousehold}`);
    // The volunteer's own file holds their own three visits only; an official is refused.
    expect((await build(A.volunteer, "visits")).table.rows).toHaveLength(3);
    expect(await refused(buildDrilldownExport(officialA, "visits", new URLSearchParams(), labels, NOW))).toBe(true);
  });

  it("users: the commune's users, every page, the search kept, audited", async () => {
    const before = await auditCount({ entity: "user", actorId: A.admin.id });
    const built = await build(A.admin, "users");
    const first = await listUsers(A.admin, { page: 1 });
    expect(first.pages).toBeGreaterThan(1);
    const screen = [];
    for (let page = 1; page <= first.pages; page++) screen.push(...(await listUsers(A.admin, { page })).rows);
    const rows = await xlsxRows(built.table);
    expect(rows[0]).toEqual(["Họ tên", "Đăng nhập bằng", "Vai trò", "Trạng thái", "Đăng nhập gần nhất"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(screen.map((u) => u.name));
    expect(rows).toHaveLength(1 + first.total);
    expect(rows.find((r) => r[0] === "Người dùng thêm 00")).toEqual([
      "Người dùng thêm 00",
      "xa-them-0",
      "Đoàn viên tình nguyện",
      "Đã khoá",
      "Chưa đăng nhập",
    ]);
    // B's users never; the search as on the screen.
    expect(rows.flat()).not.toContain("admin xb");
    const searched = await build(A.admin, "users", "q=nguoi dung them 1");
    const searchedScreen = await listUsers(A.admin, { q: "nguoi dung them 1" });
    expect(searched.table.rows.map((r) => r.name)).toEqual(searchedScreen.rows.map((u) => u.name));
    expect(searched.table.rows.length).toBeGreaterThan(1);
    expect(await auditCount({ entity: "user", actorId: A.admin.id })).toBe(before + 2);
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "user", actorId: A.admin.id },
      orderBy: { id: "desc" },
    });
    // The search text may name a person: kept as a keyed hash (lib/audit/personal.ts).
    expect(log.details).toMatchObject({ table: "users", q: personalHash("nguoi dung them 1"), rows: searchedScreen.total });
    expect(await refused(buildDrilldownExport(officialA, "users", new URLSearchParams(), labels, NOW))).toBe(true);
  });

  it("erasure requests: the chosen status of the admin's commune, audited", async () => {
    const pending = await build(A.admin, "erasure");
    const screen = await listErasureRequests(A.admin, undefined);
    expect(pending.table.rows.map((r) => r.person)).toEqual(screen.rows.map((r) => r.user?.name));
    const rows = csvRows(pending.table);
    expect(rows[0]).toEqual([
      "Người yêu cầu",
      "Số điện thoại",
      "Trạng thái",
      "Gửi lúc",
      "Lý do",
      "Xử lý lúc",
      "Người xử lý",
      "Lý do từ chối",
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ["Dân xa 1", "0901000001", "Đang chờ", "Chuyển đi"],
      ["Dân xa 2", "0901000002", "Đang chờ", "(không ghi)"],
    ]);
    const done = await build(A.admin, "erasure", "status=done");
    expect(done.table.rows.map((r) => [r.person, r.handledBy])).toEqual([["Dân xa 3", "admin xa"]]);
    expect(done.fileBase).toBe("yeu-cau-xoa-done");
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "erasure_request", actorId: A.admin.id },
      orderBy: { id: "desc" },
    });
    expect(log.details).toMatchObject({ table: "erasure", status: "done", rows: 1 });
    expect((await build(B.admin, "erasure")).table.rows.map((r) => r.person)).toEqual(["Dân xb 1"]);
    expect(await refused(buildDrilldownExport(officialA, "erasure", new URLSearchParams(), labels, NOW))).toBe(true);
  });

  it("outbox: every message of the screen, phone numbers masked, the status filter kept, audited", async () => {
    const before = await auditCount({ entity: "outbox_message", actorId: A.admin.id });
    const built = await build(A.admin, "outbox");
    const first = await listOutbox(A.admin, { page: 1 });
    expect(first.pageCount).toBe(2);
    const screen = [...first.rows, ...(await listOutbox(A.admin, { page: 2 })).rows];
    const rows = await xlsxRows(built.table);
    // The SMS parts each message costs, as the screen shows them (these short ones: one each); then
    // when it was sent and delivered and the provider's id (none for the log), then the attempts.
    expect(rows[0]![6]).toBe("Số phần tin nhắn");
    expect(rows.slice(1).map((r) => [r[4], r[5], r[6], r[10]])).toEqual(
      screen.map((m) => [m.recipient, m.body, m.parts, m.attempts]),
    );
    expect(screen.every((m) => m.parts === 1)).toBe(true);
    expect(rows).toHaveLength(1 + LIST_EXTRA);
    expect(rows.flat()).not.toContain("0903000000");
    expect(rows.find((r) => r[5] === "Tin 0")!.slice(1, 5)).toEqual(["Lỗi", "Khác", "log", "0903***000"]);
    expect(rows.find((r) => r[5] === "Tin 1")!.slice(1, 3)).toEqual(["Đã ghi nhật ký", "Nhắc lịch"]);
    const failed = await build(A.admin, "outbox", "status=failed");
    const failedScreen = await listOutbox(A.admin, { status: "failed" }, { all: true });
    expect(failed.table.rows.map((r) => r.body)).toEqual(failedScreen.rows.map((m) => m.body));
    expect(failed.table.rows).toHaveLength(LIST_EXTRA / 3);
    expect(await auditCount({ entity: "outbox_message", actorId: A.admin.id })).toBe(before + 2);
    expect((await build(B.admin, "outbox")).table.rows.map((r) => r.body)).toEqual(["Tin B"]);
    expect(await refused(buildDrilldownExport(A.leader, "outbox", new URLSearchParams(), labels, NOW))).toBe(true);
  });

  it("criteria: the commune's criteria as on the screen", async () => {
    const built = await build(A.admin, "criteria");
    const { criteria } = await getCriteriaSettings(A.admin);
    expect(criteria.length).toBeGreaterThan(0);
    const rows = csvRows(built.table);
    expect(rows[0]).toEqual(["Mức", "Kỹ năng", "Mã kỹ năng", "Điều kiện", "Kỹ năng đang dùng"]);
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual(criteria.map((c) => [c.skill.nameVi, c.skill.key]));
    expect(rows[1]![0]).toBe(criteria[0]!.level === "digital" ? "Gia đình số" : "Gia đình số thông minh");
    expect(await refused(buildDrilldownExport(officialA, "criteria", new URLSearchParams(), labels, NOW))).toBe(true);
  });
});

describe("the list functions' `{ all: true }`", () => {
  it("returns every row in one page, and a page from the URL cannot ask for it", async () => {
    const all = await searchHouseholds(officialA, { page: 3, size: 5 }, { all: true });
    expect(all.rows).toHaveLength(3 + EXTRA_HOUSEHOLDS);
    expect(all.pages).toBe(1);
    // The URL's query parses to a page of at most 100 rows, whatever it says.
    const fromUrl = await searchHouseholds(officialA, Object.fromEntries(new URLSearchParams("size=100000&all=true")) as never);
    expect(fromUrl.rows.length).toBeLessThanOrEqual(100);
    const log = await listAuditLog(A.admin, { page: 99 }, { all: true });
    expect(log.rows).toHaveLength(log.total);
  });
});

describe("the class, topics, campaign and admin-home tables as files", () => {
  let eventA: number;
  let eventB: number;
  let campaignA: number;
  let campaignB: number;
  const MARKED = new Date("2026-03-02T02:05:00Z"); // 09:05 in Vietnam

  beforeAll(async () => {
    const db = t.db;
    const skill = await db.skill.findFirstOrThrow({ where: { communeId: A.id, scope: "member" }, orderBy: { id: "asc" } });
    // Topics: one giving a skill, one inactive; one of B's.
    const topicA = await db.trainingTopic.create({
      data: { communeId: A.id, key: "roster-a", nameVi: "Chủ đề danh sách", nameEn: "Roster topic", skillId: skill.id },
    });
    await db.trainingTopic.create({
      data: { communeId: A.id, key: "old-a", nameVi: "Chủ đề cũ", nameEn: "Old topic", active: false },
    });
    const topicB = await db.trainingTopic.create({
      data: { communeId: B.id, key: "roster-b", nameVi: "Chủ đề xã B", nameEn: "B topic" },
    });
    const event = (communeId: number, topicId: number, title: string) =>
      db.trainingEvent.create({
        data: {
          communeId,
          topicId,
          title,
          audience: "residents",
          place: "Nhà văn hoá",
          organiser: "Đoàn xã",
          startsAt: new Date(NOW.getTime() + 3 * 86_400_000),
          endsAt: new Date(NOW.getTime() + 3 * 86_400_000 + 7_200_000),
          capacity: 2,
          status: "scheduled",
        },
      });
    eventA = (await event(A.id, topicA.id, "Lớp có danh sách")).id;
    eventB = (await event(B.id, topicB.id, "Lớp của xã B có danh sách")).id;
    const reg = (communeId: number, eventId: number, fullName: string, phone: string, code: string) =>
      db.registration.create({ data: { communeId, eventId, fullName, phone, code } });
    const one = await reg(A.id, eventA, "Nguyễn Văn Một", "0911000001", "ROSTERA1");
    await reg(A.id, eventA, "Trần Thị Hai", "0911000002", "ROSTERA2");
    await db.registration.create({
      data: {
        communeId: A.id,
        eventId: eventA,
        fullName: "Lê Văn Ba",
        phone: "0911000003",
        code: "ROSTERA3",
        status: "waitlist",
      },
    });
    await db.registration.create({
      data: {
        communeId: A.id,
        eventId: eventA,
        fullName: "Phạm Thị Bốn",
        phone: "0911000004",
        code: "ROSTERA4",
        status: "cancelled",
      },
    });
    await reg(B.id, eventB, "Người xã B", "0912000001", "ROSTERB1");
    await db.attendance.createMany({
      data: [
        { communeId: A.id, eventId: eventA, registrationId: one.id, fullName: one.fullName, attended: true, markedAt: MARKED },
        { communeId: A.id, eventId: eventA, fullName: "Khách Đến Thẳng", attended: true, markedAt: MARKED },
      ],
    });
    // A campaign of A's first branch: visits with things done, a finished and an open shift, a walk list.
    const campaign = (communeId: number, name: string, branchId: number, villageId: number) =>
      db.campaign.create({
        data: {
          communeId,
          name,
          kind: "volunteer_saturday",
          startsOn: TODAY,
          endsOn: TODAY,
          branches: { create: [{ branchId }] },
          villages: { create: [{ villageId }] },
        },
      });
    campaignA = (await campaign(A.id, "Đợt có tổng kết", A.branches[0], villageA)).id;
    const villageB = (await db.village.findFirstOrThrow({ where: { communeId: B.id } })).id;
    campaignB = (await campaign(B.id, "Đợt xã B có tổng kết", B.branches[0], villageB)).id;
    for (const householdId of [A.households[0]!, A.households[1]!]) {
      await db.visit.create({
        data: {
          communeId: A.id,
          householdId,
          volunteerId: A.volunteer.id,
          campaignId: campaignA,
          visitedOn: TODAY,
          outcome: "done",
          idempotencyKey: randomUUID(),
          items: { create: [{ communeId: A.id, skillId: skill.id }] },
        },
      });
    }
    await db.campaignShift.createMany({
      data: [
        {
          communeId: A.id,
          campaignId: campaignA,
          userId: A.volunteer.id,
          startedAt: new Date(NOW.getTime() - 3 * 3_600_000),
          endedAt: new Date(NOW.getTime() - 3_600_000 - 30 * 60_000),
        },
        { communeId: A.id, campaignId: campaignA, userId: A.leader.id, startedAt: new Date(NOW.getTime() - 3_600_000) },
      ],
    });
    await db.walkList.create({
      data: {
        communeId: A.id,
        campaignId: campaignA,
        villageId: villageA,
        name: "Danh sách 1",
        volunteers: { create: [{ userId: A.volunteer.id }, { userId: A.leader.id }] },
        stops: {
          create: [A.households[0]!, A.households[1]!, A.households[2]!].map((householdId, position) => ({
            householdId,
            position,
          })),
        },
      },
    });
  }, 120_000);

  it("training-roster: the class page's registrations and walk-ins, of the user's commune only, audited", async () => {
    const before = await auditCount({ entity: "training_event", actorId: officialA.id });
    const built = await build(officialA, "training-roster", `event=${eventA}`);
    const screen = (await getEventRoster(officialA, eventA))!;
    const rows = csvRows(built.table);
    expect(rows[0]).toEqual(["Tình trạng đăng ký", "Họ tên", "Số điện thoại", "Mã đăng ký", "Có mặt", "Lúc điểm danh"]);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      ...screen.registrations.map((r) => r.fullName),
      ...screen.attendances.map((a) => a.fullName),
    ]);
    expect(rows.slice(1)).toHaveLength(5);
    expect(rows[1]).toEqual(["Đã xác nhận", "Nguyễn Văn Một", "0911000001", "ROSTERA1", "Có mặt", "02/03/2026 09:05"]);
    expect(built.table.rows[1]).toEqual({
      status: "Đã xác nhận",
      name: "Trần Thị Hai",
      phone: "0911000002",
      code: "ROSTERA2",
      attended: "Chưa",
      markedAt: null,
    });
    // The check-in time is a date cell in the sheet.
    const marked = (await xlsxSheet(built.table)).getCell("F2");
    expect(marked.type).toBe(ExcelJS.ValueType.Date);
    expect(marked.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Đã xác nhận", "Đã xác nhận", "Danh sách chờ", "Đã hủy", "Đến trực tiếp"]);
    expect(built.fileBase).toBe(`danh-sach-lop-${eventA}`);
    expect((await xlsxRows(built.table)).slice(1).map((r) => r[1])).toEqual(rows.slice(1).map((r) => r[1]));
    // It names people: the export is audited, with the class and the number of rows.
    expect(await auditCount({ entity: "training_event", actorId: officialA.id })).toBe(before + 1);
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "training_event", actorId: officialA.id },
      orderBy: { id: "desc" },
    });
    expect(log.details).toMatchObject({ table: "training-roster", event: eventA, rows: 5 });
    // Another commune's class, a missing or malformed id: not found, nothing of B's, nothing audited.
    for (const query of [`event=${eventB}`, "", "event=abc", "event=99999999999"]) {
      expect(await buildDrilldownExport(officialA, "training-roster", new URLSearchParams(query), labels, NOW), query).toBeNull();
    }
    expect(await auditCount({ entity: "training_event", actorId: officialA.id })).toBe(before + 1);
    // B's official gets B's class only; the admin of A gets A's; a volunteer or branch leader is refused.
    expect((await build(officialB, "training-roster", `event=${eventB}`)).table.rows.map((r) => r.name)).toEqual(["Người xã B"]);
    expect(
      await buildDrilldownExport(officialB, "training-roster", new URLSearchParams(`event=${eventA}`), labels, NOW),
    ).toBeNull();
    expect((await build(A.admin, "training-roster", `event=${eventA}`)).table.rows).toHaveLength(5);
    for (const user of [A.volunteer, A.leader])
      expect(
        await refused(buildDrilldownExport(user, "training-roster", new URLSearchParams(`event=${eventA}`), labels, NOW)),
      ).toBe(true);
  });

  it("training-topics: the topics page's table, the user's commune only", async () => {
    const built = await build(officialA, "training-topics");
    const { topics } = await listTopics(officialA);
    const rows = csvRows(built.table);
    expect(rows[0]).toEqual(["Tên tiếng Việt", "Tên tiếng Anh", "Kỹ năng được ghi nhận", "Đang dùng"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(topics.map((x) => x.nameVi));
    expect(rows.find((r) => r[0] === "Chủ đề danh sách")!.slice(2)).toEqual([
      topics.find((x) => x.key === "roster-a")!.skill!.nameVi,
      "Có",
    ]);
    expect(rows.find((r) => r[0] === "Chủ đề cũ")!.slice(2)).toEqual(["Không gắn kỹ năng", "Không"]);
    expect(rows.flat()).not.toContain("Chủ đề xã B");
    expect(await refused(buildDrilldownExport(A.leader, "training-topics", new URLSearchParams(), labels, NOW))).toBe(true);
  });

  it("campaign-summary: each table of the campaign's page, of the user's reach only; people's tables audited", async () => {
    const screen = (await getCampaignSummary(officialA, campaignA, NOW))!;
    const file = (user: CurrentUser, part: string, id = campaignA) =>
      buildDrilldownExport(user, "campaign-summary", new URLSearchParams(`campaign=${id}&part=${part}`), labels, NOW);
    // Villages (also when no part is named).
    const villages = (await file(officialA, "villages"))!;
    expect(csvRows(villages.table)[0]).toEqual([
      "Thôn",
      "Hộ trong danh sách đi thăm",
      "Hộ đã được hỗ trợ",
      "Lượt hỗ trợ",
      "Số việc đã giúp",
    ]);
    expect((await xlsxRows(villages.table)).slice(1)).toEqual(
      screen.villages.map((v) => [v.name, v.planned, v.reached, v.visits, v.items]),
    );
    expect(screen.villages[0]).toMatchObject({ planned: 3, reached: 2, visits: 2, items: 2 });
    expect((await build(officialA, "campaign-summary", `campaign=${campaignA}`)).table.rows).toEqual(villages.table.rows);
    expect(villages.fileBase).toBe(`dot-ra-quan-${campaignA}-villages`);
    // Things done by skill.
    const skills = (await file(officialA, "skills"))!;
    expect(csvRows(skills.table)).toEqual([
      ["Kỹ năng", "Số việc đã giúp"],
      ...screen.done.map((d) => [d.nameVi, String(d.items)]),
    ]);
    // Volunteers and their hours (one decimal, a number in XLSX), audited.
    const before = await auditCount({ entity: "campaign", actorId: officialA.id });
    const volunteers = (await file(officialA, "volunteers"))!;
    const vRows = await xlsxRows(volunteers.table);
    expect(vRows[0]).toEqual(["Họ tên", "Chi đoàn", "Số ca", "Số giờ", "Tình trạng"]);
    expect(vRows.slice(1).map((r) => r[0])).toEqual(screen.volunteers.map((v) => v.name));
    expect(vRows.find((r) => r[0] === A.volunteer.name)!.slice(1)).toEqual(["Chi đoàn 1 xa", 1, 1.5, "Đã xong"]);
    expect(vRows.find((r) => r[0] === A.leader.name)![4]).toBe("Đang đi hộ");
    // Walk lists with who walks them, audited.
    const walk = (await file(officialA, "walk-lists"))!;
    expect(csvRows(walk.table)).toEqual([
      ["Danh sách đi thăm", "Đoàn viên đi thăm", "Số hộ trong danh sách"],
      ...screen.walkLists.map((w) => [w.name, w.volunteers, String(w.stops)]),
    ]);
    expect(walk.table.rows[0]).toMatchObject({ name: "Danh sách 1", stops: 3 });
    expect(await auditCount({ entity: "campaign", actorId: officialA.id })).toBe(before + 2);
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "export", entity: "campaign", actorId: officialA.id },
      orderBy: { id: "desc" },
    });
    expect(log.details).toMatchObject({ table: "campaign-summary", campaign: campaignA, part: "walk-lists", rows: 1 });
    // Another commune's campaign, a bad id: not found. B's official: B's campaign only.
    expect(await file(officialA, "volunteers", campaignB)).toBeNull();
    expect(await buildDrilldownExport(officialA, "campaign-summary", new URLSearchParams("campaign=x"), labels, NOW)).toBeNull();
    expect(await file(officialB, "villages", campaignA)).toBeNull();
    expect((await file(officialB, "villages", campaignB))!.table.rows.map((r) => r.name)).toEqual(["Thôn xb"]);
    // A volunteer of the taking-part branch sees it as on the page; another branch's volunteer does not.
    expect((await file(A.volunteer, "volunteers"))!.table.rows).toHaveLength(2);
    expect(await file(A.otherVolunteer, "villages")).toBeNull();
    expect(await refused(file(someone("resident", A.id), "villages"))).toBe(true);
  });

  it("admin-overview: the admin home's villages and branches, the admin's commune only", async () => {
    const o = await getAdminOverview(A.admin);
    const villages = await build(A.admin, "admin-overview");
    expect(csvRows(villages.table)).toEqual([["Thôn", "Số hộ"], ...o.villages.map((v) => [v.name, String(v.households)])]);
    expect((await build(A.admin, "admin-overview", "part=villages")).table.rows).toEqual(villages.table.rows);
    const branches = await build(A.admin, "admin-overview", "part=branches");
    expect(await xlsxRows(branches.table)).toEqual([
      ["Chi đoàn", "Đoàn viên", "Đã nhận", "Chỉ tiêu"],
      ...o.branches.map((b) => [b.name, b.volunteers, b.adopted, b.target]),
    ]);
    expect(branches.table.rows.map((r) => r.name)).toEqual(["Chi đoàn 1 xa", "Chi đoàn 2 xa"]);
    expect(csvRows(villages.table).flat()).not.toContain("Thôn xb");
    expect(await refused(buildDrilldownExport(officialA, "admin-overview", new URLSearchParams(), labels, NOW))).toBe(true);
  });
});
