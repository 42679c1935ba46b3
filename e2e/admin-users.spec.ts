import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { uniqueTag } from "./training-db";
import { withoutToneMarks } from "@/lib/format/names";

// Both tests change a user's sessions: each signs in as an admin and a resident of its own.
test("the admin revokes a user's sessions: that user's next page load goes to /login", async ({ page, browser, freshUser }) => {
  // Two people and three sign-ins in one test.
  test.slow();
  const name = `Người Thu Hồi ${uniqueTag()}`;
  const resident = await freshUser("resident", { name });
  await signInAs(page, resident);
  await expectHeading(page, `Xin chào, ${name}`);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, await freshUser("admin"), { timeout: 30_000 });
  await admin.getByRole("link", { name: "Người dùng" }).first().click();
  await expectHeading(admin, "Người dùng");
  // Searched without diacritics, as people type on a phone.
  await admin.getByLabel(/Tìm theo họ tên/).fill(withoutToneMarks(name));
  await admin.getByRole("button", { name: "Tìm" }).click();
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Đang hoạt động");
  await row.getByRole("link", { name: `Thu hồi phiên: ${name}` }).click();
  await expectHeading(admin, `Thu hồi phiên đăng nhập của ${name}?`);
  await admin.getByRole("button", { name: "Xác nhận" }).click();
  await expect(admin.getByText("Đã thu hồi các phiên đăng nhập.")).toBeVisible();

  // The audit trail shows it, with the values before and after.
  await admin.goto("/admin/audit?action=user.revoke");
  await expect(admin.getByRole("row").filter({ hasText: "user.revoke" }).first()).toContainText("sessionVersion");
  await adminContext.close();

  await page.goto("/resident");
  await expect(page).toHaveURL(/\/login/);
  // Signing in again works: revoking ends sessions, it does not close the account.
  await signInAs(page, resident);
  await expectHeading(page, `Xin chào, ${name}`);
});

test("the admin cannot revoke their own sessions without ticking the confirmation", async ({ page, freshUser }) => {
  test.slow();
  const admin = await freshUser("admin");
  await signInAs(page, admin, { timeout: 30_000 });
  await page.goto(`/admin/users?q=${encodeURIComponent(admin.name)}`);
  const row = page.getByRole("row").filter({ hasText: "(bạn)" });
  await row.getByRole("link", { name: /Khoá tài khoản/ }).click();
  await expect(page.getByText("Đây là tài khoản của chính bạn: bạn sẽ bị đăng xuất ngay.")).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "hãy đánh dấu" })).toBeVisible();
  await page.getByRole("link", { name: "Huỷ" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.goto(`/admin/users?q=${encodeURIComponent(admin.name)}`);
  await expect(page.getByRole("row").filter({ hasText: "(bạn)" })).toContainText("Đang hoạt động");
});
