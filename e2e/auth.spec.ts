import { randomInt } from "node:crypto";
import { expect, test, type Page } from "./test";
import { SIGNIN_ACCOUNT_LIMIT } from "@/lib/security/limits";
import { expectHeading, signIn, signInAs } from "./fixtures";
import { uniquePhone, withDb } from "./training-db";

const LOCKED = /Đăng nhập tạm khoá vì nhập sai nhiều lần/;

/** Each attempt from an address of its own, as an attacker rotating addresses would. */
const fromNewAddress = (page: Page) =>
  page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` });

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

test("a wrong password shows a clear message and signs no one in", async ({ page, freshUser }) => {
  // A failed sign-in counts against the account: an official of the test's own.
  const official = await freshUser("official");
  await signIn(page, official.username, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Sai" })).toHaveText("Sai tên đăng nhập, số điện thoại hoặc mật khẩu.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Số điện thoại hoặc tên đăng nhập")).toHaveValue(official.username);
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

test("once an account has failed five times, sign-in waits for every spelling of its phone and every address", async ({
  page,
  browser,
  freshUser,
}) => {
  test.setTimeout(120_000);
  const phone = uniquePhone();
  const { id: userId, password } = await freshUser("resident", { phone, name: "Người Bị Dò" });
  const [a, b, c] = [phone.slice(0, 4), phone.slice(4, 7), phone.slice(7)];
  const spellings = [`${a} ${b} ${c}`, `${a}.${b}.${c}`, `+84${phone.slice(1)}`, `${a}-${b}-${c}`, phone];
  expect(spellings).toHaveLength(SIGNIN_ACCOUNT_LIMIT.limit);
  for (const [i, login] of spellings.entries()) {
    await fromNewAddress(page);
    await signIn(page, login, "sai-mat-khau");
    // The failure that reaches the limit says so.
    await expect(
      page.getByText(i < spellings.length - 1 ? "Sai tên đăng nhập, số điện thoại hoặc mật khẩu." : LOCKED),
    ).toBeVisible();
  }
  // The right password, in spellings and from addresses the failures never used, is refused too.
  for (const login of [`+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`, ` ${phone} `]) {
    await fromNewAddress(page);
    await signIn(page, login, password);
    await expect(page.getByText(LOCKED)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  }
  // The commune's admin sees that the account is under attack.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, "admin");
  await adminPage.goto("/admin/audit?action=auth.signin_throttled");
  await expect(adminPage.getByRole("row").filter({ hasText: `user ${userId}` })).toContainText("auth.signin_throttled");
  await admin.close();

  // The real user, still waiting, has a code sent to the account's proven number and signs in with it.
  await page.getByRole("button", { name: "Gửi mã mở khoá tới số điện thoại của tôi" }).click();
  await expect(page.getByText(/mã mở khoá đã được gửi tới số đó/)).toBeVisible();
  const code = await withDb(async (c) => {
    const { rows } = await c.query<{ body: string }>(
      `SELECT body FROM outbox_message WHERE kind = 'signin_unlock' AND recipient = $1 ORDER BY id DESC LIMIT 1`,
      [phone],
    );
    return /\d{6}/.exec(rows[0]?.body ?? "")?.[0];
  });
  expect(code).toBeTruthy();
  await expect(page.getByLabel("Số điện thoại hoặc tên đăng nhập")).toHaveValue(` ${phone} `);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByLabel("Mã mở khoá").fill(code!);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/resident/);
});

test("a session cookie copied before sign-out opens nothing after it", async ({ page, browser, baseURL, freshUser }) => {
  // Signs out and in again: a leader of the test's own.
  const leader = await freshUser("branch_leader");
  await signInAs(page, leader);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);
  const before = await page.request.get("/api/exports/households?format=csv");
  expect(before.status()).toBe(200);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // Someone who kept a copy of the cookie replays it.
  const replay = await browser.newContext({ baseURL, storageState: { cookies: copied, origins: [] } });
  const res = await replay.request.get("/api/exports/households?format=csv");
  expect(res.status()).toBe(401);
  const replayPage = await replay.newPage();
  await replayPage.goto("/branch");
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();

  // Signing in again works, with a session of its own.
  await signInAs(page, leader);
  expect((await page.request.get("/api/exports/households?format=csv")).status()).toBe(200);
});
