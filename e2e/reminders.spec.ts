// A resident turns class reminders off and on again on /resident (issue 19): for their proven
// number, kept in the database, the way a reply TU CHOI / BAT NHAC does it by SMS.
import { expect, test } from "./test";
import { signInAs } from "./fixtures";
import { uniquePhone, withDb } from "./training-db";

test("a resident turns class reminders off, then on again", async ({ page, freshUser }) => {
  const phone = uniquePhone();
  await signInAs(page, await freshUser("resident", { phone }));
  await page.goto("/resident");
  const card = page.locator("#reminders");
  await expect(card.getByText(`Số ${phone} đang nhận tin nhắc lịch`)).toBeVisible();
  await card.getByRole("button", { name: "Tắt tin nhắc lịch" }).click();
  await expect(page).toHaveURL(/reminders=off/);
  await expect(card.getByText("Đã lưu lựa chọn của bạn.")).toBeVisible();
  await expect(card.getByText(`Số ${phone} không nhận tin nhắc lịch.`)).toBeVisible();
  const optedOut = () =>
    withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM reminder_opt_out WHERE phone = $1`, [phone])).rows[0].n);
  expect(await optedOut()).toBe(1);
  await card.getByRole("button", { name: "Bật lại tin nhắc lịch" }).click();
  await expect(card.getByText(`Số ${phone} đang nhận tin nhắc lịch`)).toBeVisible();
  expect(await optedOut()).toBe(0);
});
