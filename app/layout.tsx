import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import { clientMessages, EVERY_PAGE } from "@/lib/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b5cad" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user, t, messages] = await Promise.all([getLocale(), getCurrentUser(), getTranslations("app"), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        {/* Only the messages every page may need here: each client component gets its own where it
            is rendered (components/i18n/client-messages.tsx), never the whole catalogue. */}
        <NextIntlClientProvider messages={clientMessages(messages, EVERY_PAGE)}>
          <SiteHeader user={user} />
          {process.env.DEMO_MODE === "1" ? (
            <p className="bg-amber-100 px-4 py-1 text-center text-sm text-amber-900">{t("demoBanner")}</p>
          ) : null}
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
