import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/capabilities";
import { buildDrilldownExport, EXPORT_CAPABILITY, isExportTable, type ExportLabels } from "@/lib/drilldown/exports";
import { exportResponse, parseExportFormat } from "@/lib/exports/table";

// A table as a file: /api/exports/<table>?format=xlsx|excel-csv|csv&<the screen's filters> (the drill-downs,
// the official's indicators, monthly figures, households, classes, audit log, the city's comparison,
// campaigns and a campaign's summary, a class's roster, class topics, one's own visits, and the
// admin's home tables, users, erasure requests, outbox and criteria).
// 401 anonymous, 403 a role the screen refuses, 404 an unknown table or another commune's record.
// The numbers come from the same lib function as the screen; personal-data exports are audited.
export async function GET(req: Request, { params }: { params: Promise<{ table: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  const { table } = await params;
  if (!isExportTable(table)) return new Response(null, { status: 404 });
  // Every table but the city's is one commune's: a user without a commune (the city) gets none of them.
  if (!can(user, EXPORT_CAPABILITY[table]) || (user.communeId === null && user.role !== "city")) {
    return new Response(null, { status: 403 });
  }
  const [t, tStatus, tr, locale] = await Promise.all([
    getTranslations("drilldown"),
    getTranslations("familyStatus"),
    getTranslations(),
    getLocale(),
  ]);
  const labels: ExportLabels = {
    t: t as unknown as ExportLabels["t"],
    status: (s) => tStatus(s),
    tr: tr as unknown as ExportLabels["tr"],
    locale: locale === "en" ? "en" : "vi",
  };
  const url = new URL(req.url);
  const built = await buildDrilldownExport(user, table, url.searchParams, labels);
  if (!built) return new Response(null, { status: 404 });
  return exportResponse(built.table, parseExportFormat(url.searchParams.get("format")), built.fileBase);
}
