import { isDemoMode } from "@/lib/auth/demo";

// The portal's address as people reach it, for links that leave the page: a calendar's class links
// and event UIDs. The request's own URL is the server's listen address (http://0.0.0.0:3000 under
// `next start`), never what a phone can open. AUTH_URL (the public URL next-auth also reads) says it;
// a production start with a real database refuses to run without it (scripts/serve.ts). Development,
// tests and the embedded demo fall back to the Host the browser asked for.

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$/i;

/** The public origin ("https://congdanso.example.vn"): AUTH_URL's, or in development and demo the request's Host. */
export function publicOrigin(headers: Pick<Headers, "get">): string {
  const configured = process.env.AUTH_URL?.trim();
  if (configured) return new URL(configured).origin;
  if (process.env.NODE_ENV === "production" && !isDemoMode()) {
    throw new Error("AUTH_URL is not set: the portal's public URL is needed for links in calendars");
  }
  const host = headers.get("host") ?? "";
  return `http://${HOST.test(host) ? host : "localhost:3000"}`;
}
