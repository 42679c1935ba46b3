import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, policyOptions } from "@/lib/security/csp.mjs";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";

// A convenience only: anonymous visitors to portal pages go to the sign-in page. Every page,
// action and route checks the user's role and commune on the server itself (lib/auth/session.ts).
const PORTAL = ["/admin", "/official", "/branch", "/volunteer", "/resident", "/city", "/home"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

// The public pages that show no personal data, as an anonymous visitor sees them with no query:
// rendered once per language under app/cached/ and served from the page cache
// (lib/cache/page-cache.mjs, docs/decisions/0025). A signed-in visitor, or a filtered or paged
// schedule, gets the same page rendered for the request.
const CACHED = /^\/(?:schedule(?:\/\d{1,9})?|progress|privacy|login)?$/;
const CACHED_PREFIX = "/cached";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = SESSION_COOKIES.some((c) => request.cookies.has(c));
  const isPortal = PORTAL.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (isPortal && !signedIn) {
    const url = new URL("/login", request.url);
    url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }
  if (pathname === CACHED_PREFIX || pathname.startsWith(`${CACHED_PREFIX}/`)) {
    // A cached page carries its own policy (the hashes of its inline scripts).
    return NextResponse.next();
  }
  if (!signedIn && search === "" && CACHED.test(pathname)) {
    const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
    const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
    const url = request.nextUrl.clone();
    url.pathname = `${CACHED_PREFIX}/${locale}${pathname === "/" ? "" : pathname}`;
    return NextResponse.rewrite(url);
  }
  // Rendered for this request: a nonce fresh for it. Next.js reads the nonce from the request's
  // own CSP header and puts it on every script it renders; 'strict-dynamic' lets those scripts
  // load the page's chunks, and nothing else runs.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy([`'nonce-${nonce}'`, "'strict-dynamic'"], policyOptions());
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
