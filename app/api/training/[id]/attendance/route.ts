import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { mayEnter } from "@/lib/auth/roles";
import { attendanceRows, toCsv, toXlsx, type ExportHeaders } from "@/lib/training/exports";

// The attendance list of a class: ?format=csv (UTF-8 with BOM) or ?format=xlsx. Officials and
// admins of the class's commune only (attendanceRows scopes by the user's commune).
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!mayEnter(user.role, "training") || user.communeId === null) return new Response(null, { status: 403 });
  const t = await getTranslations("trainingExport");
  const h: ExportHeaders = {
    fullName: t("fullName"),
    phone: t("phone"),
    code: t("code"),
    status: t("status"),
    attended: t("attended"),
    markedAt: t("markedAt"),
    yes: t("yes"),
    no: t("no"),
    walkIn: t("walkIn"),
    statuses: { confirmed: t("statuses.confirmed"), waitlist: t("statuses.waitlist"), cancelled: t("statuses.cancelled") },
  };
  const data = await attendanceRows(user, Number((await params).id), h);
  if (!data) return new Response(null, { status: 404 });
  const format = new URL(req.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const base = `diem-danh-lop-${data.event.id}`;
  const headers = { "Cache-Control": "private, no-store" };
  if (format === "xlsx") {
    const buf = await toXlsx(data.rows, h, t("sheet"));
    return new Response(new Uint8Array(buf), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${base}.xlsx"`,
      },
    });
  }
  return new Response(toCsv(data.rows, h), {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}.csv"`,
    },
  });
}
