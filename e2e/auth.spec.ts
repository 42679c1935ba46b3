import { expect, test } from "./test";
import { expectHeading, signIn } from "./fixtures";

const HOMES = [
  { username: "admin", path: "/admin", heading: "Quản trị" },
  { username: "official", path: "/official", heading: "Tổng quan chuyển đổi số" },
  { username: "leader", path: "/branch", heading: /Chi đoàn/ },
  { username: "volunteer", path: "/volunteer", heading: "Hộ được giao" },
  { username: "resident", path: "/resident", heading: /Xin chào/ },
  { username: "city", path: "/city", heading: "So sánh các xã, phường" },
];

for (const home of HOMES) {
  test(`${home.username} signs in and lands on their own page`, async ({ page }) => {
    await signIn(page, home.username);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expectHeading(page, home.heading);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
}

test("the official's dashboard shows real figures from the database", async ({ page }) => {
  await signIn(page, "official");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan chuyển đổi số" })).toBeVisible({ timeout: 30_000 });
  // The demo commune has 2,000 households (Vietnamese number format: 2.000): households reached
  // are counted out of them.
  await expect(page.locator('[data-indicator="households_reached"]')).toContainText("/2.000", { timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Tỷ lệ người trưởng thành có kỹ năng" })).toContainText("VNeID");
});

test("a volunteer opening an official's page is refused, with the reason", async ({ page }) => {
  await signIn(page, "volunteer");
  await expect(page).toHaveURL(/\/volunteer$/);
  const response = await page.goto("/official");
  expect(response?.status()).toBe(403);
  await expectHeading(page, "Bạn không có quyền xem trang này");
  await expect(page.getByText("Trang này dành cho vai trò khác")).toBeVisible();
  // …and the admin area too.
  expect((await page.goto("/admin"))?.status()).toBe(403);
});

test("the city role sees communes compared, and no commune's own pages", async ({ page }) => {
  await signIn(page, "city");
  await expect(page.getByRole("table", { name: "So sánh các xã, phường", exact: true })).toContainText("Xã Tứ Kỳ");
  expect((await page.goto("/official"))?.status()).toBe(403);
});

test("a wrong password shows a clear message and signs no one in", async ({ page }) => {
  await signIn(page, "official", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Sai" })).toHaveText("Sai tên đăng nhập, số điện thoại hoặc mật khẩu.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Số điện thoại hoặc tên đăng nhập")).toHaveValue("official");
});

test("an empty form shows a message beside each field", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Vui lòng điền mục này.")).toHaveCount(2);
});

test("an anonymous visitor to a portal page is sent to sign in", async ({ page }) => {
  await page.goto("/official");
  await expect(page).toHaveURL(/\/login\?next=%2Fofficial$/);
  await signIn(page, "official");
  await expect(page).toHaveURL(/\/official$/);
});

test("the sign-in page lists the demo accounts in demo mode", async ({ page }) => {
  await page.goto("/login");
  const demo = page.getByRole("complementary", { name: "Tài khoản trình diễn" });
  await expect(demo).toContainText("Mật khẩu chung: congdanso");
  for (const h of HOMES) await expect(demo.getByText(h.username, { exact: true })).toBeVisible();
});
