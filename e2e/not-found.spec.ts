// A record the person may not open answers HTTP 404, not a 200 page that shows the not-found text
// after a loading state has streamed. Every dynamic page of the permission matrix, with ids of no
// record at all, for each demo role the page admits; and a record of the person's own commune that
// is still not theirs (another volunteer's visit). e2e/matrix.spec.ts covers another commune's ids.
import { expect, test, type Page } from "./test";
import { admits, PAGES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import vi from "@/messages/vi/core.json";
import { signIn, signInAs } from "./fixtures";
import { withDb } from "./training-db";

const GUESS: Record<string, string> = { exportTable: "villages", registrationCode: "ZZZZ9999" };

function guessedUrl(pattern: string, params: Record<string, string>, query?: string): string {
  let url = pattern;
  for (const [segment, kind] of Object.entries(params)) url = url.replace(`[${segment}]`, GUESS[kind] ?? "1999999999");
  return query ? `${url}?${query}` : url;
}

async function statusOf(page: Page, url: string): Promise<string> {
  const r = await page.request.get(url, { maxRedirects: 0 });
  const body = r.status() === 200 ? await r.text() : "";
  // A refusal after streaming: Next marks the document noindex and renders the not-found page.
  const refused = /<meta name="robots" content="noindex"\s*\/?>/.test(body) && body.includes(vi.errors.notFoundTitle);
  return refused ? `${r.status()} showing the not-found page` : String(r.status());
}

const ROLES: { login: string; role: Role }[] = [
  { login: "resident", role: "resident" },
  { login: "volunteer", role: "volunteer" },
  { login: "leader", role: "branch_leader" },
  { login: "official", role: "official" },
  { login: "admin", role: "admin" },
];

for (const { login, role } of ROLES) {
  test(`guessed ids answer 404 on every dynamic page, as ${login}`, async ({ page }) => {
    await signIn(page, login);
    await expect(page).not.toHaveURL(/\/login/);
    const got: string[] = [];
    for (const [pattern, p] of Object.entries(PAGES)) {
      if (!p.params || !admits(p.who, role)) continue;
      if (Object.values(p.params).every((kind) => kind === "exportTable")) continue;
      const url = guessedUrl(pattern, p.params, p.query);
      got.push(`${url}: ${await statusOf(page, url)}`);
    }
    expect(got.length).toBeGreaterThan(0);
    expect(got.filter((line) => !line.endsWith(": 404"))).toEqual([]);
  });
}

test("a volunteer opening another volunteer's visit of the same commune gets 404", async ({ page, freshUser }) => {
  // Visits of people of the test's own, so no demo account's list of visits changes.
  const volunteer = await freshUser("volunteer");
  const leader = await freshUser("branch_leader");
  const ids = await withDb(async (c) => {
    const commune = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
    const household = (await c.query(`SELECT id FROM household WHERE commune_id = $1 ORDER BY id LIMIT 1`, [commune])).rows[0]
      .id as number;
    const insert = async (userId: number) =>
      (
        await c.query(
          `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, idempotency_key)
           VALUES ($1, $2, $3, CURRENT_DATE, 'not_home', gen_random_uuid()) RETURNING id`,
          [commune, household, userId],
        )
      ).rows[0].id as number;
    return { own: await insert(volunteer.id), leaders: await insert(leader.id) };
  });
  await signInAs(page, volunteer);
  expect(await statusOf(page, `/visits/${ids.own}`)).toBe("200");
  expect(await statusOf(page, `/visits/${ids.leaders}`)).toBe("404");
  // The leader, who recorded it, opens it.
  await page.context().clearCookies();
  await signInAs(page, leader);
  expect(await statusOf(page, `/visits/${ids.leaders}`)).toBe("200");
});
