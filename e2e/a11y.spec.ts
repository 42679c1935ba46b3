import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";
import { signIn } from "./fixtures";

// Automated accessibility checks (labels, contrast, landmarks, names) on each role's home.
const PAGES = [
  { who: null, path: "/" },
  { who: null, path: "/login" },
  { who: null, path: "/register" },
  { who: "official", path: "/official" },
  { who: "admin", path: "/admin" },
  { who: "admin", path: "/admin/villages" },
  { who: "official", path: "/official/imports" },
  { who: "leader", path: "/branch" },
  { who: "volunteer", path: "/volunteer" },
  { who: "resident", path: "/resident" },
  { who: "city", path: "/city" },
];

for (const p of PAGES) {
  test(`${p.path} has no serious accessibility violations`, async ({ page }) => {
    if (p.who) {
      await signIn(page, p.who);
      await expect(page).not.toHaveURL(/\/login/);
    }
    await page.goto(p.path);
    // Check the page itself, not its loading state (which a loaded machine shows for a while).
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Đang tải…")).toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("the sign-in form works from the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").focus();
  await page.keyboard.type("official");
  await page.keyboard.press("Tab");
  await page.keyboard.type("congdanso");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/official$/);
});
