"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export function ErrorView({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert">
      <PageHeader title={t("errorTitle")} intro={t("errorBody")} />
      <Button onClick={() => reset()}>{t("retry")}</Button>
    </div>
  );
}
