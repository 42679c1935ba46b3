import { expect, test } from "./test";
import { expectHeading, signIn } from "./fixtures";

test("on a 360-pixel phone, a volunteer sees their households, most in need first", async ({ page }) => {
  await signIn(page, "volunteer");
  await expectHeading(page, "Hộ được giao");
  const items = page.getByRole("main").getByRole("listitem");
  expect(await items.count()).toBeGreaterThan(3);
  // Follow-ups that are due come first, then never-visited households.
  await expect(items.first()).toContainText(/Đến hẹn quay lại|Chưa đến lần nào/);
  await expect(page.getByText("Chưa đến lần nào").first()).toBeVisible();
  // Nothing overflows sideways on a narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
