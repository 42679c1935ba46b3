// Issue 13: the volunteer app works offline. The volunteer's households live on the phone after
// one visit online; visits recorded with no connection are kept on the phone (IndexedDB) with
// their idempotency keys, counted on every screen, and sent exactly once when the connection
// returns; what the server refuses afterwards stays on the phone with the reason.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type FreshUser, type FreshUserFactory, type Page } from "./test";
import { signInAs } from "./fixtures";
import { insertHousehold, uniqueTag, withDb } from "./training-db";

/** A volunteer of the test's own with `count` assigned households (two adults each, no skills yet). */
async function makeVolunteer(freshUser: FreshUserFactory, count: number) {
  const tag = uniqueTag();
  const user = await freshUser("volunteer", { name: `Đoàn Viên Ngoại Tuyến ${tag}` });
  const userId = user.id;
  return withDb(async (c) => {
    const commune = user.communeId!;
    const admin = (await c.query(`SELECT id FROM app_user WHERE username = 'admin'`)).rows[0].id;
    const households: { id: number; head: string }[] = [];
    for (let i = 1; i <= count; i++) {
      const head = `Ông Ngoại Tuyến ${tag} ${i}`;
      const { id } = await insertHousehold(c, {
        communeId: commune,
        address: `Số ${i} ngõ thử`,
        members: [
          { name: head, birthYear: 1970, gender: "male" },
          { name: `Bà Ngoại Tuyến ${tag} ${i}`, birthYear: 1975, gender: "female" },
        ],
        family: {},
      });
      await c.query(`INSERT INTO assignment (commune_id, household_id, volunteer_id, assigned_by_id) VALUES ($1, $2, $3, $4)`, [
        commune,
        id,
        userId,
        admin,
      ]);
      households.push({ id, head });
    }
    const vneid = (await c.query(`SELECT name_vi FROM skill WHERE commune_id = $1 AND key = 'vneid_l2'`, [commune])).rows[0]
      .name_vi as string;
    return { user, userId, households, vneid };
  });
}

async function storedVisits(householdIds: number[]) {
  return withDb(async (c) => {
    const visits = (
      await c.query(`SELECT household_id, count(*)::int AS n FROM visit WHERE household_id = ANY($1::int[]) GROUP BY 1`, [
        householdIds,
      ])
    ).rows as { household_id: number; n: number }[];
    const skills = (
      await c.query(
        `SELECT count(*)::int AS n FROM member_skill ms JOIN member m ON m.id = ms.member_id WHERE m.household_id = ANY($1::int[])`,
        [householdIds],
      )
    ).rows[0].n as number;
    return { perHousehold: Object.fromEntries(visits.map((v) => [v.household_id, v.n])), skills };
  });
}

const unsent = (page: Page) => page.getByRole("region", { name: "Lượt hỗ trợ trên máy" }).getByRole("status");

/** Online: signs in, opens the offline screen once, and waits until the phone holds it and the households. */
async function openOnceOnline(page: Page, user: FreshUser, firstHead: string) {
  await signInAs(page, user);
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  await page.goto("/volunteer/offline");
  await expect(page.getByRole("button", { name: `Ghi lượt hỗ trợ cho hộ ${firstHead}` })).toBeVisible();
  // The worker has installed, controls the page and keeps the offline screen.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const kept = await (await caches.open("cds-shell")).match("/volunteer/offline", { ignoreVary: true });
        const registration = await navigator.serviceWorker.getRegistration();
        // Said in full, so a failure shows how far the worker got. (This page need not be
        // controlled: the next navigation, offline, goes through the active worker.)
        return JSON.stringify({
          kept: Boolean(kept),
          worker: registration?.active?.state ?? registration?.installing?.state ?? registration?.waiting?.state ?? "none",
        });
      }),
    )
    .toBe(JSON.stringify({ kept: true, worker: "activated" }));
}

async function recordOffline(page: Page, head: string, choose: (page: Page) => Promise<void>) {
  await page.getByRole("button", { name: `Ghi lượt hỗ trợ cho hộ ${head}` }).click();
  await expect(page.getByRole("region", { name: "Hộ" })).toContainText(head);
  await choose(page);
  await page.getByRole("button", { name: "Lưu lượt hỗ trợ" }).click();
  await expect(page.getByText("Đã lưu trên máy, chưa gửi.")).toBeVisible();
}

/** The phone's queue, read straight from IndexedDB. */
function readQueue(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open("cong-dan-so-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("queue").objectStore("queue").getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

function writeQueue(page: Page, rows: unknown[]): Promise<void> {
  return page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("cong-dan-so-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("queue", "readwrite");
          for (const row of rows) tx.objectStore("queue").put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

async function reopen(context: BrowserContext, page: Page, path: string): Promise<Page> {
  await page.close();
  const again = await context.newPage();
  await again.goto(path);
  return again;
}

test("visits recorded offline are kept on the phone and arrive exactly once", async ({ page, context, freshUser }) => {
  const v = await makeVolunteer(freshUser, 3);
  const [a, b, c] = v.households;
  await openOnceOnline(page, v.user, a.head);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Làm việc không cần mạng" })).toBeVisible();
  // Any volunteer page asked for offline opens the offline screen.
  await page.goto("/volunteer");
  await expect(page).toHaveURL(/\/volunteer\/offline$/);
  await expect(page.getByRole("heading", { name: "Làm việc không cần mạng" })).toBeVisible();

  await recordOffline(page, a.head, async (p) => {
    await p.getByRole("checkbox", { name: v.vneid }).check();
  });
  await recordOffline(page, b.head, async (p) => {
    await p.getByRole("radio", { name: "Không có nhà" }).check();
  });
  await recordOffline(page, c.head, async (p) => {
    await p.getByRole("radio", { name: "Từ chối" }).check();
  });
  await expect(unsent(page)).toHaveText("3 chưa gửi");
  await expect(page.getByRole("region", { name: "Lượt hỗ trợ trên máy" })).toContainText("Đang mất mạng");
  // The offline screen, its queue and the bar are usable with assistive technology too.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // Closed and opened again with no connection: the visits are still on the phone.
  page = await reopen(context, page, "/volunteer/offline");
  await expect(unsent(page)).toHaveText("3 chưa gửi");
  await expect(page.getByRole("heading", { name: "Lượt hỗ trợ chưa gửi" })).toBeVisible();
  const queued = await readQueue(page);
  expect(queued).toHaveLength(3);
  expect(await storedVisits([a.id, b.id, c.id])).toEqual({ perHousehold: {}, skills: 0 });

  // The connection returns: everything is sent by itself, once.
  await context.setOffline(false);
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  expect(await storedVisits([a.id, b.id, c.id])).toEqual({ perHousehold: { [a.id]: 1, [b.id]: 1, [c.id]: 1 }, skills: 1 });
  // The phone's copy follows: the households now have a last visit.
  await expect(page.getByRole("listitem").filter({ hasText: a.head })).toContainText(/Lần cuối: \d{2}\/\d{2}\/\d{4}/);

  // The same queue sent a second time (say, a phone restored from a backup) stores nothing more.
  await writeQueue(page, queued);
  await page.reload();
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  expect(await storedVisits([a.id, b.id, c.id])).toEqual({ perHousehold: { [a.id]: 1, [b.id]: 1, [c.id]: 1 }, skills: 1 });

  // The volunteer's month and households count them.
  await page.goto("/volunteer");
  const month = page.getByRole("region", { name: /^Kết quả của tôi/ });
  await expect(month.getByRole("definition").nth(0)).toHaveText("3");
  await expect(month.getByRole("definition").nth(1)).toHaveText("3");
  await expect(month.getByRole("definition").nth(2)).toHaveText("1");
  for (const h of [a, b, c])
    await expect(page.getByRole("listitem").filter({ hasText: h.head })).toContainText(/Lần cuối: \d{2}\/\d{2}\/\d{4}/);
});

test("a visit the server refuses afterwards stays on the phone with the reason", async ({ page, context, freshUser }) => {
  const v = await makeVolunteer(freshUser, 2);
  const [gone, kept] = v.households;
  await openOnceOnline(page, v.user, gone.head);

  await context.setOffline(true);
  await page.reload();
  await recordOffline(page, gone.head, async (p) => {
    await p.getByRole("radio", { name: "Không có nhà" }).check();
  });
  await expect(unsent(page)).toHaveText("1 chưa gửi");
  // Meanwhile the household is removed from the register.
  await withDb((c) => c.query(`DELETE FROM household WHERE id = $1`, [gone.id]));

  // The connection returns, but the first sending is lost on the way: the visit stays unsent.
  let cut = true;
  await page.route("**/volunteer/offline", async (route) => {
    if (cut && route.request().method() === "POST") {
      cut = false;
      await route.abort("internetdisconnected");
    } else await route.continue();
  });
  await context.setOffline(false);
  await expect.poll(() => cut).toBe(false);
  await expect(unsent(page)).toHaveText("1 chưa gửi");
  // "Gửi ngay" sends it again.
  await page.getByRole("button", { name: "Gửi ngay" }).click();
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  const bar = page.getByRole("region", { name: "Lượt hỗ trợ trên máy" });
  await expect(bar).toContainText("1 bị từ chối, cần xem lại");
  const queue = page.getByRole("region", { name: "Lượt hỗ trợ chưa gửi" });
  await expect(queue).toContainText(gone.head);
  await expect(queue).toContainText("Máy chủ không nhận: Không tìm thấy hộ này trong xã của bạn.");

  // Still there after closing the page; the volunteer discards it.
  page = await reopen(context, page, "/volunteer/offline");
  const again = page.getByRole("region", { name: "Lượt hỗ trợ chưa gửi" });
  await expect(again).toContainText("Máy chủ không nhận: Không tìm thấy hộ này trong xã của bạn.");
  expect(await readQueue(page)).toHaveLength(1);
  page.once("dialog", (d) => void d.accept());
  await again.getByRole("button", { name: "Bỏ lượt này" }).click();
  await expect(page.getByRole("region", { name: "Lượt hỗ trợ chưa gửi" })).toHaveCount(0);
  expect(await readQueue(page)).toHaveLength(0);
  expect(await storedVisits([gone.id, kept.id])).toEqual({ perHousehold: {}, skills: 0 });
});

/** The user ids whose households are on the phone. */
function packsOnPhone(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open("cong-dan-so-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("pack").objectStore("pack").getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as number[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

test("the households leave the phone at sign-out and after 7 days; unsent visits stay", async ({ page, context, freshUser }) => {
  const v = await makeVolunteer(freshUser, 1);
  const [h] = v.households;
  await openOnceOnline(page, v.user, h.head);
  expect(await packsOnPhone(page)).toEqual([v.userId]);

  // A copy older than 7 days is not used, and is deleted.
  await page.evaluate(
    (userId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("cong-dan-so-offline");
        open.onsuccess = () => {
          const store = open.result.transaction("pack", "readwrite").objectStore("pack");
          const get = store.get(userId);
          get.onsuccess = () => {
            const put = store.put({ ...get.result, madeAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
            put.onsuccess = () => resolve();
            put.onerror = () => reject(put.error);
          };
        };
      }),
    v.userId,
  );
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText("Chưa có dữ liệu trên máy.")).toBeVisible();
  expect(await packsOnPhone(page)).toEqual([]);

  // Online again: the copy is fetched anew; a visit is recorded offline, then the volunteer signs out.
  await context.setOffline(false);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await expect(page.getByRole("button", { name: `Ghi lượt hỗ trợ cho hộ ${h.head}` })).toBeVisible();
  await context.setOffline(true);
  await recordOffline(page, h.head, async (p) => {
    await p.getByRole("radio", { name: "Không có nhà" }).check();
  });
  await expect(unsent(page)).toHaveText("1 chưa gửi");
  const queued = await readQueue(page);
  await context.setOffline(false);
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  await writeQueue(
    page,
    (queued as { fields: [string, string][] }[]).map((q) => {
      // A second visit waiting on the phone, with its own key.
      const key = crypto.randomUUID();
      return { ...q, idempotencyKey: key, fields: q.fields.map(([k, value]) => [k, k === "idempotencyKey" ? key : value]) };
    }),
  );

  // On a phone, signing out is in the header's menu.
  await page.locator("summary", { hasText: "Menu" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(() => packsOnPhone(page)).toEqual([]);
  await expect.poll(() => page.evaluate(() => caches.has("cds-shell"))).toBe(false);
  expect(await readQueue(page)).toHaveLength(1);
  expect(await storedVisits([h.id])).toEqual({ perHousehold: { [h.id]: 1 }, skills: 0 });

  // Signed in again, the same volunteer's visit is sent under their session.
  await signInAs(page, v.user);
  await expect(unsent(page)).toHaveText("0 chưa gửi");
  expect(await readQueue(page)).toHaveLength(0);
  expect(await storedVisits([h.id])).toEqual({ perHousehold: { [h.id]: 2 }, skills: 0 });
});

test("the offline copy is served to field volunteers only", async ({ request, page }) => {
  expect((await request.get("/api/volunteer/offline-pack")).status()).toBe(401);
  await signInAs(page, "official");
  expect((await page.request.get("/api/volunteer/offline-pack")).status()).toBe(403);
});

test("the portal installs: a manifest with icons, and a favicon, all from this site", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toMatch(/^\/manifest\.webmanifest/);
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ name: "Công dân số", start_url: "/volunteer", display: "standalone" });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of [...manifest.icons.map((i: { src: string }) => i.src), "/favicon.ico"]) {
    const response = await request.get(icon);
    expect(response.status(), icon).toBe(200);
    expect(response.headers()["content-type"], icon).toMatch(/^image\//);
  }
  // The worker is a script of this site, allowed by the page's own policy.
  expect((await request.get("/sw.js")).status()).toBe(200);
  const csp = (await request.get("/")).headers()["content-security-policy"];
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
});
