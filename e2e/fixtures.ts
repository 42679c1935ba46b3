import type { Role } from "@/lib/auth/roles";
import { expect, type FreshUser, type Page } from "./test";

export const DEMO_PASSWORD = "congdanso";

/** Where each demo account lands once signed in. */
export const HOME = {
  official: /\/official$/,
  admin: /\/admin$/,
  volunteer: /\/volunteer$/,
  leader: /\/branch$/,
  resident: /\/resident$/,
  city: /\/city$/,
} as const;

export type DemoAccount = keyof typeof HOME;

/** Where each role lands once signed in. */
const ROLE_HOME: Record<Role, RegExp> = {
  official: HOME.official,
  admin: HOME.admin,
  volunteer: HOME.volunteer,
  branch_leader: HOME.leader,
  resident: HOME.resident,
  city: HOME.city,
};

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/**
 * Signs in as a demo account (read-only tests) or as a user of the test's own (the `freshUser`
 * fixture, for tests that write), and waits until it has landed on its own page, so the next
 * navigation is signed in.
 */
export async function signInAs(page: Page, who: DemoAccount | FreshUser, options?: { timeout?: number }) {
  if (typeof who === "string") {
    await signIn(page, who);
    await expect(page).toHaveURL(HOME[who], options);
  } else {
    await signIn(page, who.username, who.password);
    await expect(page).toHaveURL(ROLE_HOME[who.role], options);
  }
}

/** A resident of the test's own, created through /register as a person would; ends on /login. */
export async function registerResident(page: Page, { name, phone, password }: { name: string; phone: string; password: string }) {
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Số điện thoại", { exact: true }).fill(phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);
}

export async function expectHeading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}
