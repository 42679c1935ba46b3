import { getLocale } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { monthlyReportDocx } from "@/lib/report/docx";
import { getMonthlyReport, reportFileBase } from "@/lib/report/monthly";

// The monthly report as a Word file (?month=YYYY-MM, the page's own query), from the same content
// as the page. 401 anonymous; 403 a role without indicators:read (lib refuses).
export async function GET(req: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  const month = new URL(req.url).searchParams.get("month") ?? undefined;
  const locale = (await getLocale()) === "en" ? "en" : "vi";
  const report = await getMonthlyReport(user, month, locale);
  const bytes = await monthlyReportDocx(report);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${reportFileBase(report)}.docx"`,
      "Cache-Control": "no-store",
    },
  });
}
