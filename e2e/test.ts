// The specs' `test`: Playwright's, with the browser's clock following the run's, and a fixture
// that makes users of the test's own.
// Under TEST_CLOCK (scripts/test-all.ts) the server, PostgreSQL and this process run on a moved
// clock through libfaketime, which Chromium does not survive; so each page's clock is set here to
// the same moment, and runs on from it.
import { test as base } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { createFreshUser, deleteFreshUsers, type FreshUser, type FreshUserOptions } from "./users-db";

export { expect } from "@playwright/test";
export type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";
export type { FreshUser, FreshUserOptions } from "./users-db";

type Fixtures = {
  /**
   * Makes a user of the given role that only this test signs in as (e2e/users-db.ts), deleted
   * with what they recorded once the test's pages are closed. A test that writes (records, edits,
   * changes a user, signs someone out) signs in as one of these, never as a shared demo account:
   * `const official = await freshUser("official"); await signInAs(page, official);`
   */
  freshUser: (role: Role, options?: FreshUserOptions) => Promise<FreshUser>;
};

export type FreshUserFactory = Fixtures["freshUser"];

export const test = base.extend<Fixtures>({
  freshUser: async ({}, provide) => {
    const made: FreshUser[] = [];
    await provide(async (role, options) => {
      const user = await createFreshUser(role, options);
      made.push(user);
      return user;
    });
    if (made.length > 0) await deleteFreshUsers(made);
  },
  // A message a client component reads but its page did not send (lib/i18n/client-messages.ts)
  // shows as its key and is logged by next-intl: any such log fails the test.
  page: async ({ page }, provide) => {
    const missing: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /MISSING_MESSAGE/.test(m.text())) missing.push(m.text());
    });
    await provide(page);
    if (missing.length > 0) throw new Error(`Messages missing in the browser:\n${missing.join("\n")}`);
  },
  // Depends on freshUser so that the test's users are deleted after its pages are closed.
  context: async ({ context, freshUser }, provide) => {
    void freshUser;
    if (process.env.FAKETIME) await context.clock.setSystemTime(new Date());
    await provide(context);
  },
});
