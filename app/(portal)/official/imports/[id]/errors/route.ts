import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import type { ImportIssue } from "@/lib/imports/table";
import { ImportIdSchema } from "@/lib/onboarding/batches";
import { importErrorSheet } from "@/lib/onboarding/error-sheet";

type Translate = (key: string, values?: Record<string, string | number>) => string;

// The uploaded list with a "Lỗi" column (lib/onboarding/error-sheet.ts). 401 anonymous, 403 a role
// that may not import, 404 another commune's batch or one already saved (its file is gone).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  const parsed = ImportIdSchema.safeParse(await params);
  if (!parsed.success) return new Response(null, { status: 404 });
  const t = (await getTranslations("onboarding")) as unknown as Translate;
  const message = (i: ImportIssue) => t(`errors.${i.key}`, { column: "", value: "", ...i.values });
  const sheet = await importErrorSheet(user, parsed.data.id, t("errorColumn"), message);
  // ASCII for old clients, the name as typed for the rest (RFC 6266).
  const ascii = sheet.fileName
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "");
  return new Response(Buffer.from(sheet.bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(sheet.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
