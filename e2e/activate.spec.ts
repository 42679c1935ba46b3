import AxeBuilder from "@axe-core/playwright";
import { NO_PASSWORD } from "@/lib/auth/password";
import { expect, test } from "./test";
import { expectHeading, signIn } from "./fixtures";
import { uniquePhone, withDb } from "./training-db";

// Issue 15 item 5 (decision 0019): a volunteer the youth union's list put on the portal has a
// number and no password; they prove the number with the code sent to it and choose a password.

/** The newest code sent to a number: the demo's `log` channel keeps the message in the outbox. */
async function codeSentTo(phone: string): Promise<string> {
  const body = await withDb(
    async (c) =>
      (
        await c.query(`SELECT body FROM outbox_message WHERE kind = 'phone_code' AND recipient = $1 ORDER BY id DESC LIMIT 1`, [
          phone,
        ])
      ).rows[0]?.body as string | undefined,
  );
  return /\d{6}/.exec(body ?? "")![0];
}

test("an imported volunteer activates their account with the code sent to their phone, then signs in", async ({
  page,
  freshUser,
}) => {
  test.slow();
  // A volunteer of their own branch, made as the import makes one: an unverified number, no
  // login name, no password.
  const volunteer = await freshUser("volunteer");
  const phone = uniquePhone();
  await withDb((c) =>
    c.query(`UPDATE app_user SET username = NULL, unverified_phone = $2, password_hash = $3 WHERE id = $1`, [
      volunteer.id,
      phone,
      NO_PASSWORD,
    ]),
  );
  const password = "Chi đoàn thôn An Lão 2026";

  // Before activation no password opens the account.
  await signIn(page, phone, NO_PASSWORD);
  await expect(page.getByText("Sai tên đăng nhập, số điện thoại hoặc mật khẩu.")).toBeVisible();

  await page.getByRole("link", { name: "Kích hoạt tài khoản" }).click();
  await expect(page).toHaveURL(/\/activate$/);
  await expectHeading(page, "Kích hoạt tài khoản do xã tạo");
  await page.getByLabel("Số điện thoại").fill(phone.replace(/^0(\d{3})(\d{3})(\d{3})$/, "0$1 $2 $3"));
  await page.getByRole("button", { name: "Gửi mã" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Nếu số ${phone} có tài khoản do xã tạo` })).toBeVisible();

  // A wrong code: the message beside the field.
  const sent = await codeSentTo(phone);
  await page.getByLabel("Mã kích hoạt").fill(sent === "000000" ? "000001" : "000000");
  await page.getByLabel("Mật khẩu mới").fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByRole("button", { name: "Kích hoạt", exact: true }).click();
  await expect(page.getByText("Mã không đúng, đã hết hạn", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Mã kích hoạt")).toHaveAttribute("aria-invalid", "true");
  // Once the page has settled (the button's colours ease back from "sending…" over 150 ms).
  await expect
    .poll(async () => {
      const axe = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze();
      return axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    })
    .toEqual([]);

  await page.getByLabel("Mã kích hoạt").fill(sent);
  await page.getByLabel("Mật khẩu mới").fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByRole("button", { name: "Kích hoạt", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?activated=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Đã kích hoạt tài khoản." })).toBeVisible();

  await signIn(page, phone, password);
  await expect(page).toHaveURL(/\/volunteer$/);
  await expectHeading(page, "Hộ được giao");
  const row = await withDb(
    async (c) =>
      (await c.query(`SELECT phone, unverified_phone FROM app_user WHERE id = $1`, [volunteer.id])).rows[0] as {
        phone: string | null;
        unverified_phone: string | null;
      },
  );
  expect(row).toEqual({ phone, unverified_phone: null });
});
