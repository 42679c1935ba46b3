import AxeBuilder from "@axe-core/playwright";
import { randomUUID, randomInt } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { expect, test, type FreshUser, type Page } from "./test";
import { signIn, signInAs } from "./fixtures";
import { uniqueCode, uniquePhone, uniqueTag, withDb } from "./training-db";

// The official's home and the monthly report on the demo commune. A test that checks figures adds
// its own visits, by a volunteer of its own (the `freshUser` fixture), in a month of a random year
// long before the demo data, so the figures it expects are its own and no other test's.
async function addVisits(volunteer: FreshUser, days: string[]) {
  await withDb(async (c) => {
    const h = (
      await c.query(
        `SELECT h.id, h.commune_id FROM household h JOIN commune c ON c.id = h.commune_id WHERE c.code = 'tu-ky' ORDER BY h.id LIMIT 1`,
      )
    ).rows[0] as { id: number; commune_id: number };
    for (const day of days) {
      await c.query(
        `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, idempotency_key)
         VALUES ($1, $2, $3, $4::date, 'done', $5::uuid)`,
        [h.commune_id, h.id, volunteer.id, day, randomUUID()],
      );
    }
  });
}

/** A class of the demo commune held on that day, with one person registered who came. */
async function addHeldClass(day: string) {
  await withDb(async (c) => {
    const commune = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
    const topic = (await c.query(`SELECT id FROM training_topic WHERE commune_id = $1 AND key = 'online_safety'`, [commune]))
      .rows[0].id as number;
    const ev = await c.query(
      `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity, status)
       VALUES ($1, $2, $3, 'residents', 'Nhà văn hóa thử', 'Đoàn xã', $4::timestamptz, $5::timestamptz, 30, 'held') RETURNING id`,
      [commune, topic, `Lớp đã học ${uniqueTag()}`, `${day}T08:00:00+07:00`, `${day}T10:00:00+07:00`],
    );
    const reg = await c.query(
      `INSERT INTO registration (commune_id, event_id, full_name, phone, code) VALUES ($1, $2, 'Người học thử', $3, $4) RETURNING id`,
      [commune, ev.rows[0].id, uniquePhone(), uniqueCode()],
    );
    await c.query(
      `INSERT INTO attendance (commune_id, event_id, registration_id, full_name, attended) VALUES ($1, $2, $3, 'Người học thử', true)`,
      [commune, ev.rows[0].id, reg.rows[0].id],
    );
  });
}

const NO_CLASSES = "Không có lớp nào đã học trong kỳ.";

// The dashboard runs a dozen aggregate queries and draws four charts; on a loaded 2-core machine the
// first render after the server starts can take a while.
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };

const card = (page: Page, key: string) => page.locator(`[data-indicator="${key}"]`);

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the official sees figures and charts, changes the period, and reads a definition", async ({ page, freshUser }) => {
  const year = 2000 + randomInt(1, 15);
  await addVisits(await freshUser("volunteer"), [`${year}-06-03`, `${year}-06-17`, `${year}-06-18`]);
  await addHeldClass(`${year}-06-10`);

  await signIn(page, "official");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan chuyển đổi số" })).toBeVisible(SLOW);
  await expect(page.getByRole("link", { name: "Tháng này" })).toHaveAttribute("aria-current", "page");
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    await page.goto("/official", { waitUntil: "commit" });
    await page.waitForLoadState("domcontentloaded");
    console.log(`/official loaded in ${Date.now() - started} ms`);
  }
  // Charts are drawn (svg) by the chart library: four, except that in a month where no class has
  // been held yet (its first days) the classes-by-topic block says so instead of drawing a chart.
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible(SLOW);
  const noClassYet = await page.getByText(NO_CLASSES).count();
  await expect(page.locator("figure")).toHaveCount(4 - noClassYet);
  for (const key of ["households_reached", "visits", "families_enrolled", "attendance_rate", "online_rate"]) {
    await expect(card(page, key).getByTestId("value")).not.toBeEmpty(SLOW);
  }

  // The period: June of that year, through the form.
  await page.getByLabel("Từ ngày").fill(`${year}-06-01`);
  await page.getByLabel("Đến ngày").fill(`${year}-06-30`);
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`from=${year}-06-01&to=${year}-06-30`));
  await expect(page.getByTestId("period")).toContainText(`01/06/${year}`);
  await expect(card(page, "visits").getByTestId("value")).toHaveText("3", SLOW);
  await expect(card(page, "visits").getByTestId("change")).toContainText("tăng 3 so với kỳ trước");
  await expect(page.getByRole("link", { name: "Tháng này" })).not.toHaveAttribute("aria-current", "page");
  // That June's class is drawn among the topics: four charts.
  await expect(page.locator("figure")).toHaveCount(4);
  await expect(page.getByText(NO_CLASSES)).toHaveCount(0);

  // The month before: no visits, and the change is counted back.
  await page.getByLabel("Từ ngày").fill(`${year}-05-01`);
  await page.getByLabel("Đến ngày").fill(`${year}-05-31`);
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(card(page, "visits").getByTestId("value")).toHaveText("0", SLOW);
  await expect(card(page, "visits").getByTestId("change")).toContainText("không đổi");
  // No class was held that May: the topics block says so, and three charts are drawn.
  await expect(page.getByText(NO_CLASSES)).toBeVisible();
  await expect(page.locator("figure")).toHaveCount(3);

  // A reversed range is refused with a message, and this month is shown.
  await page.goto(`/official?from=${year}-06-30&to=${year}-06-01`);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Ngày bắt đầu phải trước ngày kết thúc");

  // The definition beside the figure, and the records behind it.
  await page.goto(`/official?from=${year}-06-01&to=${year}-06-30`);
  const visits = card(page, "visits");
  await visits.getByText("Cách tính").click(SLOW);
  await expect(visits.getByText("Số lượt đoàn viên đến hỗ trợ hộ trong kỳ.")).toBeVisible();
  await expect(visits.getByText("Cổng tự tính từ dữ liệu đã ghi nhận")).toBeVisible();
  await expect(card(page, "online_rate").getByText("Nhập từ hệ thống chính thức (số liệu hằng tháng)")).toBeAttached();
  await expect(visits.getByRole("link", { name: /^Xem danh sách\s*: Lượt hỗ trợ trong kỳ$/ })).toHaveAttribute(
    "href",
    `/official/villages?from=${year}-06-01&to=${year}-06-30`,
  );
  await expect(card(page, "households_unvisited").getByRole("link")).toHaveAttribute("href", "/official/unvisited");
});

test("the monthly report renders in Vietnamese and prints without navigation", async ({ page, freshUser }) => {
  const year = 2000 + randomInt(1, 15);
  await addVisits(await freshUser("volunteer"), [`${year}-09-09`, `${year}-09-10`]);
  await signIn(page, "official");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`/official/report?month=${year}-09`);
  await expect(
    page.getByRole("heading", { level: 1, name: `BÁO CÁO Kết quả thực hiện Chương trình Công dân số tháng 09/${year}` }),
  ).toBeVisible(SLOW);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const row = page.locator('tr[data-row="visits"]');
  await expect(row.locator("td").first()).toHaveText("2");
  await expect(row.locator("td").nth(1)).toHaveText("0");
  await expect(row.locator("td").nth(2)).toHaveText("+2");
  await expect(page.getByText("Tỷ lệ hồ sơ trực tuyến").first()).toBeVisible();
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "In báo cáo" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeHidden();
  await expect(page.getByRole("button", { name: "In báo cáo" })).toBeHidden();
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible();
  const width = await page
    .locator("figure svg.recharts-surface")
    .first()
    .evaluate((e) => e.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(700);

  // A malformed month is said so, and last month shown instead.
  await page.emulateMedia({ media: "screen" });
  await page.goto("/official/report?month=2026-13");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Tháng không hợp lệ");
});

test("the report prints to A4 PDF and downloads as .docx with Decree 30's form", async ({ page }) => {
  await signIn(page, "official");
  await expect(page).not.toHaveURL(/\/login/);
  const today = new Date(Date.now() + 7 * 3600_000);
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  // With no month, the last complete month.
  await page.goto("/official/report");
  await expect(page.getByRole("textbox", { name: "Tháng" })).toHaveValue(last, SLOW);
  const heading = page.getByTestId("doc-heading");
  for (const text of [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
    "/BC-UBND",
    "Tứ Kỳ, ngày",
  ]) {
    await expect(heading).toContainText(text);
  }
  await expect(page.getByText("Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.")).toBeVisible();
  const closing = page.getByTestId("doc-closing");
  for (const text of ["Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]) await expect(closing).toContainText(text);
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible(SLOW);

  // Chromium's printer: A4 from the page's own @page rule; page 1 kept as an image for the docs.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const dir = await mkdtemp(join(tmpdir(), "report-"));
  await writeFile(join(dir, "report.pdf"), pdf);
  // A4, as poppler reads it.
  expect(execFileSync("pdfinfo", [join(dir, "report.pdf")]).toString()).toMatch(/Page size:.*\(A4\)/);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    join(dir, "report.pdf"),
    join(dir, "page1"),
  ]);
  await copyFile(join(dir, "page1.png"), join(process.cwd(), "docs", "report-page1.png"));
  const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", join(dir, "report.pdf"), "-"]).toString();
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("ỦY BAN NHÂN DÂN XÃ TỨ KỲ");
  expect(text).not.toContain("Điều hướng chính");

  await page.emulateMedia({ media: "screen" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải bản Word (.docx)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`bao-cao-thang-${last}.docx`);
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const xml = await zip.file("word/document.xml")!.async("string");
  const runs = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  for (const part of [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
    "/BC-UBND",
    "Kính gửi:",
    "Nơi nhận:",
    "CHỦ TỊCH",
  ]) {
    expect(runs).toContain(part);
  }
});

test("the official's home and the report have no serious accessibility violations", async ({ page }) => {
  await signIn(page, "official");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/official");
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible(SLOW);
  await noSeriousViolations(page);
  await page.goto("/official/report");
  await expect(page.locator("figure svg.recharts-surface").first()).toBeVisible(SLOW);
  await noSeriousViolations(page);
});

test("anonymous visitors and other roles do not get the dashboard or the report", async ({ page }) => {
  await page.goto("/official/report");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "volunteer");
  await expect(page).not.toHaveURL(/\/login/);
  const response = await page.goto("/official/report");
  expect(response?.status()).toBe(403);
  expect((await page.goto("/official"))?.status()).toBe(403);
});

test("the indicators download as XLSX with the screen's figures, and the city rank card shows", async ({ page, freshUser }) => {
  const year = 2000 + randomInt(1, 15);
  await addVisits(await freshUser("volunteer"), [`${year}-03-04`, `${year}-03-05`, `${year}-03-25`, `${year}-03-26`]);
  await signInAs(page, "official", SLOW);
  await page.goto(`/official?from=${year}-03-01&to=${year}-03-31`);
  await expect(card(page, "visits").getByTestId("value")).toHaveText("4", SLOW);
  const screenEnrolled = Number((await card(page, "families_enrolled").getByTestId("value").innerText()).replace(/\D/g, ""));

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải Excel (XLSX)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`chi-tieu-${year}-03-01_${year}-03-31.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as never);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).getCell(1).value).toBe("Chỉ số");
  expect(ws.getRow(1).getCell(3).value).toBe("Số liệu kỳ này");
  const row = (label: string) => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
    throw new Error(`no row ${label}`);
  };
  // This period's count, the previous period's (February: none of this test's) and the change.
  expect([3, 4, 5].map((c) => row("Lượt hỗ trợ trong kỳ").getCell(c).value)).toEqual([4, 0, 4]);
  expect(row("Gia đình số đã đăng ký").getCell(3).value).toBe(screenEnrolled);

  // The commune's rank among the city's communes (the demo has other communes with households).
  const rank = page.getByTestId("city-rank");
  await expect(page.getByRole("heading", { name: "Xếp hạng trong thành phố" })).toBeVisible(SLOW);
  // Tứ Kỳ, the model commune, has the most households, ranked among the four communes that have
  // registered any (the city's other 110 have no household figures and are not ranked).
  await expect(rank.getByRole("row", { name: /Số hộ/ })).toContainText("Hạng 1/4 xã có số liệu");
  await expect(page.getByTestId("city-rank-as-of")).toHaveText(/^Số liệu tính lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4};/);
});
