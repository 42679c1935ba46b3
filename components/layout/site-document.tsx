import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { clientMessages, EVERY_PAGE } from "@/lib/i18n/client-messages";
import { ZOD_JITLESS } from "@/lib/security/csp.mjs";
import "@/app/globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b5cad" };

/**
 * The document every page is drawn in: language, header, demo banner, the messages every page may
 * need. The root layouts render it: app/(portal) and app/(public) per request, with the user and
 * the request's CSP nonce; app/cached/[locale] once per language, for anyone, with no nonce (the
 * page cache lists its inline scripts' hashes instead, docs/decisions/0025).
 */
export async function SiteDocument({ user, nonce, children }: { user: CurrentUser | null; nonce?: string; children: ReactNode }) {
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations("app"), getMessages()]);
  return (
    <html lang={locale}>
      {/* eslint-disable-next-line @next/next/no-head-element -- the App Router document's own head (next/head is Pages Router) */}
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

/** The document of a page rendered for this request: the signed-in user and the request's nonce. */
export async function RequestDocument({ children }: { children: ReactNode }) {
  const [user, nonce] = await Promise.all([getCurrentUser(), headers().then((h) => h.get("x-nonce") ?? undefined)]);
  return (
    <SiteDocument user={user} nonce={nonce}>
      {children}
    </SiteDocument>
  );
}
