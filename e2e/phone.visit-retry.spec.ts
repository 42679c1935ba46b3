// Issue 13: nothing the volunteer entered is lost to a failed save. A save sent with no
// connection (or whose request is cut) leaves the form exactly as it was, says so beside the Save
// button, and the retry stores exactly what the screen shows: for a new visit and a correction.
import { expect, test, type Page } from "./test";
import { signInAs } from "./fixtures";
import { insertHousehold, uniqueTag, withDb } from "./training-db";

/** A household of the test's own in the demo commune: two adults with no skill yet, a digital family. */
async function makeHousehold() {
  const tag = uniqueTag();
  return withDb(async (c) => {
    const commune = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
    const head = `Ông Thử Lại ${tag}`;
    const wife = `Bà Thử Lại ${tag}`;
    const { id: householdId } = await insertHousehold(c, {
      communeId: commune,
      address: "Số 7 thử",
      members: [
        { name: head, birthYear: 1972, gender: "male" },
        { name: wife, birthYear: 1976, gender: "female" },
      ],
      family: {},
    });
    return { communeId: commune, householdId, head, wife };
  });
}

/** What is stored for the household's one visit: outcome, notes, and "skill key: member" items. */
async function storedVisit(householdId: number) {
  return withDb(async (c) => {
    const visits = (await c.query(`SELECT id, outcome::text AS outcome, notes FROM visit WHERE household_id = $1`, [householdId]))
      .rows as { id: number; outcome: string; notes: string | null }[];
    const items = visits.length
      ? (
          await c.query(
            `SELECT s.key || ': ' || m.full_name AS item FROM visit_item vi
             JOIN skill s ON s.id = vi.skill_id JOIN member m ON m.id = vi.member_id
             WHERE vi.visit_id = $1`,
            [visits[0].id],
          )
        ).rows
          .map((r) => r.item as string)
          .sort()
      : [];
    return { count: visits.length, outcome: visits[0]?.outcome, notes: visits[0]?.notes, items };
  });
}

/** Ticks a member skill and chooses exactly `names` as the people it was for. */
async function tickFor(page: Page, skill: string, names: string[]) {
  await page.getByRole("checkbox", { name: skill }).check();
  const picker = page.getByRole("group", { name: `${skill} — cho ai` });
  // The picker is folded under "Cho ai: …" whenever someone is chosen.
  const unfold = async () => {
    if (await picker.isVisible()) return;
    const hidden = page.getByRole("group", { name: `${skill} — cho ai`, includeHidden: true });
    await page.locator("details").filter({ has: hidden }).locator("summary").click();
    await expect(picker).toBeVisible();
  };
  await unfold();
  for (const box of await picker.getByRole("checkbox").all()) await box.uncheck();
  for (const name of names) {
    await unfold();
    await picker.getByRole("checkbox", { name: new RegExp(name) }).check();
  }
}

/** The failure is said beside the Save button, on screen, where the thumb is. */
async function expectErrorBesideSave(page: Page, save: ReturnType<Page["getByRole"]>) {
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Chưa gửi được");
  await expect(alert).toBeInViewport();
  const a = (await alert.boundingBox())!;
  const b = (await save.boundingBox())!;
  expect(b.y - (a.y + a.height)).toBeLessThan(40);
}

test("a new visit whose save fails offline keeps every choice, and the retry stores exactly the screen", async ({
  page,
  context,
  freshUser,
}) => {
  const h = await makeHousehold();
  // The commune's admin records visits too, with no phone queue (not a field role): the form keeps
  // the entry and the person saves again. (Each test records as a person of its own.)
  await signInAs(page, await freshUser("admin"));
  await page.goto(`/visits/new?household=${h.householdId}`);
  const save = page.getByRole("button", { name: "Lưu lượt hỗ trợ" });
  await expect(save).toBeEnabled();

  await tickFor(page, "Thanh toán không dùng tiền mặt", [h.head, h.wife]);
  await tickFor(page, "Cài và đăng nhập Smart Hải Phòng", [h.wife]);
  await page.getByRole("radio", { name: "Đã xong" }).check();
  await page.getByLabel("Ghi chú").fill("Cài cho chị vợ, cả nhà quét mã");

  await context.setOffline(true);
  await save.click();
  await expectErrorBesideSave(page, save);
  // Nothing went back to its default: what is highlighted is what is ticked.
  await expect(page.getByRole("checkbox", { name: "Thanh toán không dùng tiền mặt" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Cài và đăng nhập Smart Hải Phòng" })).toBeChecked();
  // The people each item was for, folded or not.
  const person = (skill: string, name: string) =>
    page
      .getByRole("group", { name: `${skill} — cho ai`, includeHidden: true })
      .getByRole("checkbox", { name: new RegExp(name), includeHidden: true });
  await expect(person("Cài và đăng nhập Smart Hải Phòng", h.wife)).toBeChecked();
  await expect(person("Cài và đăng nhập Smart Hải Phòng", h.head)).not.toBeChecked();
  await expect(person("Thanh toán không dùng tiền mặt", h.wife)).toBeChecked();
  await expect(person("Thanh toán không dùng tiền mặt", h.head)).toBeChecked();
  await expect(page.getByRole("radio", { name: "Đã xong" })).toBeChecked();
  await expect(page.getByLabel("Ghi chú")).toHaveValue("Cài cho chị vợ, cả nhà quét mã");
  expect((await storedVisit(h.householdId)).count).toBe(0);

  await context.setOffline(false);
  await save.click();
  await expect(page.getByRole("heading", { level: 1, name: "Đã ghi lượt hỗ trợ" })).toBeVisible({ timeout: 20_000 });
  expect(await storedVisit(h.householdId)).toEqual({
    count: 1,
    outcome: "done",
    notes: "Cài cho chị vợ, cả nhà quét mã",
    items: [`cashless: ${h.head}`, `cashless: ${h.wife}`, `smart_hp: ${h.wife}`].sort(),
  });
});

test("a correction whose request is cut keeps the new outcome and ticks, and the retry stores them", async ({
  page,
  freshUser,
}) => {
  const h = await makeHousehold();
  const volunteer = await freshUser("volunteer");
  // A visit the volunteer recorded a moment ago: nobody at home.
  await withDb(async (c) => {
    await c.query(
      `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, notes, follow_up_on, idempotency_key)
       VALUES ($1, $2, $3, CURRENT_DATE, 'not_home', 'Không có ai', CURRENT_DATE + 7, gen_random_uuid())`,
      [h.communeId, h.householdId, volunteer.id],
    );
    await c.query(`UPDATE household SET last_visit_on = CURRENT_DATE, follow_up_on = CURRENT_DATE + 7 WHERE id = $1`, [
      h.householdId,
    ]);
  });
  const visitId = await withDb(
    async (c) => (await c.query(`SELECT id FROM visit WHERE household_id = $1`, [h.householdId])).rows[0].id as number,
  );
  await signInAs(page, volunteer);
  await page.goto(`/visits/${visitId}/edit`);
  const save = page.getByRole("button", { name: "Lưu sửa đổi" });
  await expect(save).toBeEnabled();

  await page.getByRole("radio", { name: "Đã xong" }).check();
  await tickFor(page, "Định danh điện tử VNeID mức 2", [h.head, h.wife]);
  await page.getByLabel("Ghi chú").fill("Quay lại buổi chiều, đã kích hoạt");

  // The first save's request never reaches the server.
  let cut = false;
  await page.route(`**/visits/${visitId}/edit`, async (route) => {
    if (route.request().method() === "POST" && !cut) {
      cut = true;
      await route.abort("internetdisconnected");
    } else await route.continue();
  });
  await save.click();
  await expectErrorBesideSave(page, save);
  await expect(page.getByRole("radio", { name: "Đã xong" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Định danh điện tử VNeID mức 2" })).toBeChecked();
  await expect(page.getByLabel("Ghi chú")).toHaveValue("Quay lại buổi chiều, đã kích hoạt");
  expect((await storedVisit(h.householdId)).outcome).toBe("not_home");

  await save.click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visitId}\\?saved=1$`), { timeout: 20_000 });
  expect(await storedVisit(h.householdId)).toEqual({
    count: 1,
    outcome: "done",
    notes: "Quay lại buổi chiều, đã kích hoạt",
    items: [`vneid_l2: ${h.head}`, `vneid_l2: ${h.wife}`].sort(),
  });
});

test("a volunteer's new visit whose save fails offline is kept on the phone and arrives once, exactly as shown", async ({
  page,
  context,
  freshUser,
}) => {
  const h = await makeHousehold();
  await signInAs(page, await freshUser("volunteer"));
  await page.goto(`/visits/new?household=${h.householdId}`);
  const save = page.getByRole("button", { name: "Lưu lượt hỗ trợ" });
  await expect(save).toBeEnabled();
  await tickFor(page, "Cài và đăng nhập Smart Hải Phòng", [h.wife]);
  await page.getByRole("radio", { name: "Đã xong" }).check();
  await page.getByLabel("Ghi chú").fill("Lưu trên máy khi mất sóng");

  await context.setOffline(true);
  await save.click();
  const kept = page.getByRole("main").getByRole("status").filter({ hasText: "đã được lưu trên máy" });
  await expect(kept).toBeVisible();
  await expect(kept).toBeInViewport();
  await expect(page.getByText("1 chưa gửi")).toBeVisible();
  // The entry is the phone's now: no second Save that could make a second copy.
  await expect(save).toHaveCount(0);
  expect((await storedVisit(h.householdId)).count).toBe(0);

  // The connection returns: the phone sends it by itself, once, as it was on screen.
  await context.setOffline(false);
  await expect.poll(async () => (await storedVisit(h.householdId)).count, { timeout: 60_000 }).toBe(1);
  expect(await storedVisit(h.householdId)).toEqual({
    count: 1,
    outcome: "done",
    notes: "Lưu trên máy khi mất sóng",
    items: [`smart_hp: ${h.wife}`],
  });
  await expect(page.getByText("1 chưa gửi")).toHaveCount(0);
});
