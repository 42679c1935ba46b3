import AxeBuilder from "@axe-core/playwright";
import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "./test";
import { foldName } from "@/lib/imports/text";
import { signInAs } from "./fixtures";
import { uniqueTag, withDb } from "./training-db";

// Contest results per village and imports of figures. Each test makes its own contest (contests
// are the city's), so the numbers it checks are its own and no other test's. Its dates are long
// past, so the demo's contest stays the latest one that /progress and the city pages show.

type Village = { id: number; name: string };

async function freshContest(): Promise<{ id: number; name: string; villages: Village[] }> {
  return withDb(async (c) => {
    const tag = uniqueTag();
    const name = `Cuộc thi thử ${tag}`;
    const id = (
      await c.query(
        `INSERT INTO contest (code, name, starts_on, ends_on) VALUES ($1, $2, DATE '2015-10-11', DATE '2015-11-11') RETURNING id`,
        [`e2e-${tag}-${randomInt(1_000_000)}`, name],
      )
    ).rows[0].id as number;
    const villages = (
      await c.query(
        `SELECT v.id, v.name FROM village v JOIN commune c ON c.id = v.commune_id WHERE c.code = 'tu-ky' ORDER BY v.id LIMIT 3`,
      )
    ).rows as Village[];
    return { id, name, villages };
  });
}

async function resultsOf(contestId: number): Promise<Record<string, [number, number]>> {
  return withDb(async (c) => {
    const rows = (
      await c.query(
        `SELECT v.name, r.participants, r.visits FROM contest_result r JOIN village v ON v.id = r.village_id
         WHERE r.contest_id = $1 ORDER BY v.name`,
        [contestId],
      )
    ).rows as { name: string; participants: number; visits: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, [r.participants, r.visits]]));
  });
}

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel("Tệp số liệu (CSV hoặc Excel)").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "Nhập từ tệp" }).click();
}

// The tests that save figures sign in as an official of their own.
test("an official enters each village's numbers and sees the commune's total", async ({ page, freshUser }) => {
  const contest = await freshContest();
  const [v1, v2] = contest.villages as [Village, Village];
  await signInAs(page, await freshUser("official"));
  await page.getByRole("navigation").getByRole("link", { name: "Kết quả cuộc thi" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Kết quả cuộc thi theo thôn" })).toBeVisible();
  await noSeriousViolations(page);
  const row = page.getByRole("row", { name: new RegExp(contest.name) });
  await expect(row).toContainText("Chưa nhập");
  await row.getByRole("link", { name: `Nhập kết quả: ${contest.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: contest.name })).toBeVisible();
  await noSeriousViolations(page);

  // A negative number: the message beside the field, nothing saved.
  await page.getByLabel(`Người tham gia – ${v1.name}`).fill("-5");
  await page.getByLabel(`Lượt truy cập – ${v1.name}`).fill("10");
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByLabel(`Người tham gia – ${v1.name}`)).toHaveAccessibleDescription("Số không được âm.");
  expect(await resultsOf(contest.id)).toEqual({});

  await page.getByLabel(`Người tham gia – ${v1.name}`).fill("1200");
  await page.getByLabel(`Lượt truy cập – ${v1.name}`).fill("3000");
  await page.getByLabel(`Người tham gia – ${v2.name}`).fill("34");
  await page.getByLabel(`Lượt truy cập – ${v2.name}`).fill("66");
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu kết quả. Tổng cả xã: 1.234 người tham gia, 3.066 lượt truy cập.");
  await expect(page.getByTestId("contest-total")).toHaveText("Tổng cả xã: 1.234 người tham gia, 3.066 lượt truy cập.");
  expect(await resultsOf(contest.id)).toEqual({ [v1.name]: [1200, 3000], [v2.name]: [34, 66] });

  // The list shows the commune's totals; the way back works.
  await page.getByRole("link", { name: "Về danh sách cuộc thi" }).click();
  await expect(page.getByRole("row", { name: new RegExp(contest.name) })).toContainText("1.234");
  await expect(page.getByRole("row", { name: new RegExp(contest.name) })).toContainText("3.066");
});

test("an import with a bad row saves nothing and says why; a good XLSX file is imported", async ({ page, freshUser }) => {
  const contest = await freshContest();
  const [v1, v2, v3] = contest.villages as [Village, Village, Village];
  await signInAs(page, await freshUser("official"));
  await page.goto(`/official/contests/${contest.id}`);
  await expect(page.getByRole("link", { name: "Tải tệp mẫu (CSV)" })).toHaveAttribute("download", "mau-ket-qua-cuoc-thi.csv");

  const bad = [
    "Thôn;Số người tham gia;Lượt truy cập",
    `${v1.name};10;20`,
    "Thôn Không Có;1;2",
    `${v2.name};-3;4`,
    `${v1.name};5;6`,
  ].join("\r\n");
  await upload(page, "ket-qua.csv", "text/csv", Buffer.from(`\uFEFF${bad}`, "utf8"));
  // (Next's route announcer is an empty alert too.)
  const alert = page.getByRole("alert").filter({ hasText: "Tệp có dòng sai" });
  await expect(alert).toContainText("Tệp có dòng sai. Không có gì được lưu.");
  await expect(alert).toContainText("Dòng 3: không có thôn “Thôn Không Có” trong xã.");
  await expect(alert).toContainText("Dòng 4: cột “Người tham gia” không được âm.");
  await expect(alert).toContainText(`Dòng 5: thôn “${v1.name}” đã có ở dòng 2.`);
  expect(await resultsOf(contest.id)).toEqual({});

  // Village names typed without tone marks, in capitals, still match.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kết quả");
  ws.addRow(["Tên thôn", "Số người tham gia", "Lượt truy cập"]);
  ws.addRow([foldName(v2.name).toUpperCase(), 500, 1500]);
  ws.addRow([v3.name, 25, 75]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  await upload(page, "ket-qua.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
  await expect(page.getByRole("status")).toContainText("Đã nhập 2 dòng.");
  await expect(page.getByTestId("contest-total")).toHaveText("Tổng cả xã: 525 người tham gia, 1.575 lượt truy cập.");
  await expect(page.getByLabel(`Người tham gia – ${v2.name}`)).toHaveValue("500");
  expect(await resultsOf(contest.id)).toEqual({ [v2.name]: [500, 1500], [v3.name]: [25, 75] });
});

test("an official imports months of figures from a CSV file", async ({ page, freshUser }) => {
  // Years long past (not 2019, the /progress spec's): the latest months, which /progress and the
  // dashboards show, stay the demo's.
  const year = 2001 + randomInt(0, 15);
  await signInAs(page, await freshUser("official"));
  await page.goto("/official/figures");
  await expect(page.getByRole("link", { name: "Kết quả cuộc thi theo thôn" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tải tệp mẫu (CSV)" })).toHaveAttribute("download", "mau-so-lieu-hang-thang.csv");

  await upload(page, "so-lieu.csv", "text/csv", Buffer.from(`Tháng,Tổng số hồ sơ,Trực tuyến\n${year}-01,100,120\n`, "utf8"));
  await expect(page.getByRole("alert").filter({ hasText: "Tệp có dòng sai" })).toContainText(
    "Dòng 2: số hồ sơ trực tuyến lớn hơn tổng số hồ sơ.",
  );

  const csv = `Tháng;Tổng số hồ sơ tiếp nhận;Số hồ sơ nộp trực tuyến;Số hồ sơ được số hóa\r\n${year}-01;"1.200";300;12\r\n02/${year};1100;440;\r\n`;
  await upload(page, "so-lieu.csv", "text/csv", Buffer.from(`\uFEFF${csv}`, "utf8"));
  await expect(page.getByRole("status")).toContainText("Đã nhập 2 dòng.");
  const rows = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT to_char(f.month, 'YYYY-MM') AS month, f.applications_total AS total, f.applications_online AS online,
                  f.records_digitised AS digitised
           FROM admin_figure f JOIN commune c ON c.id = f.commune_id
           WHERE c.code = 'tu-ky' AND f.month BETWEEN $1::date AND $2::date ORDER BY f.month`,
          [`${year}-01-01`, `${year}-12-01`],
        )
      ).rows,
  );
  expect(rows).toEqual([
    { month: `${year}-01`, total: 1200, online: 300, digitised: 12 },
    { month: `${year}-02`, total: 1100, online: 440, digitised: 0 },
  ]);
});

test("an unknown contest is a real 404", async ({ page }) => {
  await signInAs(page, "official");
  expect((await page.request.get("/official/contests/1999999999", { maxRedirects: 0 })).status()).toBe(404);
  expect((await page.request.get("/official/contests/abc", { maxRedirects: 0 })).status()).toBe(404);
});
