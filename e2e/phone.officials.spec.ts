import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./test";
import { expectHeading, signInAs, type DemoAccount } from "./fixtures";

// Officials, admins and branch leaders on a 360-pixel phone: no page scrolls sideways (a wide
// table scrolls inside its own region), and axe finds nothing serious.
const PAGES: Record<Extract<DemoAccount, "official" | "admin" | "leader">, string[]> = {
  official: [
    "/official",
    "/official/report",
    "/official/villages",
    "/official/figures",
    "/official/contests",
    "/official/branches",
    "/official/unvisited",
    "/official/imports",
    "/training",
    "/training/topics",
    "/households",
    "/campaigns",
    "/campaigns/new",
  ],
  admin: ["/admin", "/admin/criteria", "/admin/villages", "/admin/users", "/admin/erasure", "/admin/outbox", "/admin/audit"],
  leader: ["/branch", "/branch/assign", "/branch/adopt"],
};

/** The page as it settles: its heading, no loading state, and the charts drawn where there are any. */
async function settled(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Đang tải…")).toHaveCount(0);
  if (path === "/official" || path === "/official/report") {
    await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible();
  }
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [who, paths] of Object.entries(PAGES) as [keyof typeof PAGES, string[]][]) {
  test(`on a 360-pixel phone, the ${who}'s pages fit the screen and pass axe`, async ({ page }) => {
    test.setTimeout(300_000);
    await signInAs(page, who);
    const wide: string[] = [];
    const violations: string[] = [];
    for (const path of paths) {
      await settled(page, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) wide.push(`${path}: ${width}px`);
      violations.push(...(await seriousViolations(page)).map((v) => `${path} ${v}`));
    }
    expect(wide).toEqual([]);
    expect(violations).toEqual([]);
  });
}

test("on a 360-pixel phone, the branch's volunteers table says it scrolls and scrolls by keyboard", async ({ page }) => {
  await signInAs(page, "leader");
  await settled(page, "/branch");
  const region = page.getByRole("region", { name: "Hoạt động của đoàn viên tháng này" });
  await expect(region.getByRole("table")).toBeVisible();
  // Wider than the screen: the hint above it says so, and the page itself does not move sideways.
  await expect(page.getByText("Vuốt ngang để xem thêm").last()).toBeVisible();
  expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => window.scrollX)).toBe(0);

  // A table that fits says nothing: the status counts have two narrow columns.
  const counts = page.getByRole("region", { name: "Số gia đình chi đoàn đã nhận theo trạng thái" });
  await expect(counts.getByRole("table")).toBeVisible();
  expect(await counts.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
  await expect(counts.locator("xpath=..").getByText("Vuốt ngang để xem thêm")).toHaveCount(0);
});

test("on a 360-pixel phone, the admin's menu is one row that opens by keyboard", async ({ page }) => {
  await signInAs(page, "admin");
  await expectHeading(page, "Quản trị");
  // The heading starts within the first screenful's top quarter: the menu does not push it down.
  const top = await page.getByRole("heading", { level: 1 }).evaluate((e) => e.getBoundingClientRect().top);
  expect(top).toBeLessThan(185);
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav).toBeHidden();
  await page.locator("summary").filter({ hasText: "Menu" }).focus();
  await page.keyboard.press("Enter");
  await expect(nav.getByRole("link", { name: "Nhật ký" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
});
