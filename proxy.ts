import { NextResponse, type NextRequest } from "next/server";

// A convenience only: anonymous visitors to portal pages go to the sign-in page. Every page,
// action and route checks the user's role and commune on the server itself (lib/auth/session.ts).
const PORTAL = ["/admin", "/official", "/branch", "/volunteer", "/resident", "/city", "/home"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPortal = PORTAL.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (isPortal && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = new URL("/login", request.url);
    url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set("x-pathname", pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
