import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
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

/**
 * Zod compiles a fast parser with `new Function` where it may, and finds out by trying once, at the
 * first object schema a page's scripts build. The Content-Security-Policy forbids eval, so in the
 * browser that try is a reported CSP violation (Lighthouse: best-practices 96). Zod reads its
 * configuration from globalThis.__zod_globalConfig: set jitless there before any chunk runs, and
 * it never tries (parsing a form's fields needs no compiled parser).
 */
const ZOD_JITLESS = "(globalThis.__zod_globalConfig ??= {}).jitless = true;";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b5cad" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user, t, messages, nonce] = await Promise.all([
    getLocale(),
    getCurrentUser(),
    getTranslations("app"),
    getMessages(),
    headers().then((h) => h.get("x-nonce") ?? undefined),
  ]);
  return (
    <html lang={locale}>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
      </head>
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
