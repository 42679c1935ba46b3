import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./test";
import { expectHeading, registerResident, signIn, signInAs } from "./fixtures";
import { makeClass, uniqueCode, uniquePhone, uniqueTag, withDb } from "./training-db";

// Issue 12: registering someone else's number must not hand over what was signed up with it.

/** A class sign-up made on the public schedule with `phone`, by someone without an account. */
async function signedUpWithoutAccount(phone: string, fullName: string) {
  return withDb(async (c) => {
    const { communeId, eventId } = await makeClass(c, `Lớp của ${fullName}`);
    const code = uniqueCode();
    await c.query(`INSERT INTO registration (commune_id, event_id, full_name, phone, code) VALUES ($1, $2, $3, $4, $5)`, [
      communeId,
      eventId,
      fullName,
      phone,
      code,
    ]);
    return { code, title: `Lớp của ${fullName}` };
  });
}

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

async function myExport(page: Page): Promise<string> {
  // A kept-alive connection the loaded server has just closed is reset (ECONNRESET): ask again.
  const res = await page.request.get("/api/me/export", { maxRetries: 2 });
  expect(res.status()).toBe(200);
  return res.text();
}

test("a number with class sign-ups: nothing of theirs shows until the code sent to that number is entered", async ({ page }) => {
  test.slow();
  const phone = uniquePhone();
  const owner = `Người Đăng Ký ${uniqueTag()}`;
  const { code, title } = await signedUpWithoutAccount(phone, owner);

  const name = `Người Tạo Tài Khoản ${uniqueTag()}`;
  const password = "Cầu Tứ Kỳ bắc qua sông";
  await registerResident(page, { name, phone, password });
  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);

  const verify = page.locator("#phone");
  await expect(verify.getByRole("heading", { name: "Xác minh số điện thoại" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  const before = await myExport(page);
  expect(before).not.toContain(code);
  expect(before).not.toContain(owner);

  // A wrong code: a message beside the field, still nothing shown.
  const sent = await codeSentTo(phone);
  await verify.getByLabel("Mã xác minh").fill(sent === "000000" ? "000001" : "000000");
  await verify.getByRole("button", { name: "Xác minh" }).click();
  await expect(verify.getByText("Mã không đúng.", { exact: false })).toBeVisible();
  await expect(verify.getByLabel("Mã xác minh")).toHaveAttribute("aria-invalid", "true");
  const axe = await new AxeBuilder({ page }).include("#phone").withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  expect(await myExport(page)).not.toContain(code);

  await verify.getByLabel("Mã xác minh").fill(sent);
  await verify.getByRole("button", { name: "Xác minh" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã xác minh số điện thoại." })).toBeVisible();
  await expect(page.locator("#phone")).toHaveCount(0);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  const after = await myExport(page);
  expect(after).toContain(code);
  expect(after).toContain(owner);
});

test("the admin verifies a resident's number in person, and it is in the audit trail", async ({ page, browser, freshUser }) => {
  test.slow();
  const phone = uniquePhone();
  const name = `Người Xác Minh Trực Tiếp ${uniqueTag()}`;
  const password = "Đình làng Tứ Kỳ 2026";
  await registerResident(page, { name, phone, password });

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, await freshUser("admin"), { timeout: 30_000 });
  await admin.goto(`/admin/users?q=${phone}`);
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("SĐT chưa xác minh");
  const verifyLink = row.getByRole("link", { name: `Xác minh SĐT: ${name}` });
  const userId = /\/admin\/users\/(\d+)\?/.exec((await verifyLink.getAttribute("href")) ?? "")?.[1];
  expect(userId).toBeTruthy();
  await verifyLink.click();
  await expectHeading(admin, `Xác minh trực tiếp số điện thoại của ${name}?`);
  await admin.getByRole("button", { name: "Xác nhận" }).click();
  await expect(admin.getByText("Đã xác minh số điện thoại.")).toBeVisible();
  await admin.goto("/admin/audit?action=user.verify_phone");
  // Another spec may verify a number at the same moment: read this user's row only.
  const auditRow = admin
    .getByRole("row")
    .filter({ hasText: "user.verify_phone" })
    .filter({ hasText: new RegExp(`user ${userId}(?!\\d)`) });
  await expect(auditRow).toHaveCount(1);
  await expect(auditRow).toContainText("in_person");
  await adminContext.close();

  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);
  await expect(page.locator("#phone")).toHaveCount(0);
});
