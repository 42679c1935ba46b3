import { expect, test } from "./test";
import { expectHeading, registerResident, signIn, signInAs } from "./fixtures";
import { uniquePhone, uniqueTag } from "./training-db";

test("a resident asks for erasure, the admin carries it out, and the resident can no longer sign in", async ({
  page,
  browser,
  freshUser,
}) => {
  test.slow();
  const name = `Người Xoá ${uniqueTag()}`;
  const phone = uniquePhone();
  const password = "Bến đò Tứ Kỳ 2026";
  await registerResident(page, { name, phone, password });

  // The resident asks, and sees the confirmation screen.
  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);
  await expect(page.getByRole("heading", { name: "Sự đồng ý của tôi" })).toBeVisible();
  await page.getByRole("link", { name: "Yêu cầu xoá dữ liệu" }).click();
  await expectHeading(page, "Yêu cầu xoá dữ liệu");
  await page.getByRole("button", { name: "Gửi yêu cầu xoá" }).click();
  await expect(page.getByText("Vui lòng đánh dấu để xác nhận.")).toBeVisible();
  await page.getByLabel("Lý do (không bắt buộc)").fill("Tôi chuyển đi nơi khác");
  await page.getByLabel(/Tôi hiểu rằng dữ liệu sẽ bị xoá/).check();
  await page.getByRole("button", { name: "Gửi yêu cầu xoá" }).click();
  await expectHeading(page, "Đã nhận yêu cầu xoá dữ liệu");
  await expect(page.getByRole("status")).toContainText("đang chờ quản trị viên");

  // The admin sees it pending and carries it out after a confirmation step.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, await freshUser("admin"), { timeout: 30_000 });
  await admin.goto("/admin/erasure");
  await expectHeading(admin, "Yêu cầu xoá dữ liệu");
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Tôi chuyển đi nơi khác");
  await row.getByRole("link", { name: "Xem và xử lý" }).click();
  await expectHeading(admin, `Thực hiện yêu cầu xoá dữ liệu của ${name}?`);
  await admin.getByRole("button", { name: "Thực hiện xoá" }).click();
  await expect(admin.getByText("Đã thực hiện yêu cầu xoá dữ liệu.")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await admin.getByRole("link", { name: "Đã thực hiện" }).click();
  await expect(admin.getByRole("row").filter({ hasText: "Tôi chuyển đi nơi khác" }).first()).toContainText("Đã xoá");
  await adminContext.close();

  // The resident's open session ends, and they cannot sign in again.
  await page.goto("/resident");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, phone, password);
  await expect(page.getByRole("alert").filter({ hasText: "Sai" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the admin rejects a request with a reason; the resident reads it and keeps their account", async ({
  page,
  browser,
  freshUser,
}) => {
  test.slow();
  const name = `Người Bị Từ Chối ${uniqueTag()}`;
  const phone = uniquePhone();
  const password = "Đồng lúa Tứ Kỳ 2026";
  await registerResident(page, { name, phone, password });
  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);
  await page.goto("/resident/erasure");
  await page.getByLabel("Lý do (không bắt buộc)").fill("Tôi không muốn dùng nữa");
  await page.getByLabel(/Tôi hiểu rằng dữ liệu sẽ bị xoá/).check();
  await page.getByRole("button", { name: "Gửi yêu cầu xoá" }).click();
  await expectHeading(page, "Đã nhận yêu cầu xoá dữ liệu");

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, await freshUser("admin"), { timeout: 30_000 });
  await admin.goto("/admin/erasure");
  await admin.getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Xem và xử lý" }).click();
  await expectHeading(admin, `Thực hiện yêu cầu xoá dữ liệu của ${name}?`);
  const requestUrl = admin.url();
  // The reason is required, and the message stands beside the field.
  await admin.getByRole("button", { name: "Từ chối yêu cầu" }).click();
  await expect(admin.getByLabel("Lý do từ chối")).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByText("Vui lòng ghi lý do từ chối.")).toBeVisible();
  const reason = "Hộ đang trong đợt kiểm tra của thành phố, dữ liệu phải giữ đến hết tháng 12.";
  await admin.getByLabel("Lý do từ chối").fill(reason);
  await admin.getByRole("button", { name: "Từ chối yêu cầu" }).click();
  await expect(admin.getByText("Đã từ chối yêu cầu xoá dữ liệu.")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  // Rejected: it cannot be acted on again.
  await admin.goto(requestUrl);
  await expect(admin.getByText("Yêu cầu này đã được xử lý.")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Thực hiện xoá" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Từ chối yêu cầu" })).toHaveCount(0);
  await expect(admin.getByText(reason)).toBeVisible();
  await adminContext.close();

  // The resident, still signed in, sees the outcome and the reason, and may ask again.
  await page.goto("/resident");
  await expect(page.getByText("Yêu cầu xoá dữ liệu đã bị từ chối")).toBeVisible();
  await expect(page.getByText(`Lý do: ${reason}`)).toBeVisible();
  await page.goto("/resident/erasure");
  await expect(page.getByRole("heading", { name: "Yêu cầu xoá dữ liệu đã bị từ chối" })).toBeVisible();
  await expect(page.getByText(`Lý do: ${reason}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Gửi yêu cầu xoá" })).toBeVisible();
});
