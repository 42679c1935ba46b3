import { expect, test, type Page } from "./test";
import { expectHeading, signInAs } from "./fixtures";

const unique = () => `Ngày thứ bảy tình nguyện ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function fillCampaign(page: Page, name: string) {
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Tạo đợt ra quân" }).click();
  await expectHeading(page, "Tạo đợt ra quân");
  await page.getByLabel("Tên đợt").fill(name);
  await page.getByRole("checkbox", { name: "Thôn An Lão", exact: true }).check();
  await page.getByRole("checkbox", { name: "Thôn Đồng Tâm", exact: true }).check();
  await page.getByRole("checkbox", { name: "Chi đoàn Thôn An Lão", exact: true }).check();
  await page.getByRole("checkbox", { name: "Chi đoàn Thôn Đồng Tâm", exact: true }).check();
  // The gap: 60+ without VNeID level 2.
  await page.getByLabel("Kỹ năng còn thiếu").selectOption({ label: "Định danh điện tử VNeID mức 2" });
  await page.getByLabel("Từ tuổi").fill("60");
}

test("an official creates a Volunteer Saturday, builds walk lists and prints them", async ({ page, freshUser }) => {
  const name = unique();
  await signInAs(page, await freshUser("official"));
  await fillCampaign(page, name);
  await page.getByRole("button", { name: "Tạo đợt ra quân" }).click();

  await expectHeading(page, name);
  await expect(page.getByText("Đã lưu đợt ra quân.")).toBeVisible();
  await expect(page.getByText("Người từ 60 tuổi chưa có: Định danh điện tử VNeID mức 2")).toBeVisible();

  await page.getByRole("button", { name: "Lập danh sách đi hộ" }).click();
  await expect(page.getByText(/^Đã lập \d+ danh sách với \d+ hộ\.$/)).toBeVisible();
  const lists = page.getByRole("table", { name: "Các danh sách đi hộ" });
  await expect(lists).toContainText("Thôn An Lão · 1");
  await expect(lists).toContainText("Thôn Đồng Tâm");

  // Rebuilding asks first, then replaces the lists.
  await page.getByRole("button", { name: "Lập lại danh sách" }).click();
  await expect(page.getByText(/Lập lại sẽ thay thế toàn bộ \d+ danh sách hiện có\./)).toBeVisible();
  await page.getByRole("button", { name: "Đồng ý, lập lại" }).click();
  await expect(page.getByText(/^Đã lập \d+ danh sách với \d+ hộ\.$/)).toBeVisible();

  await page.getByRole("link", { name: "In danh sách đi hộ" }).click();
  await expectHeading(page, `Danh sách đi hộ – ${name}`);
  await expect(page.getByRole("button", { name: "In" })).toBeVisible();
  const first = page.getByRole("table", { name: "Thôn An Lão · 1" });
  await expect(first.getByRole("columnheader", { name: "Ai còn thiếu gì" })).toBeVisible();
  await expect(first.getByRole("columnheader", { name: "Đã đến" })).toBeVisible();
  expect(await first.getByRole("row").count()).toBeGreaterThan(1);
  // Each row names who lacks what, aged 60 or more.
  const lacking = await first.getByRole("row").nth(1).getByRole("cell").nth(3).innerText();
  expect(Number(/\((\d+) tuổi\)/.exec(lacking)?.[1])).toBeGreaterThanOrEqual(60);
  await expect(first.getByRole("row").nth(1)).toContainText("chưa có: Định danh điện tử VNeID mức 2");
  await expect(page.getByRole("table", { name: /^Thôn Đồng Tâm · \d+$/ }).first()).toBeVisible();
  // On paper the site header and the buttons are left out.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "In" })).toBeHidden();
});

test("bad input gets a message beside each field, and nothing is saved", async ({ page }) => {
  await signInAs(page, "official");
  await page.goto("/campaigns/new");
  await page.getByLabel("Tên đợt").fill("");
  await page.getByLabel("Ngày kết thúc").fill("2020-01-01");
  await page.getByLabel("Từ tuổi").fill("200");
  await page.getByRole("button", { name: "Tạo đợt ra quân" }).click();
  await expect(page.getByText("Vui lòng nhập tên đợt.")).toBeVisible();
  await expect(page.getByText("Ngày kết thúc không được trước ngày bắt đầu.")).toBeVisible();
  await expect(page.getByText("Vui lòng chọn ít nhất một thôn.")).toBeVisible();
  await expect(page.getByText("Tuổi là số nguyên từ 0 đến 120.")).toBeVisible();
  await expect(page).toHaveURL(/\/campaigns\/new$/);
  await expect(page.getByLabel("Từ tuổi")).toHaveValue("200");
});

test("a volunteer sees campaigns but may not create one", async ({ page }) => {
  await signInAs(page, "volunteer");
  await page.goto("/campaigns");
  await expectHeading(page, "Đợt ra quân");
  await expect(page.getByRole("link", { name: "Tạo đợt ra quân" })).toHaveCount(0);
  // Managing is refused in a layout with no loading boundary above it: a real 403.
  expect((await page.goto("/campaigns/new"))?.status()).toBe(403);
  await expectHeading(page, "Bạn không có quyền xem trang này");
  await expect(page.getByLabel("Tên đợt")).toHaveCount(0);
});

test("a resident may not open campaigns", async ({ page }) => {
  await signInAs(page, "resident");
  expect((await page.goto("/campaigns"))?.status()).toBe(403);
});
