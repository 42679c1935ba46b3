import { expect, test } from "./test";
import { expectHeading, signIn, signInAs } from "./fixtures";

test("a volunteer's household list says what is missing and opens the visit form in one tap", async ({ page }) => {
  await signIn(page, "volunteer");
  await expectHeading(page, "Hộ được giao");
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first).toContainText(/Còn thiếu:|Đã đủ tiêu chí/);
  const name = (await first.locator("p").first().textContent())!.trim();
  await first.getByRole("link", { name: `Ghi lượt hỗ trợ cho hộ ${name}` }).click();
  await expectHeading(page, "Ghi lượt hỗ trợ");
  await expect(page.getByRole("region", { name: "Hộ" })).toContainText(name);
  await expect(page.getByRole("radio", { name: "Đã xong" })).toBeChecked();
});

test("an official may not record visits", async ({ page }) => {
  await signInAs(page, "official");
  const response = await page.goto("/visits/new");
  expect(response?.status()).toBe(403);
});
