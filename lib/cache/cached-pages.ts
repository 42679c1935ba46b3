// Which requests get a cached public page (docs/decisions/0025), in one place: next.config.ts
// turns it into rewrites (Next.js's own, internal whatever address the server listens on), and
// proxy.ts asks `servedFromCache` so as not to give those requests a nonce policy of their own.
import { LOCALES, LOCALE_COOKIE, DEFAULT_LOCALE } from "../i18n/config";

/** The public pages that show no personal data (each is `app/cached/[locale]<page>`). */
export const CACHED_PAGES = ["/", "/schedule", "/schedule/:id(\\d{1,9})", "/progress", "/privacy", "/login"] as const;

/** Signed in: the page is rendered for the person (their header, a resident's one-tap sign-up). */
export const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

/** A filtered or paged schedule, or a sign-in with somewhere to go next: rendered per request. */
const PER_REQUEST_QUERY = ["topic", "village", "audience", "page", "next", "registered", "activated"] as const;

type Condition = { type: "cookie" | "query"; key: string; value?: string };
type Rewrite = { source: string; destination: string; has?: Condition[]; missing: Condition[] };

const MISSING: Condition[] = [
  ...SESSION_COOKIES.map((key) => ({ type: "cookie" as const, key })),
  ...PER_REQUEST_QUERY.map((key) => ({ type: "query" as const, key })),
];

/** next.config.ts `rewrites().beforeFiles`: each page, in the language its visitor chose. */
export function cachedPageRewrites(): Rewrite[] {
  const target = (locale: string, page: string) => `/cached/${locale}${page === "/" ? "" : page.replace(/\(.*\)$/, "")}`;
  return CACHED_PAGES.flatMap((page) => [
    ...LOCALES.filter((l) => l !== DEFAULT_LOCALE).map((locale) => ({
      source: page,
      destination: target(locale, page),
      has: [{ type: "cookie" as const, key: LOCALE_COOKIE, value: locale }],
      missing: MISSING,
    })),
    { source: page, destination: target(DEFAULT_LOCALE, page), missing: MISSING },
  ]);
}

const PAGE_PATTERN = /^\/(?:schedule(?:\/\d{1,9})?|progress|privacy|login)?$/;

/** Whether the rewrites above send this request to a cached page (the same rule, for proxy.ts). */
export function servedFromCache(pathname: string, query: URLSearchParams, hasCookie: (name: string) => boolean): boolean {
  return PAGE_PATTERN.test(pathname) && !SESSION_COOKIES.some(hasCookie) && !PER_REQUEST_QUERY.some((key) => query.has(key));
}
