import { expect, test } from "@playwright/test";
import { expectHeading, signIn } from "./fixtures";

test("on a 360-pixel phone, a volunteer sees their households, most in need first", async ({ page }) => {
  await signIn(page, "volunteer");
  await expectHeading(page, "Hộ được giao");
  const items = page.getByRole("main").getByRole("listitem");
  expect(await items.count()).toBeGreaterThan(3);
  // Never-visited households come first.
  await expect(items.first()).toContainText("Chưa đến lần nào");
  // Nothing overflows sideways on a narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
