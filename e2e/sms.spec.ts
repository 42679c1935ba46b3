// Messages that reach a phone (issue 19): an app server with MESSAGE_CHANNEL=sms sends through
// the provider's SMPP server, here the test one (lib/testing/smpp-server.ts) on SMPP_TEST_ENV's
// port. A class sign-up's confirmation arrives there with the code the page shows; the code that
// proves a phone arrives there, and entering it proves the phone. Receipts end the outbox rows.
import { expect, test } from "./test";
import { expectHeading, registerResident, signIn } from "./fixtures";
import { startAppServer, type Proc } from "./cluster";
import { SMPP_TEST } from "./sms-env";
import { makeClass, uniquePhone, uniqueTag, withDb } from "./training-db";
import { startSmppServer, type TestSmppServer } from "@/lib/testing/smpp-server";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 51;
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial" });

let provider: TestSmppServer | undefined;
let server: Proc | undefined;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  provider = await startSmppServer({ port: SMPP_TEST.port, systemId: SMPP_TEST.systemId, password: SMPP_TEST.password });
  server = startAppServer(PORT, { MESSAGE_CHANNEL: "sms", AUTH_URL: BASE });
  const api = await playwright.request.newContext();
  await expect
    .poll(async () => (await api.get(`${BASE}/api/health`, { timeout: 10_000 }).catch(() => null))?.status(), {
      timeout: 200_000,
      message: `the SMS server never became healthy:\n${server.log().slice(-3000)}`,
    })
    .toBe(200);
  await api.dispose();
});

test.afterAll(async () => {
  await server?.stop();
  await provider?.close();
});

/** The text of the SMS that reached `phone`, once it has (the provider's international form). */
async function smsTo(phone: string, match: RegExp): Promise<string> {
  const to = `84${phone.slice(1)}`;
  let text = "";
  const rows = () =>
    withDb(
      async (c) =>
        (
          await c.query(`SELECT id, kind, channel, status, attempts, last_error FROM outbox_message WHERE recipient = $1`, [
            phone,
          ])
        ).rows,
    );
  await expect
    .poll(() => (text = provider!.messages().find((m) => m.to === to && match.test(m.text))?.text ?? ""), { timeout: 90_000 })
    .not.toBe("")
    .catch(async (err) => {
      throw new Error(
        `no SMS to ${to} matching ${match}; its outbox rows: ${JSON.stringify(await rows())}; the provider saw ${JSON.stringify(provider!.messages())}\n${server?.log().slice(-2000)}\n${err}`,
      );
    });
  return text;
}

test("a class sign-up's confirmation reaches the phone by SMS, with the code on the screen, and its receipt", async ({
  browser,
}) => {
  const title = `Lớp nhắn tin ${uniqueTag()}`;
  const { eventId } = await withDb((c) => makeClass(c, title));
  const phone = uniquePhone();
  const context = await browser.newContext({
    baseURL: BASE,
    extraHTTPHeaders: { "x-forwarded-for": `10.51.${Date.now() % 250}.7` },
  });
  const page = await context.newPage();
  await page.goto(`/schedule/${eventId}`);
  await page.getByLabel("Họ và tên").fill("Người Nhận Tin Nhắn");
  await page.getByLabel("Số điện thoại di động").fill(phone);
  await page.getByLabel("Thôn nơi bạn ở").selectOption({ index: 1 });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
  await expectHeading(page, "Đã đăng ký");
  // The SMS carries the code as the page shows it (two groups of four).
  const code = ((await page.getByTestId("registration-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^[A-Z0-9]{4,}/);
  await context.close();

  const text = await smsTo(phone, new RegExp(code));
  expect(text).toContain(code);
  expect(provider!.messages().find((m) => m.text === text)).toMatchObject({ from: SMPP_TEST.source, dataCoding: 0 });
  // The outbox row: sent on the sms channel, then delivered by the provider's receipt.
  await expect
    .poll(
      async () =>
        withDb(
          async (c) => (await c.query(`SELECT status, channel, parts FROM outbox_message WHERE recipient = $1`, [phone])).rows,
        ),
      { timeout: 30_000 },
    )
    .toEqual([{ status: "delivered", channel: "sms", parts: expect.any(Number) }]);
});

test("the code that proves a phone arrives by SMS at once, and entering it proves the phone", async ({ browser }) => {
  const phone = uniquePhone();
  const name = `Người Nhận Mã ${uniqueTag()}`;
  const password = "Bến đò Tứ Kỳ năm 2026";
  const context = await browser.newContext({
    baseURL: BASE,
    extraHTTPHeaders: { "x-forwarded-for": `10.52.${Date.now() % 250}.9` },
  });
  const page = await context.newPage();
  const asked = Date.now();
  await registerResident(page, { name, phone, password });
  const text = await smsTo(phone, /\d{6}/);
  // Sent as soon as it was issued, not at the next minute's tick.
  expect(Date.now() - asked).toBeLessThan(45_000);
  const code = /\d{6}/.exec(text)![0];

  await signIn(page, phone, password);
  await expectHeading(page, `Xin chào, ${name}`);
  const verify = page.locator("#phone");
  await verify.getByLabel("Mã xác minh").fill(code);
  await verify.getByRole("button", { name: "Xác minh" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã xác minh số điện thoại." })).toBeVisible();
  await context.close();
});
