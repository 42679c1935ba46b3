import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./test";
import { expectHeading, signInAs } from "./fixtures";

/** A name no other test uses, so parallel tests never read each other's households. */
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test("on a 360-pixel phone, an official registers a household's business, edits it and sees it on the household", async ({
  page,
  freshUser,
}) => {
  await signInAs(page, await freshUser("official"));
  const head = unique("Lương Thị Kinh Doanh");
  await page.goto("/households/new");
  await page.getByLabel("Thôn", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Họ và tên chủ hộ").fill(head);
  await page.getByLabel("Địa chỉ").fill("Số 3, xóm Chợ");
  await page.getByLabel("Năm sinh của chủ hộ").fill("1975");
  await page.getByLabel("Giới tính của chủ hộ").selectOption("female");
  await page.getByLabel("Chủ hộ đã nghe và đồng ý").check();
  await page.getByRole("button", { name: "Thêm hộ", exact: true }).click();
  await expect(page).toHaveURL(/\/households\/\d+$/);
  const householdPath = new URL(page.url()).pathname;

  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Hộ kinh doanh" }) });
  await expect(card).toContainText("Hộ không kinh doanh.");
  await card.getByRole("link", { name: "Đăng ký hộ kinh doanh" }).click();
  await expectHeading(page, "Đăng ký hộ kinh doanh");
  await noSidewaysScroll(page);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // A name too short is refused beside the field; what was typed and ticked stays.
  await page.getByLabel("Tên hộ kinh doanh").fill("T");
  await page.getByLabel("Ngành nghề").fill("Tạp hoá");
  await page.getByLabel("Nhận thanh toán không dùng tiền mặt").check();
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expect(page.getByText("Tên hộ kinh doanh cần ít nhất 2 ký tự.")).toBeVisible();
  await expect(page.getByLabel("Tên hộ kinh doanh")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Ngành nghề")).toHaveValue("Tạp hoá");
  await expect(page.getByLabel("Nhận thanh toán không dùng tiền mặt")).toBeChecked();

  const name = unique("Tạp hoá Lương");
  await page.getByLabel("Tên hộ kinh doanh").fill(name);
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${householdPath}#business$`));
  await expect(card).toContainText(name);
  await expect(card).toContainText("Ngành: Tạp hoá");
  await expect(card.getByRole("listitem")).toHaveText(["Nhận thanh toán không dùng tiền mặt"]);

  // Edit: another name and trade, one skill unticked and another ticked.
  await card.getByRole("link", { name: "Sửa hộ kinh doanh" }).click();
  await expectHeading(page, `Sửa hộ kinh doanh ${name}`);
  await expect(page.getByLabel("Tên hộ kinh doanh")).toHaveValue(name);
  await expect(page.getByLabel("Nhận thanh toán không dùng tiền mặt")).toBeChecked();
  await noSidewaysScroll(page);
  const renamed = `${name} 2`;
  await page.getByLabel("Tên hộ kinh doanh").fill(renamed);
  await page.getByLabel("Ngành nghề").fill("Cà phê – giải khát");
  await page.getByLabel("Nhận thanh toán không dùng tiền mặt").uncheck();
  await page.getByLabel("Xuất hoá đơn điện tử").check();
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page).toHaveURL(new RegExp(`${householdPath}#business$`));
  await expect(card).toContainText(renamed);
  await expect(card).toContainText("Ngành: Cà phê – giải khát");
  await expect(card.getByRole("listitem")).toHaveText(["Xuất hoá đơn điện tử"]);
  await noSidewaysScroll(page);

  // The way back without saving.
  await card.getByRole("link", { name: "Sửa hộ kinh doanh" }).click();
  await page.getByRole("link", { name: "Huỷ" }).click();
  // (Next's router may keep the #business the save left on the household's address.)
  await expect(page).toHaveURL(new RegExp(`${householdPath}(#business)?$`));
  await expect(card).toContainText(renamed);
});
