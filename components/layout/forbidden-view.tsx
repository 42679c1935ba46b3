import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export async function ForbiddenView() {
  const t = await getTranslations("errors");
  return (
    <div>
      <PageHeader title={t("forbiddenTitle")} intro={t("forbiddenBody")} />
      <ButtonLink href="/home">{t("goHome")}</ButtonLink>
    </div>
  );
}
