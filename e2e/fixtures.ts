import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "congdanso";

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

export async function expectHeading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}
