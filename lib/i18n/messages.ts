// Interface text lives in messages/<locale>/<file>.json, one file per area, each holding its own
// top-level namespaces; they are merged here. Add a new file to MESSAGE_FILES and global.d.ts.
import type { Locale } from "@/lib/i18n/config";

export const MESSAGE_FILES = [
  "core",
  "households",
  "visits",
  "families",
  "campaigns",
  "schedule",
  "training",
  "progress",
  "privacy",
  "drilldown",
  "dashboard",
  "admin",
  "contests",
  "onboarding",
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(MESSAGE_FILES.map(async (f) => (await import(`../../messages/${locale}/${f}.json`)).default));
  return Object.assign({}, ...parts);
}
