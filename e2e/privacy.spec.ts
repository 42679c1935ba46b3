import { readFile } from "node:fs/promises";
import { expect, test } from "./test";
import { expectHeading, registerResident, signIn, signInAs } from "./fixtures";
import { uniquePhone, uniqueTag } from "./training-db";

test("the privacy page is public and in Vietnamese", async ({ page }) => {
  await page.goto("/privacy");
  await expectHeading(page, "Quyền riêng tư và dữ liệu cá nhân");
  await expect(page.getByText("tối đa 2 năm sau đó")).toBeVisible();
  await expect(page.getByText(/không bao giờ hỏi hay lưu mật khẩu/)).toBeVisible();
});

test("the register form links to the privacy page", async ({ page }) => {
  await page.goto("/register");
  await expect(page.getByRole("link", { name: "Đọc chính sách quyền riêng tư" })).toHaveAttribute("href", "/privacy");
});

test("a resident downloads their data as JSON and CSV", async ({ page }) => {
  await signIn(page, "resident");
  await expectHeading(page, /Xin chào/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải tệp JSON" }).click()]);
  const data = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(data.user.name).toBe("Hoàng Văn Thắng");
  expect(data.household.address).toBeTruthy();
  expect(JSON.stringify(data)).not.toContain("passwordHash");
  const csv = await page.request.get("/api/me/export?format=csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.csv"$/);
  expect(await csv.text()).toContain("Hoàng Văn Thắng");
});

test("the export is refused to anonymous visitors and other roles", async ({ page }) => {
  expect((await page.request.get("/api/me/export")).status()).toBe(401);
  await signInAs(page, "volunteer");
  expect((await page.request.get("/api/me/export")).status()).toBe(403);
});

test("a resident sees the consent they gave on /register, with its text and version, and withdraws it", async ({ page }) => {
  const name = `Người Đồng Ý ${uniqueTag()}`;
  const phone = uniquePhone();
  const password = "Sông Thái Bình 2026";
  await registerResident(page, { name, phone, password });
  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);

  const consents = page.locator("#consents");
  await expect(consents.getByRole("heading", { name: "Sự đồng ý của tôi" })).toBeVisible();
  await expect(consents).toContainText("Xử lý dữ liệu tài khoản");
  await expect(consents).toContainText("register.v1");
  await consents.getByRole("button", { name: "Rút lại sự đồng ý" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã rút lại sự đồng ý." })).toBeVisible();
  await expect(consents).toContainText("Đã rút lại lúc");
  await expect(consents.getByRole("button", { name: "Rút lại sự đồng ý" })).toHaveCount(0);
});
