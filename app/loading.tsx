import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("errors");
  return (
    <p role="status" aria-live="polite" className="animate-pulse text-slate-600">
      {t("loading")}
    </p>
  );
}
