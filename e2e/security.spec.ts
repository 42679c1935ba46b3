import { createHash, randomInt } from "node:crypto";
import { expect, test, type Page } from "./test";
import { CANCEL_LIMIT, REGISTER_LIMIT, SIGNIN_ACCOUNT_LIMIT, SIGNUP_LIMIT } from "@/lib/security/limits";
import { expectHeading, signIn, signInAs } from "./fixtures";
import { withDb } from "./training-db";

// Rate limits key on the client address (lib/security/rate-limit.ts). Each test comes from an
// address of its own, so tests do not eat each other's allowance.
function ownAddress(page: Page) {
  return page.setExtraHTTPHeaders({ "x-forwarded-for": randomAddress() });
}

function randomAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function nonceOf(csp: string | undefined): string {
  const m = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "");
  expect(m, `a nonce in: ${csp}`).not.toBeNull();
  return m![1];
}

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction("__cspViolation", (s: string) => seen.push(s));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (s: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return seen;
}

/** React has hydrated the page: its client scripts ran under the policy. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll("body *")).some((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber"))),
      ),
    )
    .toBe(true);
}

test("a page rendered per request gets a Content-Security-Policy with a fresh nonce, carried by its scripts", async ({
  request,
}) => {
  const seen = new Set<string>();
  // A query, or a form page: rendered for this request (the plain public pages are cached, below).
  for (const path of ["/schedule?page=1", "/login?next=/volunteer", "/login?next=/volunteer", "/register"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const csp = res.headers()["content-security-policy"];
    const nonce = nonceOf(csp);
    expect(seen.has(nonce), "a nonce is never reused").toBe(false);
    seen.add(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers()["permissions-policy"]).toContain("camera=(self)");
    // Plain HTTP here: HSTS only in production behind HTTPS.
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
  }
});

test("a cached public page lists the hash of every inline script it runs, and nothing unsafe", async ({ request }) => {
  for (const path of ["/", "/schedule", "/schedule", "/progress", "/privacy", "/login"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const csp = res.headers()["content-security-policy"];
    expect(csp, path).not.toContain("'nonce-");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const allowed = new Set([...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]));
    const html = await res.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]));
    expect(inline.length).toBeGreaterThan(0);
    for (const m of inline) expect(allowed.has(createHash("sha256").update(m[2]).digest("base64")), m[2].slice(0, 60)).toBe(true);
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
});

test("public pages hydrate with no CSP violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/");
  await expectHeading(page, /Công dân số/);
  await expectHydrated(page);
  await page.goto("/schedule");
  await expectHeading(page, "Lịch lớp Bình dân học vụ số");
  await expectHydrated(page);
  await page.goto("/login");
  await expectHeading(page, "Đăng nhập");
  await expectHydrated(page);
  expect(violations).toEqual([]);
});

test("the language switch works under the policy", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/login");
  await expectHydrated(page);
  await page.getByRole("button", { name: "Ngôn ngữ: English" }).click();
  await expectHeading(page, "Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Language: Tiếng Việt" }).click();
  await expectHeading(page, "Đăng nhập");
  expect(violations).toEqual([]);
});

test("the official's dashboard and its charts render with no CSP violation", async ({ page }) => {
  // The dashboard computes every indicator on request; on a loaded test machine that takes a while.
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  await signIn(page, "official");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan chuyển đổi số" })).toBeVisible({ timeout: 60_000 });
  await expectHydrated(page);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a volunteer's pages, where forms validate with zod, run with no CSP violation", async ({ page }) => {
  // Zod tries `new Function` once unless told jitless (components/layout/site-document.tsx); the policy would report it.
  const violations = await watchViolations(page);
  await signInAs(page, "volunteer");
  await page.goto("/volunteer");
  await expectHeading(page, /./);
  await expectHydrated(page);
  await page.goto("/visits/new");
  await expectHydrated(page);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a server action posted from another origin is refused; from this origin it runs", async ({ page, request, baseURL }) => {
  await ownAddress(page);
  await page.goto("/register");
  // Capture the form's real action request (bad input: it saves nothing), then replay it.
  const [posted] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Tạo tài khoản" }).click(),
  ]);
  await expect(page.getByText("Vui lòng sửa các mục được đánh dấu.")).toBeVisible();
  const headers = {
    "next-action": posted.headers()["next-action"],
    "content-type": posted.headers()["content-type"],
    accept: "text/x-component",
    "x-forwarded-for": randomAddress(),
  };
  const foreign = await request.post("/register", {
    headers: { ...headers, origin: "https://evil.example" },
    data: posted.postDataBuffer()!,
  });
  expect(foreign.status()).toBe(500);
  expect(await foreign.text()).not.toContain("consentRequired");

  const same = await request.post("/register", {
    headers: { ...headers, origin: new URL(baseURL!).origin },
    data: posted.postDataBuffer()!,
  });
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain("consentRequired");
});

test("the public class sign-up is limited per address, with a clear message", async ({ page }) => {
  await ownAddress(page);
  await page.goto("/schedule");
  await page.getByRole("link", { name: "Xem lớp và đăng ký" }).first().click();
  const submit = page.getByRole("button", { name: /^(Đăng ký|Vào danh sách chờ)$/ });
  for (let i = 0; i < SIGNUP_LIMIT.limit; i++) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submit.click()]);
    await expect(page.getByText("Vui lòng điền mục này.").first()).toBeVisible();
  }
  await submit.click();
  await expect(page.getByText("Bạn đã gửi quá nhiều lần. Vui lòng đợi ít phút rồi thử lại.")).toBeVisible();
});

test("cancelling by code is limited per address, with a clear message", async ({ page }) => {
  await ownAddress(page);
  await page.goto("/schedule/cancel");
  const submit = page.getByRole("button", { name: "Huỷ chỗ của tôi" });
  for (let i = 0; i < CANCEL_LIMIT.limit; i++) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submit.click()]);
  }
  await submit.click();
  await expect(page.getByText("Bạn đã gửi quá nhiều lần. Vui lòng đợi ít phút rồi thử lại.")).toBeVisible();
});

test("creating accounts is limited per address, with a clear message", async ({ page }) => {
  await ownAddress(page);
  await page.goto("/register");
  const submit = page.getByRole("button", { name: "Tạo tài khoản" });
  for (let i = 0; i < REGISTER_LIMIT.limit; i++) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submit.click()]);
    await expect(page.getByText("Vui lòng sửa các mục được đánh dấu.")).toBeVisible();
  }
  await submit.click();
  await expect(page.getByText("Bạn đã gửi quá nhiều lần. Vui lòng đợi ít phút rồi thử lại.")).toBeVisible();
  await expect(page.getByText("Vui lòng sửa các mục được đánh dấu.")).toHaveCount(0);
});

test("repeated failed sign-ins lock the account for a while, with a clear message", async ({ page }) => {
  await ownAddress(page);
  const login = `khong-co-${randomInt(1e9)}`;
  for (let i = 1; i < SIGNIN_ACCOUNT_LIMIT.limit; i++) {
    await signIn(page, login, "sai-mat-khau");
    await expect(page.getByText("Sai tên đăng nhập, số điện thoại hoặc mật khẩu.")).toBeVisible();
  }
  // The failure that reaches the limit locks the account, and says so.
  await signIn(page, login, "sai-mat-khau");
  await expect(page.getByText(/Đăng nhập tạm khoá vì nhập sai nhiều lần/)).toBeVisible();
  await signIn(page, login, "sai-mat-khau");
  await expect(page.getByText(/Đăng nhập tạm khoá vì nhập sai nhiều lần/)).toBeVisible();
});

test("the portal's server reads and writes as the least-privilege role, not as the database's owner", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/audit");
  await expectHeading(page, "Nhật ký truy cập và thay đổi");
  const seen = await withDb(async (c) => {
    const { rows } = await c.query<{ usename: string; rolsuper: boolean }>(
      `SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.usename = 'congdanso_app'`,
    );
    return rows;
  });
  // The pool keeps its connections for 30 s after the page, so the app's role is there to be seen.
  expect(seen).toEqual([{ usename: "congdanso_app", rolsuper: false }]);
});
