import { expect, test } from "./test";
import { expectHeading, registerResident, signIn } from "./fixtures";

function uniquePhone(): string {
  return "09" + String(Date.now() % 100_000_000).padStart(8, "0");
}

test("a resident creates an account with a phone number and signs in with it", async ({ page }) => {
  const phone = uniquePhone();
  // Typed with spaces, as people write a phone number.
  await registerResident(page, {
    name: "Phạm Thị Thu Hà",
    phone: `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`,
    password: "mat-khau-rieng",
  });
  await expect(page.getByRole("status").filter({ hasText: "Đã nhận đăng ký" })).toHaveText(
    "Đã nhận đăng ký. Mời bạn đăng nhập, rồi nhập mã xác minh vừa gửi tới số điện thoại của bạn.",
  );
  await signIn(page, phone, "mat-khau-rieng");
  await expect(page).toHaveURL(/\/resident$/);
  await expectHeading(page, "Xin chào, Phạm Thị Thu Hà");
});

test("bad registration input gets a message beside each field, and nothing is saved", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill("Lê Văn Nam");
  await page.getByLabel("Số điện thoại", { exact: true }).fill("12345");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("short");
  await page.getByLabel("Nhập lại mật khẩu").fill("different");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText(/Số điện thoại di động không hợp lệ/)).toBeVisible();
  await expect(page.getByText("Mật khẩu cần ít nhất 10 ký tự.")).toBeVisible();
  await expect(page.getByText("Hai mật khẩu không khớp.")).toBeVisible();
  await expect(page.getByText("Cần có sự đồng ý của bạn để tạo tài khoản.")).toBeVisible();
  // What was typed is kept (not the passwords).
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Lê Văn Nam");
});
