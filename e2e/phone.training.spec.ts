import { expect, test } from "@playwright/test";
import { expectHeading, signIn } from "./fixtures";
import { makeClass, makeMemberRegistration, memberHasSkill, uniqueTag, withDb, HOME } from "./training-db";

test("an official checks attendees in on a phone by code and by name, and their skill is recorded", async ({ page }) => {
  const tag = uniqueTag();
  const { eventId, skillId, a, b } = await withDb(async (c) => {
    const cls = await makeClass(c, `Lớp điểm danh ${tag}`);
    const a = await makeMemberRegistration(c, cls.communeId, cls.eventId, `Lê Thị Mã ${tag}`);
    const b = await makeMemberRegistration(c, cls.communeId, cls.eventId, `Phạm Văn Tên ${tag}`);
    return { ...cls, a, b };
  });

  await signIn(page, "official");
  await expect(page).toHaveURL(HOME.official);
  await page.goto(`/training/${eventId}`);
  await expectHeading(page, `Lớp điểm danh ${tag}`);
  await page.getByRole("link", { name: "Điểm danh", exact: true }).click();
  await expectHeading(page, `Điểm danh: Lớp điểm danh ${tag}`);

  // (a) by code, typed (the fallback to the camera), in lower case with a space.
  await page.getByLabel("Mã đăng ký").fill(`${a.code.slice(0, 4).toLowerCase()} ${a.code.slice(4)}`);
  await page.getByRole("button", { name: "Điểm danh theo mã" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Đã điểm danh: Lê Thị Mã ${tag}.` })).toBeVisible();
  await expect(page.getByText("Đã ghi nhận kỹ năng cho 1 người")).toBeVisible();

  // (b) by name, typed without tone marks.
  await page.getByRole("searchbox", { name: "Họ và tên" }).fill(`pham van ten ${tag.toLowerCase()}`);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.getByRole("button", { name: `Điểm danh Phạm Văn Tên ${tag}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Đã điểm danh: Phạm Văn Tên ${tag}.` })).toBeVisible();
  await expect(page.getByText("Đã có mặt")).toBeVisible();

  await withDb(async (c) => {
    expect(await memberHasSkill(c, a.memberId, skillId)).toBe(true);
    expect(await memberHasSkill(c, b.memberId, skillId)).toBe(true);
    const fam = await c.query(`SELECT status FROM digital_family WHERE household_id = $1`, [a.householdId]);
    expect(fam.rows[0].status).not.toBe("enrolled");
  });

  // The roster shows both present.
  await page.getByRole("link", { name: "Quay lại lớp" }).click();
  await expect(page.getByRole("table", { name: "Đã xác nhận (2)" })).toContainText("Có mặt");
});

test("a wrong code is refused with a clear message", async ({ page }) => {
  const tag = uniqueTag();
  const { eventId } = await withDb((c) => makeClass(c, `Lớp mã sai ${tag}`));
  await signIn(page, "official");
  await expect(page).toHaveURL(HOME.official);
  await page.goto(`/training/${eventId}/check-in`);
  await page.getByLabel("Mã đăng ký").fill("QQQQQQQQ");
  await page.getByRole("button", { name: "Điểm danh theo mã" }).click();
  await expect(page.getByText("Không có đăng ký nào với mã này ở lớp này.")).toBeVisible();
});
