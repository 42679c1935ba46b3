import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib modules holding the database or secrets import "server-only", which throws outside
      // React's server condition; tests run them in Node on purpose.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file gets its own database (a copy of a migrated template), so files run in parallel.
    pool: "forks",
    // On CI's loaded 2-core machine a timing-sensitive test may lose a race once; a real failure
    // fails twice, and the closing summary names it either way.
    retry: process.env.CI ? 1 : 0,
    // next.config.ts enables authInterrupts; Next passes it to forbidden() through this variable.
    // The tests act as clients behind one trusted proxy, so each caller can have its own address.
    env: { TZ: "UTC", __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true", TRUSTED_PROXY_HOPS: "1" },
  },
});
