import { getTranslations } from "next-intl/server";

export async function PortalLoading() {
  const t = await getTranslations("errors");
  return (
    <p role="status" aria-live="polite" className="animate-pulse text-slate-600">
      {t("loading")}
    </p>
  );
}
