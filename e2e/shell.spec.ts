import { expect, test } from "./test";
import { expectHeading, signIn } from "./fixtures";

test("switching to English and back works, and the choice is remembered", async ({ page }) => {
  await signIn(page, "official");
  await expectHeading(page, "Tổng quan chuyển đổi số");
  await page.getByRole("button", { name: "Ngôn ngữ: English" }).click();
  await expectHeading(page, "Digital transformation overview");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/official$/);
  await page.reload();
  await expectHeading(page, "Digital transformation overview");
  await page.getByRole("button", { name: "Language: Tiếng Việt" }).click();
  await expectHeading(page, "Tổng quan chuyển đổi số");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});

test("navigation shows only what the role may use", async ({ page }) => {
  await signIn(page, "volunteer");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Hộ được giao" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Tổng quan" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Quản trị" })).toHaveCount(0);
});

test("the public page shows the commune's headline progress without an account", async ({ page }) => {
  await page.goto("/");
  await expectHeading(page, "Công dân số Xã Tứ Kỳ");
  await expect(page.getByText("Hộ đã được hỗ trợ")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lớp Bình dân học vụ số sắp tới" })).toBeVisible();
});

test("an unknown address shows the not-found page", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expectHeading(page, "Không tìm thấy trang");
});

test("pages carry the baseline security headers", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(res.headers()["permissions-policy"]).toContain("camera=(self)");
  expect(res.headers()["x-powered-by"]).toBeUndefined();
});

test("the health endpoint checks the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.database.ok).toBe(true);
});
