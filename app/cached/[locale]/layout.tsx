import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteDocument, generateMetadata as documentMetadata } from "@/components/layout/site-document";
import { routedLocale } from "@/lib/i18n/routed-locale";

export { viewport } from "@/components/layout/site-document";

// A root layout: the public pages that show no personal data, as an anonymous visitor sees them,
// rendered once per language on first request and served from the page cache
// (lib/cache/page-cache.mjs) until their data changes, a minute at most. proxy.ts routes
// /, /schedule, /schedule/<id>, /progress, /privacy and /login here. docs/decisions/0025.
export const dynamic = "error";
export const revalidate = 60;

type Params = Promise<{ locale: string }>;

// None at build time (there is no database then): each is rendered on its first request.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return documentMetadata();
}

export default async function CachedLayout({ children, params }: { children: ReactNode; params: Params }) {
  await routedLocale(params);
  return <SiteDocument user={null}>{children}</SiteDocument>;
}
