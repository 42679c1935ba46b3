// The attendance list of a class as CSV (UTF-8 with a byte-order mark, so Excel reads Vietnamese)
// and XLSX, through the one export helper (lib/exports/table.ts). Column headers come from the caller.
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { toCsv as tableToCsv, toXlsx as tableToXlsx, type ExportTable } from "@/lib/exports/table";
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
  if (!Number.isInteger(eventId) || eventId <= 0 || eventId > 2_147_483_647) return null;
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

function table(rows: ExportRow[], h: ExportHeaders, sheet: string): ExportTable {
  return { sheet, columns: EXPORT_COLUMNS.map((c) => ({ key: c, header: h[c], width: c === "fullName" ? 30 : 16 })), rows };
}

export function toCsv(rows: ExportRow[], h: ExportHeaders): string {
  return tableToCsv(table(rows, h, ""));
}

export async function toXlsx(rows: ExportRow[], h: ExportHeaders, sheetName: string): Promise<Buffer> {
  return tableToXlsx(table(rows, h, sheetName));
}
