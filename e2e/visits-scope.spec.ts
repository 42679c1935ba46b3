import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { uniqueTag, withDb } from "./training-db";

// A visit the visit page refuses must not show its household on the correction form, and a
// household of another commune is not found on the new-visit form: both with the status 404.
test("another volunteer's visit and another commune's household are not found, with a 404", async ({ page, freshUser }) => {
  const tag = uniqueTag();
  const other = (await freshUser("volunteer", { name: "Đoàn viên khác" })).id;
  const { visitId, otherHousehold } = await withDb(async (c) => {
    const home = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
    const village = (await c.query(`SELECT id FROM village WHERE commune_id = $1 ORDER BY id LIMIT 1`, [home])).rows[0]
      .id as number;
    const household = (
      await c.query(
        `INSERT INTO household (commune_id, village_id, head_name, address, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
        [home, village, `Hộ Kín ${tag}`, `Ngõ Kín ${tag}`],
      )
    ).rows[0].id as number;
    const visit = (
      await c.query(
        `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, idempotency_key)
         VALUES ($1, $2, $3, CURRENT_DATE, 'not_home', gen_random_uuid()) RETURNING id`,
        [home, household, other],
      )
    ).rows[0].id as number;
    const commune = (
      await c.query(
        `INSERT INTO commune (code, name, province) VALUES ($1, 'Xã khác', 'Hải Phòng')
         ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id`,
        [`e2e-visits-${tag}`],
      )
    ).rows[0].id as number;
    const otherVillage = (
      await c.query(`INSERT INTO village (commune_id, name, code) VALUES ($1, 'Thôn khác', 'khac') RETURNING id`, [commune])
    ).rows[0].id as number;
    const otherHousehold = (
      await c.query(
        `INSERT INTO household (commune_id, village_id, head_name, address, updated_at) VALUES ($1, $2, $3, 'Xã khác', now()) RETURNING id`,
        [commune, otherVillage, `Hộ Xa ${tag}`],
      )
    ).rows[0].id as number;
    return { visitId: visit, otherHousehold };
  });

  await signInAs(page, "volunteer");
  for (const path of [`/visits/${visitId}`, `/visits/${visitId}/edit`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expectHeading(page, "Không tìm thấy trang");
    await expect(page.getByText(`Hộ Kín ${tag}`)).toHaveCount(0);
    await expect(page.getByText(`Ngõ Kín ${tag}`)).toHaveCount(0);
  }
  expect((await page.goto(`/visits/new?household=${otherHousehold}`))?.status()).toBe(404);
  await expectHeading(page, "Không tìm thấy trang");
  await expect(page.getByText(`Hộ Xa ${tag}`)).toHaveCount(0);
  expect((await page.goto("/visits/new?household=1999999999"))?.status()).toBe(404);
});
