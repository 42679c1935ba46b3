import { connection } from "next/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { listRegistrableCommunes } from "@/lib/communes/portal";
import { RegisterForm } from "./register-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("register"))("title") };
}

export default async function RegisterPage() {
  // Read at request time, never prerendered at build (there is no database then).
  await connection();
  const [t, communes] = await Promise.all([getTranslations("register"), listRegistrableCommunes()]);
  return (
    <ClientMessages of={["RegisterForm"]}>
      <div className="mx-auto max-w-lg">
        <PageHeader title={t("title")} intro={t("intro")} />
        <RegisterForm communes={communes} />
      </div>
    </ClientMessages>
  );
}
