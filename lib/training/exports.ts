// The attendance list of a class as CSV (UTF-8 with a byte-order mark, so Excel reads Vietnamese)
// and XLSX (exceljs). Column headers come from the caller (translated).
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { TRAINING_ROLES, utcToLocal } from "@/lib/training/events";

export type ExportRow = { fullName: string; phone: string; code: string; status: string; attended: string; markedAt: string };
export const EXPORT_COLUMNS = ["fullName", "phone", "code", "status", "attended", "markedAt"] as const;
export type ExportHeaders = Record<(typeof EXPORT_COLUMNS)[number], string> & {
  yes: string;
  no: string;
  walkIn: string;
  status: string;
  statuses: Record<string, string>;
};

function stamp(d: Date | null | undefined): string {
  if (!d) return "";
  const { date, time } = utcToLocal(d);
  return `${date} ${time}`;
}

/** The roster and walk-ins of a class of the user's commune; null if not theirs. Audited. */
export async function attendanceRows(user: CurrentUser, eventId: number, h: ExportHeaders) {
  requireRole(user, TRAINING_ROLES);
  const communeId = communeOf(user);
  if (!Number.isInteger(eventId) || eventId <= 0) return null;
  const event = await db.trainingEvent.findFirst({
    where: { id: eventId, communeId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      registrations: {
        orderBy: [{ status: "asc" }, { fullName: "asc" }],
        select: {
          fullName: true,
          phone: true,
          code: true,
          status: true,
          attendance: { select: { attended: true, markedAt: true } },
        },
      },
      attendances: {
        where: { registrationId: null },
        orderBy: { markedAt: "asc" },
        select: { fullName: true, attended: true, markedAt: true },
      },
    },
  });
  if (!event) return null;
  const rows: ExportRow[] = [
    ...event.registrations.map((r) => ({
      fullName: r.fullName,
      phone: r.phone,
      code: r.code,
      status: h.statuses[r.status] ?? r.status,
      attended: r.attendance?.attended ? h.yes : h.no,
      markedAt: r.attendance?.attended ? stamp(r.attendance.markedAt) : "",
    })),
    ...event.attendances.map((a) => ({
      fullName: a.fullName,
      phone: "",
      code: "",
      status: h.walkIn,
      attended: a.attended ? h.yes : h.no,
      markedAt: stamp(a.markedAt),
    })),
  ];
  await audit(db, user, "attendance.export", "training_event", event.id, { rows: rows.length });
  return { event, rows };
}

function csvCell(v: string): string {
  // Quote everything; neutralise formulas (a cell starting with = + - @ runs in spreadsheets).
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(rows: ExportRow[], h: ExportHeaders): string {
  const lines = [EXPORT_COLUMNS.map((c) => csvCell(h[c])).join(",")];
  for (const r of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

export async function toXlsx(rows: ExportRow[], h: ExportHeaders, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1");
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: h[c], key: c, width: c === "fullName" ? 30 : 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
