import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";

/** Today in Vietnam as yyyy-mm-dd: shifts can only start on a campaign's days. */
const todayInVietnam = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());

test("on a phone, a volunteer finds their walk list, logs a shift, and the summary shows their hours", async ({
  page,
  freshUser,
}) => {
  const name = `Ngày thứ bảy tình nguyện ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const today = todayInVietnam();
  // People of the test's own: the official, and a volunteer with a branch of their own and a
  // partner in it to walk with.
  const official = await freshUser("official");
  const volunteer = await freshUser("volunteer");
  const branch = volunteer.branch!;
  await freshUser("volunteer", { branchId: branch.id });

  // The official sets up today's Volunteer Saturday with the volunteer's branch taking part.
  await signInAs(page, official);
  await page.goto("/campaigns/new");
  await page.getByLabel("Tên đợt").fill(name);
  await page.getByLabel("Ngày bắt đầu").fill(today);
  await page.getByLabel("Ngày kết thúc").fill(today);
  await page.getByRole("checkbox", { name: "Thôn An Lão", exact: true }).check();
  await page.getByRole("checkbox", { name: "Thôn Đồng Tâm", exact: true }).check();
  await page.getByRole("checkbox", { name: branch.name, exact: true }).check();
  await page.getByLabel("Kỹ năng còn thiếu").selectOption({ label: "Định danh điện tử VNeID mức 2" });
  await page.getByLabel("Từ tuổi").fill("60");
  await page.getByRole("button", { name: "Tạo đợt ra quân" }).click();
  await expectHeading(page, name);
  await page.getByRole("button", { name: "Lập danh sách đi hộ" }).click();
  await expect(page.getByText(/^Đã lập \d+ danh sách với \d+ hộ\.$/)).toBeVisible();
  const campaignId = /\/campaigns\/(\d+)/.exec(page.url())?.[1];
  expect(campaignId).toBeTruthy();
  // On a phone, signing out is in the header's menu.
  await page.locator("summary", { hasText: "Menu" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The volunteer sees the campaign their branch takes part in…
  await signInAs(page, volunteer);
  await page.goto("/campaigns");
  await page.getByRole("link", { name: new RegExp(`^Xem đợt ${name}`) }).click();
  await expectHeading(page, name);
  await page.getByRole("link", { name: "Danh sách của tôi" }).click();

  // …and their own walk list, with one-tap links to record a visit on this campaign.
  await expectHeading(page, "Danh sách của tôi");
  const record = page.getByRole("link", { name: /^Ghi lượt hỗ trợ cho hộ / });
  expect(await record.count()).toBeGreaterThan(0);
  await expect(record.first()).toHaveAttribute("href", new RegExp(`^/visits/new\\?household=\\d+&campaign=${campaignId}$`));
  await expect(page.getByText(/^Đi cùng: /).first()).toBeVisible();
  await expect(page.getByText(/^Cần hỗ trợ: .*\(\d+ tuổi\)/).first()).toBeVisible();

  // Start, then finish a shift.
  await expect(page.getByText("Chưa vào ca")).toBeVisible();
  await page.getByRole("button", { name: "Bắt đầu ca" }).click();
  await expect(page.getByText(/^Đang trong ca từ \d{2}:\d{2}$/)).toBeVisible();
  await page.getByRole("button", { name: "Kết thúc ca" }).click();
  await expect(page.getByText("Chưa vào ca")).toBeVisible();
  await expect(page.getByRole("button", { name: "Bắt đầu ca" })).toBeVisible();

  // Nothing overflows sideways on a narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The summary shows the volunteer's hours.
  await page.getByRole("link", { name: "Xem tổng kết đợt" }).click();
  await expectHeading(page, name);
  const hours = page.getByRole("table", { name: "Giờ của đoàn viên" });
  const row = hours.getByRole("row", { name: new RegExp(volunteer.name) });
  await expect(row).toContainText(branch.name);
  await expect(row).toContainText("Đã xong");
  await expect(row).toContainText(/\d+(,\d)? giờ/);
});
