import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { getFormatter, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getPortalCommune } from "@/lib/communes/portal";
import { showRegistrationCode } from "@/lib/training/codes";
import { getRegistrationByCode } from "@/lib/training/registrations";

export async function generateMetadata(): Promise<Metadata> {
  // A page that holds a personal code: kept out of search engines.
  return { title: (await getTranslations("schedule.done"))("title"), robots: { index: false, follow: false } };
}

export default async function RegisteredPage({ params }: { params: Promise<{ code: string }> }) {
  const [{ code }, t, tc, format, commune] = await Promise.all([
    params,
    getTranslations("schedule.done"),
    getTranslations("schedule"),
    getFormatter(),
    getPortalCommune(),
  ]);
  const reg = commune ? await getRegistrationByCode(commune.id, code) : null;
  if (!reg) notFound();
  const svg = await QRCode.toString(reg.code, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const shown = showRegistrationCode(reg.code);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title={t(
          reg.status === "cancelled" || reg.event.status === "cancelled"
            ? "titleCancelled"
            : reg.status === "waitlist"
              ? "titleWaitlist"
              : "title",
        )}
      />
      <div aria-live="polite" className="mb-4">
        {reg.event.status === "cancelled" ? (
          <FormMessage tone="error">{t("classCancelled")}</FormMessage>
        ) : reg.status === "confirmed" ? (
          <FormMessage tone="success">{t("confirmed")}</FormMessage>
        ) : reg.status === "waitlist" ? (
          <FormMessage tone="success">{t("waitlist", { position: reg.position ?? 1 })}</FormMessage>
        ) : (
          <FormMessage tone="error">{t("cancelled")}</FormMessage>
        )}
      </div>
      <Card>
        <p className="text-sm text-slate-600">{t("code")}</p>
        <p className="font-mono text-3xl font-bold tracking-widest" data-testid="registration-code">
          {shown}
        </p>
        <div
          role="img"
          aria-label={t("qr", { code: reg.code })}
          className="mx-auto mt-4 w-56 max-w-full [&>svg]:h-auto [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <p className="mt-3 text-sm text-slate-700">{t("codeHelp")}</p>
      </Card>
      <Card className="mt-4">
        <h2 className="font-semibold">{reg.event.title}</h2>
        <p className="mt-1 text-sm text-slate-700">
          {format.dateTime(reg.event.startsAt, "long")} · {reg.event.place}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a
            href={`/schedule/${reg.event.id}/ics`}
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
            download
          >
            {tc("class.addToCalendar")}
          </a>
        </div>
      </Card>
      <div className="mt-4 flex flex-wrap gap-2">
        <ButtonLink href="/schedule" variant="secondary">
          {tc("class.back")}
        </ButtonLink>
        {reg.status !== "cancelled" && reg.event.status !== "cancelled" ? (
          <Link
            href={`/schedule/cancel?code=${reg.code}`}
            className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline"
          >
            {tc("cancelLink")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
