import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getMyErasureRequest } from "@/lib/privacy/erasure";
import { ErasureForm } from "./erasure-form";

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
          <p role="status">
            {t("sent", { at: format.dateTime(pending.requestedAt, { dateStyle: "short", timeStyle: "short" }) })}
          </p>
          <ButtonLink href="/resident" variant="secondary" className="mt-4">
            {t("back")}
          </ButtonLink>
        </Card>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card>
        <ErasureForm />
      </Card>
    </div>
  );
}
