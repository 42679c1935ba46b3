import { getCurrentUser } from "@/lib/auth/session";
import { exportMyData, exportToCsv } from "@/lib/privacy/export";

// A resident downloads everything the portal holds about them: ?format=json (default) or csv.
// Residents only (exportMyData refuses other roles too); every export is in the audit log.
export async function GET(req: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (user.role !== "resident" || user.communeId === null) return new Response(null, { status: 403 });
  const data = await exportMyData(user);
  const csv = new URL(req.url).searchParams.get("format") === "csv";
  const base = `du-lieu-cua-toi-${data.exportedAt.slice(0, 10)}`;
  const headers = { "Cache-Control": "private, no-store" };
  if (csv) {
    return new Response(exportToCsv(data), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${base}.csv"`,
      },
    });
  }
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...headers,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}.json"`,
    },
  });
}
