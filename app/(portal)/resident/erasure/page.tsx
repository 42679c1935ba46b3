import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getMyErasureRequest } from "@/lib/privacy/erasure";
import { ErasureForm } from "./erasure-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.erasureRequest"))("title") };
}

// Asking for erasure, and the confirmation screen once a request is waiting.
export default async function ErasureRequestPage() {
  const user = await requireArea("resident");
  const [t, format, pending] = await Promise.all([
    getTranslations("privacy.erasureRequest"),
    getFormatter(),
    getMyErasureRequest(user),
  ]);
  if (pending?.status === "pending") {
    return (
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("sentTitle")} />
        <Card>
          <p role="status">{t("sent", { at: format.dateTime(pending.requestedAt, "stamp") })}</p>
          <ButtonLink href="/resident" variant="secondary" className="mt-4">
            {t("back")}
          </ButtonLink>
        </Card>
      </div>
    );
  }
  const when = (d: Date) => format.dateTime(d, "stamp");
  return (
    <ClientMessages of={["ErasureForm"]}>
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("title")} intro={t("intro")} />
        {pending?.status === "rejected" ? (
          <Card title={t("rejectedTitle")} className="mb-4">
            <div role="status">
              <p>
                {t("rejected", { at: when(pending.requestedAt), handledAt: pending.handledAt ? when(pending.handledAt) : "" })}
              </p>
              {pending.rejectionReason ? (
                <p className="mt-2 font-medium">{t("rejectedReason", { reason: pending.rejectionReason })}</p>
              ) : null}
              <p className="mt-2 text-sm text-slate-700">{t("askAgain")}</p>
            </div>
          </Card>
        ) : null}
        <Card>
          <ErasureForm />
        </Card>
      </div>
    </ClientMessages>
  );
}
