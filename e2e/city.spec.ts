import { readFile } from "node:fs/promises";
import { expect, test, type Locator } from "./test";
import { signIn, signInAs } from "./fixtures";

// The city's side-by-side comparison: Tứ Kỳ and the demo's other communes with households, each
// cell a value and its rank, each column header a link that sorts by that indicator.
const comparison = (page: import("@playwright/test").Page) => page.getByRole("table", { name: /xếp theo/ });

/** The column's ranks from the top, null for a commune without data (shown "—", not ranked). */
async function ranksOf(table: Locator, column: number): Promise<(number | null)[]> {
  const cells = await table.locator(`tbody tr td:nth-child(${column + 1})`).allInnerTexts();
  return cells.map((c) => {
    const rank = /#(\d+)/.exec(c)?.[1];
    return rank === undefined ? null : Number(rank);
  });
}

test("the city compares communes on each indicator and sorts by any of them", async ({ page }) => {
  await signIn(page, "city");
  const table = comparison(page);
  await expect(table).toContainText("Xã Tứ Kỳ");
  const headers = await table.locator("thead th").allInnerTexts();
  const households = headers.indexOf("Số hộ");
  const vneid = headers.indexOf("Tỷ lệ VNeID mức 2");
  expect(households).toBeGreaterThan(0);
  expect(vneid).toBeGreaterThan(0);

  // By households: Tứ Kỳ (the model commune) first, then another commune that has households.
  await table.getByRole("link", { name: "Số hộ", exact: true }).click();
  await expect(page).toHaveURL(/\/city\?sort=households$/);
  await expect(table.getByRole("link", { name: "Số hộ", exact: true })).toHaveAttribute("aria-current", "true");
  const rows = table.locator("tbody tr");
  await expect(rows.nth(0).locator("td").first()).toHaveText("Xã Tứ Kỳ");
  await expect(rows.nth(0).locator("td").nth(households)).toContainText("#1");
  await expect(rows.nth(1).locator("td").first()).not.toHaveText("Xã Tứ Kỳ");
  await expect(rows.nth(1).locator("td").nth(households)).toContainText("#2");
  // Only the four communes with households (Tứ Kỳ and the three comparison communes) are ranked;
  // the city's other communes have no household figures: "—", no rank, after them.
  const ranks = await ranksOf(table, households);
  expect(ranks.slice(0, 4)).toEqual([1, 2, 3, 4]);
  expect(ranks.slice(4).every((r) => r === null)).toBe(true);
  await expect(rows.last().locator("td").nth(households)).toHaveText("—");
  await expect(page.getByTestId("city-as-of")).toHaveText(
    /^Số liệu tính lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}; được tính lại trong nền, tối đa mỗi phút một lần\.$/,
  );

  // By VNeID adoption: ranks run up the column, communes without adults last, shown "—".
  await table.getByRole("link", { name: "Tỷ lệ VNeID mức 2", exact: true }).click();
  await expect(page).toHaveURL(/\/city\?sort=vneidRate$/);
  const vneidRanks = await ranksOf(table, vneid);
  const ranked = vneidRanks.filter((r) => r !== null);
  expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
  expect(vneidRanks.slice(ranked.length).every((r) => r === null)).toBe(true);
  await expect(rows.last().locator("td").nth(vneid)).toContainText("—");
  await expect(rows.nth(0).locator("td").nth(vneid)).toContainText("%");
});

test("the city's comparison downloads as CSV with a byte-order mark and the screen's order", async ({ page }) => {
  await signInAs(page, "city", { timeout: 30_000 });
  await page.goto("/city?sort=households");
  const table = comparison(page);
  await expect(table).toContainText("Xã Tứ Kỳ", { timeout: 30_000 });
  const names = await table.locator("tbody tr td:first-child").allInnerTexts();
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải CSV" }).click()]);
  expect(csv.suggestedFilename()).toBe("so-sanh-xa-households.csv");
  const bytes = await readFile(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^"Xã, phường",Số hộ,Hạng – Số hộ,/);
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(names);
  expect(lines[1]).toMatch(/^Xã Tứ Kỳ,\d+,1,/);
});
