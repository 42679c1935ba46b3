import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/roles";
import { ActivateForm } from "./activate-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activate"))("title") };
}

// An account the commune made from the youth union's list: the volunteer proves their number and
// sets a password (lib/users/activation.ts).
export default async function ActivatePage() {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations("activate")]);
  if (user) redirect(ROLE_HOME[user.role]);
  return (
    <ClientMessages of={["ActivateForm"]}>
      <div className="mx-auto max-w-lg">
        <PageHeader title={t("title")} intro={t("intro")} />
        <ActivateForm />
      </div>
    </ClientMessages>
  );
}
