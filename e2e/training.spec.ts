import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { makeMemberRegistration, tomorrowVn, uniqueTag, withDb } from "./training-db";

// The tests that create or edit classes sign in as an official of their own; the admin only reads.
test("an official creates a class, cancels it, and the admin sees the message in the outbox", async ({
  page,
  browser,
  freshUser,
}) => {
  const tag = uniqueTag();
  const title = `Lớp AI cho người dân ${tag}`;
  await signInAs(page, await freshUser("official"));
  await page.goto("/training");
  await expectHeading(page, "Lớp tập huấn");
  await page.getByRole("link", { name: "Mở lớp mới" }).click();
  await expectHeading(page, "Mở lớp mới");
  await page.getByLabel("Chủ đề").selectOption({ label: "AI trong đời sống" });
  await page.getByLabel("Tên lớp").fill(title);
  await page.getByLabel("Địa điểm").fill("Hội trường UBND xã");
  await page.getByLabel("Đơn vị tổ chức").fill("Trung tâm Chính trị");
  await page.getByLabel("Số chỗ").fill("25");
  await page.getByLabel("Ngày học").fill(tomorrowVn());
  await page.getByLabel("Giờ bắt đầu").fill("14:00");
  await page.getByLabel("Giờ kết thúc").fill("16:00");
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expectHeading(page, title);
  await expect(page.getByText("Hội trường UBND xã").first()).toBeVisible();
  // 14:00 Vietnam time is shown as 14:00 (stored as 07:00 UTC).
  await expect(page.getByText(/14:00/).first()).toBeVisible();
  const eventId = Number(page.url().split("/").pop());

  const reg = await withDb(async (c) => {
    const communeId = (await c.query(`SELECT commune_id FROM training_event WHERE id = $1`, [eventId])).rows[0].commune_id;
    return makeMemberRegistration(c, communeId, eventId, `Người hủy ${tag}`);
  });

  await page.getByLabel("Tôi xác nhận hủy lớp này").check();
  await page.getByRole("button", { name: "Hủy lớp" }).click();
  await expect(page.getByText("Lớp này đã bị hủy.")).toBeVisible();

  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin/outbox");
  await expectHeading(admin, "Tin nhắn đi");
  const row = admin.getByRole("row").filter({ hasText: tag });
  await expect(row).toContainText("Báo hủy lớp");
  await expect(row).toContainText(`${reg.phone.slice(0, 4)}***${reg.phone.slice(-3)}`);
  // Sent without tone marks, so the accented class name keeps it in one GSM-7 part.
  await expect(row).toContainText(`Lop AI cho nguoi dan ${tag}`);
  await expect(row.getByRole("cell").nth(6)).toHaveText("1");
  await admin.close();
});

test("a stale edit is refused with a clear message", async ({ page, browser, freshUser }) => {
  const tag = uniqueTag();
  // The same official in two windows.
  const official = await freshUser("official");
  await signInAs(page, official);
  const other = await browser.newPage();
  await signInAs(other, official);
  await page.goto("/training/new");
  await page.getByLabel("Chủ đề").selectOption({ label: "An toàn trên mạng" });
  await page.getByLabel("Tên lớp").fill(`Lớp sửa ${tag}`);
  await page.getByLabel("Địa điểm").fill("Nhà văn hóa");
  await page.getByLabel("Đơn vị tổ chức").fill("Đoàn xã");
  await page.getByLabel("Ngày học").fill(tomorrowVn());
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expectHeading(page, `Lớp sửa ${tag}`);
  const id = page.url().split("/").pop();
  await page.goto(`/training/${id}/edit`);
  await other.goto(`/training/${id}/edit`);
  await other.getByLabel("Địa điểm").fill("Nơi khác");
  await other.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expectHeading(other, `Lớp sửa ${tag}`);
  await page.getByLabel("Địa điểm").fill("Nơi thứ ba");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByText(/vừa được người khác sửa/)).toBeVisible();
  await other.close();
});

test("a volunteer cannot open classes or the export", async ({ page }) => {
  await signInAs(page, "volunteer");
  expect((await page.goto("/training"))?.status()).toBe(403);
  expect((await page.request.get("/api/exports/training-roster?event=1&format=csv")).status()).toBe(403);
});

test("the attendance export downloads as CSV with a BOM", async ({ page }) => {
  await signInAs(page, "official");
  const id = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT e.id FROM training_event e JOIN commune c ON c.id = e.commune_id WHERE c.code = 'tu-ky' AND EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id) ORDER BY e.id LIMIT 1`,
        )
      ).rows[0]?.id,
  );
  const res = await page.request.get(`/api/exports/training-roster?event=${id}&format=csv`);
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const x = await page.request.get(`/api/exports/training-roster?event=${id}&format=xlsx`);
  expect(x.headers()["content-type"]).toContain("spreadsheetml");
});
