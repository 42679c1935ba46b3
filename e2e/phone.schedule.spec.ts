import { expect, test } from "./test";
import { Client } from "pg";

// Without signing in, on a phone: find a class, sign up, get a code; the next person on a full
// class joins the waiting list and gets the seat when the first cancels with their code.

const PG_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/congdanso`;

async function withPg<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const suffix = `${Date.now() % 1_000_000}-${Math.floor(Math.random() * 1000)}`;
const title = `Lớp thử một chỗ ${suffix}`;
const phoneOf = (n: number) => `09${String(Math.floor(Math.random() * 900_000) + 100_000)}${n}${n}`;
let eventId = 0;

test.beforeAll(async () => {
  eventId = await withPg(async (c) => {
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity, status)
       SELECT cm.id, tt.id, $1, 'residents', 'Nhà văn hoá thôn thử', 'Trung tâm Chính trị xã Tứ Kỳ',
              now() + interval '26 hours', now() + interval '28 hours', 1, 'scheduled'
       FROM commune cm JOIN training_topic tt ON tt.commune_id = cm.id
       WHERE cm.code = 'tu-ky' AND tt.key = 'online_safety'
       RETURNING id`,
      [title],
    );
    return rows[0].id;
  });
});

async function signUp(page: import("@playwright/test").Page, name: string, phone: string, button: string) {
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Số điện thoại di động").fill(phone);
  await page.getByLabel("Thôn nơi bạn ở").selectOption({ index: 1 });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: button }).click();
  const heading = button === "Vào danh sách chờ" ? "Đang trong danh sách chờ" : "Đã đăng ký";
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  return ((await page.getByTestId("registration-code").textContent()) ?? "").replace("-", "");
}

test("a full class: sign up, wait, cancel with the code, the first waiting person gets the seat", async ({ page }) => {
  const phoneA = phoneOf(1);
  const phoneB = phoneOf(2);

  // Find the class on the public schedule, filtered by topic.
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch lớp Bình dân học vụ số" })).toBeVisible();
  await page.getByLabel("Chủ đề").selectOption("online_safety");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/topic=online_safety/);
  // Other specs' classes of the same topic come earlier on the list: page on until it shows.
  const link = page.getByRole("link", { name: title, exact: true });
  // Each page is waited for before it is read: on a busy machine a click on "next" made before the
  // last one had landed skipped the page with the class, and the last page has no "next".
  for (let i = 0; i < 20 && !(await link.isVisible()); i++) {
    const next = page.locator('a[rel="next"]');
    const target = new URL((await next.getAttribute("href")) ?? "", page.url()).search;
    await next.click();
    await page.waitForURL((u) => u.search === target);
  }
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Còn 1 chỗ / 1")).toBeVisible();

  // Bad input: a clear message beside the field, nothing saved.
  await page.getByLabel("Họ và tên").fill("Lê Thị Hoa");
  await page.getByLabel("Số điện thoại di động").fill("12345");
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expect(page.getByText("Số điện thoại di động không hợp lệ")).toBeVisible();
  await expect(page.getByText("Cần có sự đồng ý của bạn để đăng ký lớp.")).toBeVisible();

  // The first person takes the only seat.
  const codeA = await signUp(page, "Lê Thị Hoa", phoneA, "Đăng ký");
  await expect(page.getByText("Bạn đã có chỗ trong lớp.")).toBeVisible();
  await expect(page.getByRole("img", { name: /Mã QR/ })).toBeVisible();
  expect(codeA).toMatch(/^[A-Z0-9]{8}$/);

  // The second person finds it full and joins the waiting list.
  await page.goto(`/schedule/${eventId}`);
  await expect(page.getByText("Hết chỗ – nhận danh sách chờ")).toBeVisible();
  const codeB = await signUp(page, "Phạm Văn Minh", phoneB, "Vào danh sách chờ");
  await expect(page.getByText("vị trí 1 trong danh sách chờ")).toBeVisible();

  // The same phone cannot take a second place; the code is not revealed.
  await page.goto(`/schedule/${eventId}`);
  await page.getByLabel("Họ và tên").fill("Phạm Văn Minh");
  await page.getByLabel("Số điện thoại di động").fill(phoneB);
  await page.getByLabel("Thôn nơi bạn ở").selectOption({ index: 1 });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Vào danh sách chờ" }).click();
  await expect(page.getByText("Số điện thoại này đã đăng ký lớp này.")).toBeVisible();
  await expect(page.getByText(codeB)).toHaveCount(0);

  // The first person cancels with their code and phone.
  await page.goto("/schedule/cancel");
  await page.getByLabel("Mã đăng ký").fill(codeA.toLowerCase());
  await page.getByLabel("Số điện thoại đã đăng ký").fill(phoneA);
  await page.getByRole("button", { name: "Huỷ chỗ của tôi" }).click();
  await expect(page.getByText("Đã huỷ đăng ký.")).toBeVisible();

  // The waiting person now has the seat, and a message is on its way.
  await page.goto(`/schedule/registered/${codeB}`);
  await expect(page.getByText("Bạn đã có chỗ trong lớp.")).toBeVisible();
  const messages = await withPg((c) =>
    c.query(`SELECT kind FROM outbox_message WHERE recipient = $1 ORDER BY id`, [phoneB]).then((r) => r.rows.map((x) => x.kind)),
  );
  expect(messages).toEqual(["registration_confirmed", "registration_promoted"]);
});
