// The volunteer's screens on a 360×740 phone (issue 13, item 4): a header that leaves the screen to
// the page, tap targets a thumb can hit, a visit form that says why it cannot save when its
// scripts never arrive, search wording that matches what the search does, and the export links
// out of the way of the volunteer's own list.
import { expect, test, type Page } from "./test";
import { signInAs } from "./fixtures";

/** The volunteer's field pages, with a household of theirs (the first on their home). */
async function volunteerPages(page: Page): Promise<string[]> {
  await signInAs(page, "volunteer");
  const record = page
    .getByRole("main")
    .getByRole("link", { name: /^Ghi lượt hỗ trợ cho / })
    .first();
  const href = await record.getAttribute("href");
  const id = /household=(\d+)/.exec(href ?? "")?.[1];
  expect(id, `a household on the volunteer's home (${href})`).toBeTruthy();
  return ["/volunteer", "/households", `/households/${id}`, "/visits", `/visits/new?household=${id}`];
}

/**
 * Every visible control on the page whose tap target is under `min` px tall. A control's target is
 * the control or the <label> around it (a checkbox is tapped through its whole row).
 */
function smallTargets(page: Page, min: number) {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex='0']",
    );
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      // Not on screen (a closed menu, a hidden desktop variant) or visually hidden (the skip link).
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") continue;
      const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
      const height = Math.max(r.height, label && label.contains(el) ? label.getBoundingClientRect().height : 0);
      if (height < min)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}" ${height.toFixed(0)} px`,
        );
    }
    return small;
  }, min);
}

test("on a 360×740 phone, the volunteer's header is one row and every control is at least 44 px tall", async ({ page }) => {
  for (const path of await volunteerPages(page)) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const header = page.getByRole("banner");
    const box = await header.boundingBox();
    expect(box?.height, `the header's height on ${path}`).toBeLessThanOrEqual(80);
    expect(await smallTargets(page, 44), `controls under 44 px on ${path}`).toEqual([]);
  }

  // The navigation is one tap away, in the menu, and the menu closes when a page is chosen.
  const menu = page.locator("summary", { hasText: "Menu" });
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(nav.getByRole("link", { name: "Hộ gia đình" })).toBeVisible();
  expect(await smallTargets(page, 44), "controls under 44 px in the open menu").toEqual([]);
  await nav.getByRole("link", { name: "Hộ gia đình" }).click();
  await expect(page).toHaveURL(/\/households$/);
  await expect(nav).toBeHidden();
});

test("the new-visit form says why it cannot save when its scripts do not run", async ({ page, browser }) => {
  const [, , , , form] = await volunteerPages(page);
  const noScript = await browser.newContext({
    ...(await page
      .context()
      .storageState()
      .then((storageState) => ({ storageState }))),
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  try {
    const p = await noScript.newPage();
    const response = await p.goto(form);
    await expect(p.getByRole("heading", { level: 1, name: "Ghi lượt hỗ trợ" })).toBeVisible();
    await expect(p.getByRole("button", { name: "Đang chuẩn bị…" })).toBeDisabled();
    await expect(p.getByText(/Nếu nút vẫn là “Đang chuẩn bị…”, hãy kiểm tra mạng rồi tải lại trang\./)).toBeVisible();
    // And a <noscript> says plainly that JavaScript is needed. (Chromium under Playwright's
    // javaScriptEnabled: false still parses <noscript> as text, so it is read from the HTML.)
    expect(await response!.text()).toMatch(
      /<noscript><p[^>]*>Trình duyệt đang tắt JavaScript: cần bật JavaScript để lưu lượt hỗ trợ\.<\/p><\/noscript>/,
    );
  } finally {
    await noScript.close();
  }
});

test("the household search promises phone numbers only to the roles whose search matches them", async ({ page }) => {
  await signInAs(page, "volunteer");
  await page.goto("/visits/new");
  await expect(page.getByRole("searchbox", { name: "Tên hoặc địa chỉ" })).toHaveAttribute("placeholder", "Tên hoặc địa chỉ");
  await expect(page.getByRole("main")).not.toContainText("điện thoại");
  await page.goto("/households");
  await expect(page.getByRole("heading", { level: 1, name: "Hộ gia đình" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("điện thoại");
  await expect(page.getByRole("main")).not.toContainText("0912");

  await page.context().clearCookies();
  await signInAs(page, "leader");
  await page.goto("/visits/new");
  await expect(page.getByRole("searchbox", { name: "Tên, địa chỉ hoặc số điện thoại" })).toBeVisible();
  await page.goto("/households");
  await expect(page.getByRole("main")).toContainText("số điện thoại");
});

test("on a phone the household list starts on the first screen, its filters one tap away", async ({ page }) => {
  await signInAs(page, "volunteer");
  await page.goto("/households");
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(740);
  const village = page.getByLabel("Thôn", { exact: true });
  await expect(village).toBeHidden();
  await page.locator("summary", { hasText: "Lọc theo thôn" }).click();
  await village.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/village=\d+/);
  // A filter in use stays in sight.
  await expect(village).toBeVisible();
});

test("the export links sit below the volunteer's own visit list", async ({ page }) => {
  await signInAs(page, "volunteer");
  await page.goto("/visits");
  const list = page.getByRole("main").getByRole("list").first();
  await expect(list.getByRole("listitem").first()).toBeVisible();
  const csv = page.getByRole("link", { name: "Tải CSV" });
  await expect(csv).toBeVisible();
  const [listBox, csvBox] = await Promise.all([list.boundingBox(), csv.boundingBox()]);
  expect(csvBox!.y).toBeGreaterThan(listBox!.y + listBox!.height);
});
