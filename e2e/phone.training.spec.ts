import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { makeClass, makeMemberRegistration, memberHasSkill, uniqueTag, withDb } from "./training-db";

// The tests that check people in sign in as an official of their own.
test("an official checks attendees in on a phone by code and by name, and their skill is recorded", async ({
  page,
  freshUser,
}) => {
  const tag = uniqueTag();
  const { eventId, skillId, a, b } = await withDb(async (c) => {
    const cls = await makeClass(c, `Lớp điểm danh ${tag}`);
    const a = await makeMemberRegistration(c, cls.communeId, cls.eventId, `Lê Thị Mã ${tag}`);
    const b = await makeMemberRegistration(c, cls.communeId, cls.eventId, `Phạm Văn Tên ${tag}`);
    return { ...cls, a, b };
  });

  await signInAs(page, await freshUser("official"));
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
  await signInAs(page, "official");
  await page.goto(`/training/${eventId}/check-in`);
  await page.getByLabel("Mã đăng ký").fill("QQQQQQQQ");
  await page.getByRole("button", { name: "Điểm danh theo mã" }).click();
  await expect(page.getByText("Không có đăng ký nào với mã này ở lớp này.")).toBeVisible();
});

test("a walk-in is refused without the consent tick and saved with it, the consent on record", async ({ page, freshUser }) => {
  const tag = uniqueTag();
  const { eventId } = await withDb((c) => makeClass(c, `Lớp đến trực tiếp ${tag}`));
  const official = await freshUser("official");
  await signInAs(page, official);
  await page.goto(`/training/${eventId}/check-in`);
  const name = `Đỗ Văn Khách ${tag}`;
  const consent = page.getByRole("group", { name: "Đồng ý dùng họ tên và số điện thoại" });
  await expect(consent).toContainText("Tôi đồng ý để Uỷ ban nhân dân xã dùng họ tên, số điện thoại");
  await expect(consent).toContainText("signup.v1");

  // Without the tick: refused, the message beside the box, the name kept.
  await page.getByRole("textbox", { name: "Họ và tên" }).fill(name);
  await page.getByRole("button", { name: "Thêm người dự" }).click();
  await expect(consent.getByText("Cần đọc câu đồng ý cho người này nghe và đánh dấu khi họ đồng ý.")).toBeVisible();
  await expect(page.getByLabel("Người này đã nghe và đồng ý")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Họ và tên" })).toHaveValue(name);
  const count = () =>
    withDb(async (c) => {
      const r = await c.query(`SELECT count(*)::int AS n FROM attendance WHERE event_id = $1`, [eventId]);
      return r.rows[0].n as number;
    });
  expect(await count()).toBe(0);

  // With it: saved, and the consent row holds the sentence, its version, how and by whom.
  await page.getByLabel("Người này đã nghe và đồng ý").check();
  await page.getByRole("button", { name: "Thêm người dự" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Đã điểm danh: ${name}.` })).toBeVisible();
  expect(await count()).toBe(1);
  await withDb(async (c) => {
    const log = await c.query(
      `SELECT details->>'consentId' AS id FROM audit_log WHERE action = 'attendance.walk_in' AND details->>'eventId' = $1`,
      [String(eventId)],
    );
    expect(log.rows).toHaveLength(1);
    const row = await c.query(
      `SELECT c.text, c.text_key, c.method, c.purpose::text AS purpose, u.username
       FROM consent c JOIN app_user u ON u.id = c.recorded_by_id WHERE c.id = $1`,
      [Number(log.rows[0].id)],
    );
    expect(row.rows[0]).toMatchObject({
      text_key: "signup.v1",
      method: "in_person",
      purpose: "training_contact",
      username: official.username,
    });
    expect(row.rows[0].text).toContain("Tôi đồng ý để Uỷ ban nhân dân xã dùng họ tên, số điện thoại");
  });
});
