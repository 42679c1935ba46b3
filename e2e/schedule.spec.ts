import { compareVietnamese } from "@/lib/format/names";
import { parseWithPythonICalendar } from "@/lib/testing/icalendar";
import { expect, test } from "./test";

test("villages are listed in Vietnamese order: Đ after D, not after V", async ({ page }) => {
  // The filter's list is the sign-up form's (getScheduleChoices); the demo commune has "Thôn Đông
  // Mai" and "Thôn Văn Xá", which the database's default collation put the other way round.
  await page.goto("/schedule");
  const village = page.getByRole("combobox", { name: "Thôn", exact: true });
  await expect(village).toBeVisible(); // server-rendered: its options come with it
  const names = (await village.locator("option").allTextContents()).slice(1).map((n) => n.trim());
  expect(names).toContain("Thôn Đông Mai");
  expect(names).toEqual([...names].sort(compareVietnamese));
  expect(names.indexOf("Thôn Đông Mai")).toBeLessThan(names.indexOf("Thôn Văn Xá"));
});

test("the class page has a share preview, and the calendars are valid iCalendar in Vietnam's time zone", async ({
  page,
  request,
  baseURL,
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
  const ics = await feed.text();
  expect(ics.match(/BEGIN:VEVENT/g)?.length ?? 0).toBeGreaterThan(1);
  // python-icalendar reads both files; every link is on the portal's public address (here the one
  // the browser used), never the server's listen address (0.0.0.0), and so is every UID.
  const host = new URL(baseURL!).hostname;
  for (const [file, events] of [
    ["feed", parseWithPythonICalendar(ics)],
    ["class", parseWithPythonICalendar(text)],
  ] as const) {
    expect(events.length, file).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.url, e.uid).toMatch(new RegExp(`^${baseURL}/schedule/\\d+$`));
      expect(e.description, e.uid).toContain(e.url!);
      expect(e.uid).toMatch(new RegExp(`^training-event-\\d+@${host.replace(/\./g, "\\.")}$`));
      expect(e.sequence, e.uid).toBeGreaterThanOrEqual(0);
      expect(e.lastModified, e.uid).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  }
  expect(ics + text).not.toContain("0.0.0.0");
});

test("English works too, and a missing class is a 404", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Popular digital education classes" })).toBeVisible();
  const res = await page.goto("/schedule/999999");
  expect(res?.status()).toBe(404);
});
