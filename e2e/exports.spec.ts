// The list screens' downloads (campaigns, one's own visits, the admin's users, erasure requests,
// outbox and criteria, and a class's roster): the page shows the links, the link gives the screen's table as a
// CSV with a byte-order mark or an XLSX, and a role the screen refuses is refused the file too.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "./test";
import { signInAs } from "./fixtures";
import { withDb } from "./training-db";

const XLSX = "spreadsheetml";

/**
 * The page's XLSX and two CSV links, downloaded; the `,` CSV's first line (without its BOM) is
 * returned. The Excel CSV must say the same with `;`.
 */
async function downloadFromPage(page: Page, path: string, table: string): Promise<string> {
  await page.goto(path);
  const csv = page.getByRole("link", { name: "Tải CSV" });
  const xlsx = page.getByRole("link", { name: "Tải Excel (XLSX)" });
  const excelCsv = page.getByRole("link", { name: "Tải Excel (CSV, dấu ;)" });
  await expect(csv).toHaveAttribute("href", new RegExp(`^/api/exports/${table}\\?`));
  const csvRes = await page.request.get((await csv.getAttribute("href"))!);
  expect(csvRes.status()).toBe(200);
  const body = await csvRes.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const xlsxRes = await page.request.get((await xlsx.getAttribute("href"))!);
  expect(xlsxRes.status()).toBe(200);
  expect(xlsxRes.headers()["content-type"]).toContain(XLSX);
  const header = body.subarray(3).toString("utf8").split("\r\n")[0]!;
  const excel = await page.request.get((await excelCsv.getAttribute("href"))!);
  expect(excel.status()).toBe(200);
  const excelBody = await excel.body();
  expect([...excelBody.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(excelBody.subarray(3).toString("utf8").split("\r\n")[0]).toBe(header.replaceAll(",", ";"));
  return header;
}

test("the official downloads a table for Excel in Vietnam: `;` between fields, a BOM, XLSX offered first", async ({ page }) => {
  await signInAs(page, "official");
  await page.goto("/official/villages");
  const links = page.getByRole("link", { name: /^Tải (Excel|CSV)/ });
  await expect(links).toHaveText(["Tải Excel (XLSX)", "Tải Excel (CSV, dấu ;)", "Tải CSV (dấu phẩy)"]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải Excel (CSV, dấu ;)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-excel\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines.length).toBeGreaterThan(1);
  // Every line has as many `;`-separated fields as the header (no field of the villages holds a `;`).
  const fields = lines[0]!.split(";").length;
  expect(fields).toBeGreaterThan(3);
  for (const line of lines) expect(line.split(";"), line).toHaveLength(fields);
  expect(lines[0]).not.toContain(",");
});

test("the admin downloads the users, criteria, outbox and erasure requests from their pages", async ({ page }) => {
  await signInAs(page, "admin");
  expect(await downloadFromPage(page, "/admin/users", "users")).toBe(
    "Họ tên,Đăng nhập bằng,Vai trò,Trạng thái,Đăng nhập gần nhất",
  );
  expect(await downloadFromPage(page, "/admin/criteria", "criteria")).toBe("Mức,Kỹ năng,Mã kỹ năng,Điều kiện,Kỹ năng đang dùng");
  // The outbox and the erasure requests may be empty in the demo data: the files still answer.
  for (const path of ["/api/exports/outbox?format=csv", "/api/exports/erasure?status=done&format=xlsx"]) {
    expect((await page.request.get(path)).status(), path).toBe(200);
  }
  // The search is kept: a name nobody has gives a file with the header only.
  const none = await page.request.get("/api/exports/users?q=khong-ai-ten-nay&format=csv");
  expect(
    (await none.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  ).toHaveLength(1);
});

test("a volunteer downloads their own visits and campaigns, nothing of the admin's", async ({ page }) => {
  await signInAs(page, "volunteer");
  expect(await downloadFromPage(page, "/visits", "visits")).toBe("Ngày hỗ trợ,Chủ hộ,Kết quả,Số việc đã giúp");
  // A volunteer's campaigns are their branch's (the demo's volunteer is in "Chi đoàn Thôn An Lão"):
  // other specs may have added some, so every data row must name that branch.
  const campaigns = await page.request.get("/api/exports/campaigns?format=csv");
  expect(campaigns.status()).toBe(200);
  const [header, ...rows] = (await campaigns.text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(header).toMatch(/^Sắp tới hay đã qua,Đợt ra quân,/);
  for (const row of rows) expect(row).toContain("Chi đoàn Thôn An Lão");
  for (const table of ["users", "erasure", "outbox", "criteria"]) {
    expect((await page.request.get(`/api/exports/${table}?format=csv`)).status(), table).toBe(403);
  }
});

test("the official downloads the campaigns; roles outside a screen are refused its file", async ({ page }) => {
  await signInAs(page, "official");
  expect((await page.request.get("/api/exports/visits?format=csv")).status()).toBe(403);
  expect((await page.request.get("/api/exports/users?format=xlsx")).status()).toBe(403);
  expect(await downloadFromPage(page, "/campaigns", "campaigns")).toMatch(/^Sắp tới hay đã qua,Đợt ra quân,/);
  await page.context().clearCookies();
  await signInAs(page, "resident");
  expect((await page.request.get("/api/exports/campaigns?format=csv")).status()).toBe(403);
  await page.context().clearCookies();
  expect((await page.request.get("/api/exports/criteria?format=csv")).status()).toBe(401);
});

test("the official downloads a class's roster from the class page; the monthly report links its figures", async ({ page }) => {
  await signInAs(page, "official");
  const { id, rows } = await withDb(
    async (c) =>
      (
        await c.query<{ id: number; rows: number }>(
          `SELECT e.id, ((SELECT count(*) FROM registration r WHERE r.event_id = e.id)
                   + (SELECT count(*) FROM attendance a WHERE a.event_id = e.id AND a.registration_id IS NULL))::int AS rows
           FROM training_event e JOIN commune c ON c.id = e.commune_id
           WHERE c.code = 'tu-ky' AND EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id) ORDER BY e.id LIMIT 1`,
        )
      ).rows[0]!,
  );
  await page.goto(`/training/${id}`);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải CSV" }).click()]);
  expect(csv.suggestedFilename()).toBe(`danh-sach-lop-${id}.csv`);
  const bytes = await readFile(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("Tình trạng đăng ký,Họ tên,Số điện thoại,Mã đăng ký,Có mặt,Lúc điểm danh");
  expect(lines).toHaveLength(1 + rows);
  const xlsx = await page.request.get((await page.getByRole("link", { name: "Tải Excel (XLSX)" }).getAttribute("href"))!);
  expect(xlsx.headers()["content-type"]).toContain(XLSX);
  // The monthly report's figures: the indicators file for the report's month.
  await page.goto("/official/report?month=2026-01");
  const reportCsv = page.getByRole("link", { name: "Tải CSV" });
  await expect(reportCsv.first()).toHaveAttribute(
    "href",
    /^\/api\/exports\/indicators\?(?=.*from=2026-01-01)(?=.*to=2026-01-31)/,
  );
  // …and its classes-by-topic section is the same file's "topics" part, for the same month.
  const topicsFile = await page.request.get("/api/exports/indicators?part=topics&from=2026-01-01&to=2026-01-31&format=csv");
  expect(topicsFile.status()).toBe(200);
  expect((await topicsFile.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
    "Chủ đề,Số lớp,Đăng ký đã xác nhận,Người được tập huấn,Tỷ lệ có mặt",
  );
  await page.context().clearCookies();
  await signInAs(page, "volunteer");
  expect((await page.request.get(`/api/exports/training-roster?event=${id}&format=csv`)).status()).toBe(403);
});
