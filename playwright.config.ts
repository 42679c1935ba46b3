import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { SMPP_TEST_ENV } from "./e2e/sms-env";

// Debian's Chromium where present (a test tool's own browser download fails in a closed network);
// otherwise Playwright's own browser.
const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data-e2e";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // Generous limits: CI's 2-core machine may be shared with other work (load average 20 was seen),
  // and every wait is on state, so a long limit costs nothing when the page is quick.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    actionTimeout: 60_000,
    navigationTimeout: 90_000,
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Chromium does not run under libfaketime (TEST_CLOCK): its clock is set per page instead (e2e/test.ts).
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "LD_PRELOAD" && !k.startsWith("FAKETIME"))),
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /phone\..*spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 } }, testMatch: /phone\..*spec\.ts/ },
  ],
  // The production build on a fresh embedded database with the demo data (scripts/serve.ts).
  webServer: {
    command: `rm -rf ${DATA_DIR} && tsx --conditions=react-server scripts/serve.ts start`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR,
      EMBEDDED_PG_PORT: String(process.env.E2E_PG_PORT ?? 54339),
      DEMO_MODE: "1",
      DATABASE_URL: "",
      // The specs act as clients behind one trusted proxy: each sets its own X-Forwarded-For.
      TRUSTED_PROXY_HOPS: "1",
      // Messages go to the log (MESSAGE_CHANNEL unset); an SMS queued by e2e/sms.spec.ts's own
      // server may be sent by this one's worker, through the same test provider.
      ...SMPP_TEST_ENV,
    },
  },
});
