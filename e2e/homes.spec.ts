import { readFile } from "node:fs/promises";
import { expect, test, type Locator } from "./test";
import { signInAs } from "./fixtures";
import { withDb } from "./training-db";

test.describe.configure({ timeout: 120_000 });

// This month in Vietnam, as SQL bounds on visit.visited_on.
const MONTH = `visited_on >= date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  AND visited_on < (date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '1 month')::date`;

const num = (text: string) => Number(text.replace(/\./g, "").trim());

/** The figure under the term `term` of a description list. */
const figure = async (scope: Locator, term: string) =>
  num(
    await scope
      .locator("div")
      .filter({ has: scope.page().getByText(term, { exact: true }) })
      .locator("dd")
      .innerText(),
  );

test("the branch leader's home shows the families by status and each volunteer's month, and exports it", async ({ page }) => {
  await signInAs(page, "leader");
  await expect(page.getByRole("heading", { level: 2, name: "Gia đình số theo trạng thái" })).toBeVisible();
  const activity = page.getByRole("table", { name: "Hoạt động của đoàn viên tháng này" });
  await expect(activity).toBeVisible();

  // Tests running alongside may record a visit meanwhile: compare until both agree.
  await expect(async () => {
    await page.reload();
    const db = await withDb(async (c) => {
      const rows = (
        await c.query(
          `SELECT u.name, (SELECT count(*)::int FROM visit WHERE volunteer_id = u.id AND ${MONTH}) AS visits
           FROM volunteer_profile p JOIN app_user u ON u.id = p.user_id
           WHERE p.branch_id = (SELECT p2.branch_id FROM volunteer_profile p2 JOIN app_user l ON l.id = p2.user_id WHERE l.username = 'leader')`,
        )
      ).rows as { name: string; visits: number }[];
      const families = (
        await c.query(
          `SELECT count(*)::int AS n FROM digital_family WHERE branch_id =
             (SELECT p.branch_id FROM volunteer_profile p JOIN app_user u ON u.id = p.user_id WHERE u.username = 'leader')`,
        )
      ).rows[0].n as number;
      return { rows, families };
    });
    const rows = activity.locator("tbody tr");
    expect(await rows.count()).toBe(db.rows.length);
    for (const r of db.rows) {
      const row = rows.filter({ hasText: r.name });
      // Columns: name, households assigned, visits this month, households helped, last visit.
      expect(num(await row.locator("td").nth(2).innerText()), r.name).toBe(r.visits);
    }
    const byStatus = page
      .getByRole("table", { name: "Số gia đình chi đoàn đã nhận theo trạng thái" })
      .locator("tbody td:nth-child(2)");
    const counts = (await byStatus.allInnerTexts()).map(num);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(db.families);
  }).toPass({ timeout: 90_000 });

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải CSV" }).click()]);
  const bytes = await readFile(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe(
    "Họ tên,Bí thư,Hộ đang giao,Lượt hỗ trợ tháng này,Hộ được giúp tháng này,Lần hỗ trợ gần nhất",
  );
});

test("the volunteer's home shows their month: visits, households helped, skills activated", async ({ page }) => {
  await signInAs(page, "volunteer");
  const month = page.getByRole("region", { name: /^Kết quả của tôi tháng \d{1,2}, \d{4}$/ });
  await expect(month).toBeVisible();
  await expect(async () => {
    await page.reload();
    const db = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT count(v.id)::int AS visits, count(DISTINCT v.household_id)::int AS households,
                    (SELECT count(*)::int FROM member_skill ms WHERE ms.visit_id IN
                       (SELECT id FROM visit WHERE volunteer_id = u.id AND ${MONTH})) AS skills
             FROM app_user u LEFT JOIN visit v ON v.volunteer_id = u.id AND ${MONTH}
             WHERE u.username = 'volunteer' GROUP BY u.id`,
          )
        ).rows[0] as { visits: number; households: number; skills: number },
    );
    expect(await figure(month, "Lượt hỗ trợ")).toBe(db.visits);
    expect(await figure(month, "Hộ được giúp")).toBe(db.households);
    expect(await figure(month, "Kỹ năng đã giúp kích hoạt")).toBe(db.skills);
  }).toPass({ timeout: 90_000 });
});
