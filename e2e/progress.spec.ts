import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";

test("/progress shows the commune's figures without signing in", async ({ page }) => {
  const response = await page.goto("/progress");
  expect(response?.status()).toBe(200);
  await expectHeading(page, /Tiến độ chuyển đổi số/);
  await expect(page).toHaveTitle(/Tiến độ chuyển đổi số/);
  await expect(page.getByText("Hộ đã được đến hỗ trợ")).toBeVisible();
  await expect(page.getByText("Người tham gia cuộc thi gần nhất")).toBeVisible();
  // Tứ Kỳ's last contest: 18,625 participants (Vietnamese format).
  await expect(page.getByText("18.625", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Tỷ lệ người lớn có từng kỹ năng số" })).toContainText("VNeID");
  const trend = page.getByRole("table", { name: "Tỷ lệ nộp trực tuyến 6 tháng gần nhất có số liệu" });
  await expect(trend.locator("tbody tr")).toHaveCount(6);
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
});

test("an official enters a month's figures and sees its online rate", async ({ page, freshUser }) => {
  await signInAs(page, await freshUser("official"));
  await expectHeading(page, "Tổng quan chuyển đổi số");
  await page.goto("/official/figures");
  await expectHeading(page, "Số liệu hành chính hằng tháng");
  await expect(page.getByRole("table", { name: "12 tháng gần nhất" })).toBeVisible();

  // A month long past, so no other test's figures change.
  await page.getByLabel("Tháng", { exact: true }).fill("2019-03");
  await page.getByLabel("Tổng số hồ sơ tiếp nhận").fill("80");
  await page.getByLabel("Số hồ sơ nộp trực tuyến").fill("90");
  await page.getByRole("button", { name: "Lưu số liệu" }).click();
  await expect(page.getByText("Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ.")).toBeVisible();

  await page.getByLabel("Số hồ sơ nộp trực tuyến").fill("60");
  await page.getByRole("button", { name: "Lưu số liệu" }).click();
  await expect(page).toHaveURL(/saved=2019-03/);
  await expect(page.getByRole("status")).toContainText("tháng 03, 2019");
  await expect(page.getByRole("status")).toContainText("75%");

  // Correcting it opens the month with what was entered.
  await page.goto("/official/figures?month=2019-03");
  await expect(page.getByRole("heading", { name: "Sửa số liệu tháng 03, 2019" })).toBeVisible();
  await expect(page.getByLabel("Số hồ sơ nộp trực tuyến")).toHaveValue("60");
  await page.getByRole("link", { name: "Về trang cán bộ" }).click();
  await expect(page).toHaveURL(/\/official$/);
});
