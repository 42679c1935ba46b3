import { NextResponse, type NextRequest } from "next/server";

// A convenience only: anonymous visitors to portal pages go to the sign-in page. Every page,
// action and route checks the user's role and commune on the server itself (lib/auth/session.ts).
const PORTAL = ["/admin", "/official", "/branch", "/volunteer", "/resident", "/city", "/home"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * The page's Content-Security-Policy, with a nonce fresh for this request. Next.js reads the
 * nonce from the request's own CSP header and puts it on every script it renders; 'strict-dynamic'
 * lets those scripts load the page's chunks, and nothing else runs. Styles keep 'unsafe-inline':
 * React renders `style` attributes (recharts positions its charts with them, the layout sets
 * widths such as progress bars), which a nonce cannot cover — CSP nonces apply to <style>
 * elements only, and a nonce in style-src would switch 'unsafe-inline' off. A style cannot run
 * code, so the XSS protection rests on script-src.
 */
function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates source maps; the production build never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // QR codes are data: images; the check-in camera shows a MediaStream.
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    // The offline service worker (public/sw.js) and the web app manifest. Said outright: a worker
    // would otherwise fall under script-src, where 'strict-dynamic' ignores 'self'.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPortal = PORTAL.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (isPortal && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = new URL("/login", request.url);
    url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: process.env.AUTH_URL?.startsWith("https://") ?? false,
  });
  const headers = new Headers(request.headers);
  headers.set("x-pathname", pathname + search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
