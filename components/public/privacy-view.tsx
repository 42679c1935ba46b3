import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { OFFLINE_KEEP_DAYS } from "@/lib/offline/retention";
import { RETENTION } from "@/lib/privacy/retention";

export async function privacyMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title"), description: t("metaDescription") };
}

const WHAT = ["household", "members", "skills", "visits", "classes", "consents", "audit"] as const;
const RIGHTS = ["see", "export", "correct", "withdraw", "erase"] as const;

// The public privacy notice (Law 91/2025/QH15, Decree 356/2025): what, why, who, how long, rights.
export async function PrivacyView() {
  const t = await getTranslations("privacy");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card title={t("whatTitle")}>
        <ul className="list-disc space-y-1 pl-5">
          {WHAT.map((k) => (
            <li key={k}>{t(`what.${k}`)}</li>
          ))}
        </ul>
      </Card>
      <Card title={t("whyTitle")}>
        <p>{t("why")}</p>
      </Card>
      <Card title={t("whoTitle")}>
        <p>{t("who")}</p>
      </Card>
      <Card title={t("howLongTitle")}>
        <p>{t("howLong", { years: RETENTION.afterProgramYears, auditYears: RETENTION.auditLogYears })}</p>
        <p className="mt-3">{t("offlinePhone", { days: OFFLINE_KEEP_DAYS })}</p>
      </Card>
      <Card title={t("neverTitle")}>
        <p>{t("never")}</p>
      </Card>
      <Card title={t("rightsTitle")}>
        <ul className="list-disc space-y-1 pl-5">
          {RIGHTS.map((k) => (
            <li key={k}>{t(`rights.${k}`)}</li>
          ))}
        </ul>
        <p className="mt-3">{t("contact")}</p>
      </Card>
      <Card title={t("erasureTitle")}>
        <p>{t("erasure")}</p>
      </Card>
    </div>
  );
}
