import { expect, test, type Page } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { makeClass, tomorrowVn, uniquePhone, uniqueTag, withDb } from "./training-db";

// The public pages an anonymous visitor sees with no query are rendered once per language and
// served from the page cache (docs/decisions/0025). These tests check that they are, that a change
// made in the portal shows at once, and that nothing one visitor gets is shared with another.

test("public pages come from the cache, and an official's change to a class shows at once in both languages", async ({
  page,
  request,
  browser,
  baseURL,
  freshUser,
}) => {
  // Other tests' sign-ups empty the cache now and then: ask until a copy is served.
  await expect.poll(async () => (await request.get("/privacy")).headers()["x-nextjs-cache"]).toBe("HIT");

  const tag = uniqueTag();
  const title = `Lớp bộ nhớ đệm ${tag}`;
  await signInAs(page, await freshUser("official"));
  await page.goto("/training/new");
  await page.getByLabel("Chủ đề").selectOption({ label: "An toàn trên mạng" });
  await page.getByLabel("Tên lớp").fill(title);
  await page.getByLabel("Địa điểm").fill("Nhà văn hóa thôn cũ");
  await page.getByLabel("Đơn vị tổ chức").fill("Đoàn xã");
  await page.getByLabel("Ngày học").fill(tomorrowVn());
  await page.getByRole("button", { name: "Mở lớp" }).click();
  await expectHeading(page, title);
  const id = page.url().split("/").pop();

  // An anonymous visitor, Vietnamese and English: the class page is cached with the old place.
  const en = await browser.newContext();
  await en.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  for (const get of [request.get.bind(request), en.request.get.bind(en.request)]) {
    await get(`/schedule/${id}`);
    await expect.poll(async () => (await get(`/schedule/${id}`)).headers()["x-nextjs-cache"]).toBe("HIT");
    expect(await (await get(`/schedule/${id}`)).text()).toContain("Nhà văn hóa thôn cũ");
  }

  await page.goto(`/training/${id}/edit`);
  await page.getByLabel("Địa điểm").fill("Hội trường mới");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expectHeading(page, title);

  // No waiting for the minute: the next anonymous request in either language is drawn again.
  for (const [get, heading] of [
    [request.get.bind(request), "Lịch lớp Bình dân học vụ số"],
    [en.request.get.bind(en.request), "Popular digital education classes"],
  ] as const) {
    const html = await (await get(`/schedule/${id}`)).text();
    expect(html).toContain("Hội trường mới");
    expect(html).not.toContain("Nhà văn hóa thôn cũ");
    expect(await (await get("/schedule")).text()).toContain(heading);
  }
  const enPage = await en.newPage();
  await enPage.goto(`/schedule/${id}`);
  await expect(enPage.locator("html")).toHaveAttribute("lang", "en");
  await expect(enPage.getByRole("link", { name: "Back to the schedule" })).toBeVisible();
  await en.close();
});

async function signUp(page: Page, name: string, phone: string): Promise<string> {
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Số điện thoại di động").fill(phone);
  await page.getByLabel("Thôn nơi bạn ở").selectOption({ index: 1 });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expectHeading(page, "Đã đăng ký");
  return (await page.getByTestId("registration-code").textContent()) ?? "";
}

test("two people signing up from the same cached class page each get their own place", async ({ browser, request }) => {
  const tag = uniqueTag();
  const { eventId } = await withDb((c) => makeClass(c, `Lớp hai người ${tag}`));
  await request.get(`/schedule/${eventId}`);
  await expect.poll(async () => (await request.get(`/schedule/${eventId}`)).headers()["x-nextjs-cache"]).toBe("HIT");
  // The cached HTML carries no form key: each browser makes its own.
  expect(await (await request.get(`/schedule/${eventId}`)).text()).not.toMatch(/name="idempotencyKey" value="[^"]/);

  const codes: string[] = [];
  for (const name of [`Người một ${tag}`, `Người hai ${tag}`]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/schedule/${eventId}`);
    await expect(page.locator('input[name="idempotencyKey"]')).toHaveValue(/^[0-9a-f-]{36}$/);
    codes.push(await signUp(page, name, uniquePhone()));
    await context.close();
  }
  expect(codes[0]).not.toBe(codes[1]);
  const names = await withDb(async (c) =>
    (await c.query(`SELECT full_name FROM registration WHERE event_id = $1 ORDER BY id`, [eventId])).rows.map(
      (r) => r.full_name as string,
    ),
  );
  expect(names).toEqual([`Người một ${tag}`, `Người hai ${tag}`]);
});

test("the cached copies have no address of their own: asked for by name, they send to the page's", async ({ request }) => {
  for (const [asked, page] of [
    ["/cached/vi/schedule", "/schedule"],
    ["/cached/en", "/"],
    ["/cached", "/"],
  ]) {
    const res = await request.get(asked, { maxRedirects: 0 });
    expect(res.status(), asked).toBe(308);
    expect(new URL(res.headers().location!, "http://x").pathname).toBe(page);
  }
});

test("a signed-in resident gets the class page drawn for them: one tap signs them up", async ({ page, request, freshUser }) => {
  const tag = uniqueTag();
  const { eventId } = await withDb((c) => makeClass(c, `Lớp một chạm ${tag}`));
  // The anonymous copy is cached first; the resident must not get it.
  await request.get(`/schedule/${eventId}`);
  await expect.poll(async () => (await request.get(`/schedule/${eventId}`)).headers()["x-nextjs-cache"]).toBe("HIT");
  const name = `Cư Dân Một Chạm ${tag}`;
  await signInAs(page, await freshUser("resident", { phone: uniquePhone(), name }));
  const res = await page.goto(`/schedule/${eventId}`);
  expect(res?.headers()["x-nextjs-cache"]).toBeUndefined();
  expect(res?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByRole("heading", { name: "Đăng ký nhanh bằng tài khoản" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Đăng xuất" }).first()).toBeAttached();
  await page.getByRole("button", { name: "Đăng ký một chạm" }).click();
  await expectHeading(page, "Đã đăng ký");
  const names = await withDb(async (c) =>
    (await c.query(`SELECT full_name FROM registration WHERE event_id = $1`, [eventId])).rows.map((r) => r.full_name),
  );
  expect(names).toEqual([name]);
});
