import { expect, test, type Page } from "./test";
import { Client } from "pg";
import { computeFamilyStatus, FAMILY_STATUS_ORDER, type StatusCriterion } from "../lib/families/status";
import { signInAs } from "./fixtures";
import { withoutToneMarks } from "@/lib/format/names";

// Households are looked up in the e2e database (the demo data), choosing ones no other test uses:
// not assigned to the demo volunteer (whose list another test reads), not the demo resident's,
// from the end of the list, with a head name found only once in the commune.
const DB_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/congdanso`;

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: DB_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const SPARE = `
  h.commune_id = (SELECT id FROM commune WHERE code = 'tu-ky')
  AND NOT EXISTS (SELECT 1 FROM assignment x JOIN app_user u ON u.id = x.volunteer_id WHERE x.household_id = h.id AND u.username = 'volunteer')
  AND NOT EXISTS (SELECT 1 FROM app_user u JOIN member m ON m.id = u.member_id WHERE m.household_id = h.id)
  AND f_unaccent(h.head_name) IN (
    SELECT f_unaccent(h2.head_name) FROM household h2
    WHERE h2.commune_id = (SELECT id FROM commune WHERE code = 'tu-ky')
    GROUP BY 1 HAVING count(*) = 1)`;

const STATUS_VI = {
  enrolled: "Mới tham gia",
  in_progress: "Đang hoàn thiện",
  digital: "Gia đình số",
  smart: "Gia đình số thông minh",
};

/** An adopted digital family with one adult lacking level-2 e-ID, whose status activating it would raise. */
async function familyLackingVneid() {
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
  const criteria = await query<StatusCriterion>(`
    SELECT s.key AS "skillKey", c.level::text AS level, c.rule::text AS rule
    FROM family_criterion c JOIN skill s ON s.id = c.skill_id
    WHERE c.commune_id = (SELECT id FROM commune WHERE code = 'tu-ky') AND s.active`);
  const candidates = await query<{ id: number; head_name: string; status: keyof typeof STATUS_VI }>(
    `SELECT h.id, h.head_name, f.status::text AS status
     FROM household h JOIN digital_family f ON f.household_id = h.id AND f.branch_id IS NOT NULL
     WHERE ${SPARE} AND f.status IN ('enrolled', 'in_progress')
     ORDER BY h.id DESC LIMIT 200`,
  );
  const rows = await query<{ id: number; household_id: number; full_name: string; birth_year: number; keys: string[] }>(
    `SELECT m.id, m.household_id, m.full_name, m.birth_year,
            coalesce(array_agg(s.key) FILTER (WHERE s.key IS NOT NULL), '{}') AS keys
     FROM member m LEFT JOIN member_skill ms ON ms.member_id = m.id LEFT JOIN skill s ON s.id = ms.skill_id
     WHERE m.household_id = ANY($1::int[]) GROUP BY m.id ORDER BY m.id`,
    [candidates.map((c) => c.id)],
  );
  for (const h of candidates) {
    const members = rows.filter((m) => m.household_id === h.id);
    const lacking = members.filter((m) => year - m.birth_year >= 18 && !m.keys.includes("vneid_l2"));
    if (lacking.length !== 1) continue;
    const target = lacking[0];
    const after = computeFamilyStatus({
      year,
      criteria,
      members: members.map((m) => ({
        birthYear: m.birth_year,
        skillKeys: m.id === target.id ? [...m.keys, "vneid_l2"] : m.keys,
      })),
    }).status;
    if (FAMILY_STATUS_ORDER.indexOf(after) > FAMILY_STATUS_ORDER.indexOf(h.status)) {
      return { id: h.id, headName: h.head_name, member: target.full_name, before: h.status, after };
    }
  }
  throw new Error("no demo household fits the test");
}

/** A household no other test touches, never visited by the demo volunteer. */
async function spareHousehold(excludeId: number) {
  const [h] = await query<{ id: number; head_name: string }>(
    `SELECT h.id, h.head_name FROM household h
     WHERE ${SPARE} AND h.id <> $1
       AND NOT EXISTS (SELECT 1 FROM digital_family f WHERE f.household_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM visit v JOIN app_user u ON u.id = v.volunteer_id WHERE v.household_id = h.id AND u.username = 'volunteer')
     ORDER BY h.id DESC OFFSET 3 LIMIT 1`,
    [excludeId],
  );
  return { id: h.id, headName: h.head_name };
}

const unaccented = (s: string) => withoutToneMarks(s).toLowerCase();

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

// Each test records visits as a volunteer of its own.
test("a volunteer finds a household without diacritics and activates VNeID for one member", async ({ page, freshUser }) => {
  const h = await familyLackingVneid();
  await signInAs(page, await freshUser("volunteer"));
  await page.goto("/visits/new");
  await page.getByRole("searchbox", { name: "Tên hoặc địa chỉ" }).fill(unaccented(h.headName));
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("link", { name: `Ghi cho hộ ${h.headName}` }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ghi lượt hỗ trợ" })).toBeVisible();
  await noSidewaysScroll(page);
  await page.getByRole("checkbox", { name: /Định danh điện tử VNeID mức 2/ }).check();
  // For whom: exactly the member who lacks it.
  const picker = page.getByRole("group", { name: /Định danh điện tử VNeID mức 2 — cho ai/ });
  if (!(await picker.isVisible())) await page.getByText(/^Cho ai:/).click();
  const boxes = picker.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
  await picker.getByRole("checkbox", { name: new RegExp(h.member) }).check();
  await expect(page.getByRole("radio", { name: "Đã xong" })).toBeChecked();
  const save = page.getByRole("button", { name: "Lưu lượt hỗ trợ" });
  await expect(save).toBeEnabled();
  await save.click();

  await expect(page.getByRole("heading", { level: 1, name: "Đã ghi lượt hỗ trợ" })).toBeVisible();
  const changes = page.getByRole("list", { name: "Thay đổi" });
  await expect(changes).toContainText(`${h.member}: Định danh điện tử VNeID mức 2`);
  await expect(changes).toContainText(`Gia đình số: ${STATUS_VI[h.before]} → ${STATUS_VI[h.after]}`);
  await noSidewaysScroll(page);
  await expect(page.getByRole("link", { name: "Ghi lượt khác" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Về danh sách hộ của tôi" })).toBeVisible();
});

test("a save whose answer is lost, then saved again (and double-tapped), is stored once", async ({ page, freshUser }) => {
  const fit = await familyLackingVneid();
  const h = await spareHousehold(fit.id);
  await signInAs(page, await freshUser("volunteer"));
  await page.goto(`/visits/new?household=${h.id}`);
  await page.getByRole("checkbox", { name: /Cài và đăng nhập Smart Hải Phòng/ }).check();
  await page.getByRole("radio", { name: "Không có nhà" }).check();

  // The first save reaches the server, but its answer never reaches the phone.
  let lost = false;
  await page.route("**/visits/new**", async (route) => {
    if (route.request().method() === "POST" && !lost) {
      lost = true;
      await route.fetch();
      await route.abort("connectionreset");
    } else await route.continue();
  });
  const save = page.getByRole("button", { name: "Lưu lượt hỗ trợ" });
  await expect(save).toBeEnabled();
  await save.dblclick();
  // The phone keeps the entry (its answer was lost) and sends it again by itself, with the same key.
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "đã được lưu trên máy" })).toBeVisible();
  await expect(page.getByTestId("unsent-count")).toHaveText("0 chưa gửi");

  // Once sent (a page opened online sends whatever is left), the server holds it once.
  await expect(async () => {
    await page.goto(`/visits?household=${h.id}`);
    await expect(page.getByText("1 lượt", { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: `Lượt hỗ trợ của tôi cho hộ ${h.headName}` })).toBeVisible();
  await expect(page.getByRole("list", { name: /Lượt hỗ trợ của tôi/ }).getByRole("listitem")).toHaveCount(1);
});
