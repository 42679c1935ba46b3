import { expect, test } from "./test";

test("the class page has a share preview, and the calendars are valid iCalendar in Vietnam's time zone", async ({
  page,
  request,
}) => {
  await page.goto("/schedule");
  const first = page.getByRole("link", { name: "Xem lớp và đăng ký" }).first();
  const href = await first.getAttribute("href");
  await first.click();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /.+/);

  const one = await request.get(`${href}/ics`);
  expect(one.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await one.text();
  expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh");
  expect(text).toMatch(/DTSTART;TZID=Asia\/Ho_Chi_Minh:\d{8}T\d{6}\r\n/);

  const feed = await request.get("/calendar.ics");
  expect(feed.status()).toBe(200);
  expect((await feed.text()).match(/BEGIN:VEVENT/g)?.length ?? 0).toBeGreaterThan(1);
});

test("English works too, and a missing class is a 404", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Popular digital education classes" })).toBeVisible();
  const res = await page.goto("/schedule/999999");
  expect(res?.status()).toBe(404);
});
