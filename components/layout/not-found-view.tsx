import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export async function NotFoundView() {
  const t = await getTranslations("errors");
  return (
    <div>
      <PageHeader title={t("notFoundTitle")} intro={t("notFoundBody")} />
      <ButtonLink href="/">{t("goHome")}</ButtonLink>
    </div>
  );
}
