import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { uniqueTag } from "./training-db";

// The admin records a village's name from before the 2025 reorganisation (issue 15): imported
// lists that still use it land in today's village.
test("an admin records an old village name, is told when it is already recorded, and removes it", async ({ page, freshUser }) => {
  const admin = await freshUser("admin");
  const old = `Xóm Cũ ${uniqueTag()}`;
  await signInAs(page, admin);
  await page.goto("/admin/villages");
  await expectHeading(page, "Tên cũ của thôn");

  // Nothing chosen: the errors stand beside their fields.
  await page.getByRole("button", { name: "Thêm tên cũ" }).click();
  await expect(page.getByText("Hãy nhập tên thôn cũ.")).toBeVisible();
  await expect(page.getByText("Hãy chọn một thôn của xã.")).toBeVisible();

  await page.getByLabel("Xã cũ (nếu có)").fill("Xã Ngọc Sơn");
  await page.getByLabel("Tên thôn cũ").fill(old);
  await page.getByLabel("Thôn hiện nay").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Thêm tên cũ" }).click();
  await expect(page.getByText("Đã lưu tên cũ.")).toBeVisible();
  const label = `${old}, Xã Ngọc Sơn`;
  await expect(page.getByText(label, { exact: true })).toBeVisible();

  // The same old name again, typed without diacritics: refused beside the field, what was typed kept.
  await page.getByLabel("Xã cũ (nếu có)").fill("xa ngoc son");
  await page.getByLabel("Tên thôn cũ").fill(
    old
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace("Đ", "D"),
  );
  await page.getByLabel("Thôn hiện nay").selectOption({ index: 2 });
  await page.getByRole("button", { name: "Thêm tên cũ" }).click();
  await expect(page.getByText("Tên cũ này đã được ghi.")).toBeVisible();
  await expect(page.getByLabel("Xã cũ (nếu có)")).toHaveValue("xa ngoc son");

  await page.getByRole("button", { name: `Xoá “${label}”` }).click();
  await expect(page.getByText(label, { exact: true })).toHaveCount(0);
});
