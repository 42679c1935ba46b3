import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CancelForm } from "@/components/schedule/cancel-form";
import { PageHeader } from "@/components/ui/card";
import { normalizeRegistrationCode } from "@/lib/training/codes";
import { cancelRegistrationAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("schedule.cancel"))("title"), robots: { index: false } };
}

export default async function CancelPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const [t, tc, { code }] = await Promise.all([
    getTranslations("schedule.cancel"),
    getTranslations("schedule.class"),
    searchParams,
  ]);
  const prefill = typeof code === "string" ? normalizeRegistrationCode(code).slice(0, 16) : "";
  return (
    <ClientMessages of={["CancelForm"]}>
      <div className="mx-auto max-w-md">
        <p className="mb-3">
          <Link href="/schedule" className="font-medium text-brand-700 underline">
            {tc("back")}
          </Link>
        </p>
        <PageHeader title={t("title")} intro={t("intro")} />
        <CancelForm action={cancelRegistrationAction} code={prefill} />
      </div>
    </ClientMessages>
  );
}
