import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, policyOptions, ZOD_JITLESS_HASH } from "@/lib/security/csp.mjs";
import { SESSION_COOKIES, servedFromCache } from "@/lib/cache/cached-pages";

// A convenience only: anonymous visitors to portal pages go to the sign-in page. Every page,
// action and route checks the user's role and commune on the server itself (lib/auth/session.ts).
const PORTAL = ["/admin", "/official", "/branch", "/volunteer", "/resident", "/city", "/home"];
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
    // Reached only through next.config.ts's rewrites: asked for by name, it is the page's address.
    const url = request.nextUrl.clone();
    url.pathname = pathname.replace(/^\/cached(?:\/[^/]*)?/, "") || "/";
    return NextResponse.redirect(url, 308);
  }
  const options = policyOptions();
  if (!options.dev && servedFromCache(pathname, request.nextUrl.searchParams, (c) => request.cookies.has(c))) {
    // next.config.ts rewrites it to its cached copy (app/cached/), which carries its own policy:
    // the hashes of its inline scripts (lib/cache/page-cache.mjs, docs/decisions/0025). `next dev`
    // keeps no cache and renders it per request: it gets a nonce like any other page.
    return NextResponse.next();
  }
  // Rendered for this request: a nonce fresh for it. Next.js reads the nonce from the request's
  // own CSP header and puts it on every script it renders; 'strict-dynamic' lets those scripts
  // load the page's chunks, and nothing else runs.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy([`'nonce-${nonce}'`, "'strict-dynamic'", ZOD_JITLESS_HASH], options);
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
