import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";

test("the admin sees a household view in the audit trail, filtered by record type", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/households");
  const first = page
    .locator('main a[href^="/households/"]')
    .filter({ hasNotText: /Thêm|Tạo/ })
    .first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/households\/\d+$/);
  await page.goto(href!);
  await page.goto("/admin/audit?entity=household");
  await expectHeading(page, "Nhật ký truy cập và thay đổi");
  await expect(page.getByRole("table")).toContainText("household.view");
  await expect(page.getByRole("table")).toContainText(`household ${href!.split("/").pop()}`);
});

test("the audit trail is the admin's alone", async ({ page }) => {
  await signInAs(page, "official");
  expect((await page.goto("/admin/audit"))?.status()).toBe(403);
});
