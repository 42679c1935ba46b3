// The specs' `test`: Playwright's, with the browser's clock following the run's.
// Under TEST_CLOCK (scripts/test-all.ts) the server, PostgreSQL and this process run on a moved
// clock through libfaketime, which Chromium does not survive; so each page's clock is set here to
// the same moment, and runs on from it.
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";
export type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";

export const test = base.extend({
  context: async ({ context }, provide) => {
    if (process.env.FAKETIME) await context.clock.setSystemTime(new Date());
    await provide(context);
  },
});
