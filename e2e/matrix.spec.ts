// Every page of the permission matrix (lib/auth/permissions.ts), opened over HTTP against the
// production build: anonymously, signed in as each demo role, and as each commune role of ANOTHER
// commune (made here, directly in the e2e database). Dynamic segments are filled with real ids of
// the demo commune, and for the demo roles also with ids of the other commune and with ids of no
// record at all (guessed ids).
// Expected: 200 (or a redirect that is not to sign-in) where the matrix allows, 403 for a role it
// does not admit, 404 for another commune's record or a guessed id, and a redirect to /login for
// anonymous visitors. A refusal must be the HTTP status: a page that streams its loading state
// before refusing (a 200 showing the not-found page) is a mismatch.
import { expect, test, type APIRequestContext, type Page } from "./test";
import type { Client } from "pg";
import { admits, CITY_WIDE_KINDS, PAGES, type Permission, type RecordKind } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import vi from "@/messages/vi/core.json";
import { signIn } from "./fixtures";
import { withDb } from "./training-db";

const OTHER = "matrix-e2e";
type Ids = Partial<Record<RecordKind, string>>;

/** One id of each kind in a commune (null when the commune has none of that kind). */
const FINDERS: Record<RecordKind, (c: Client, communeId: number) => Promise<string | null>> = {
  household: (c, id) => one(c, `SELECT id FROM household WHERE commune_id = $1 ORDER BY id LIMIT 1`, id),
  member: (c, id) =>
    one(
      c,
      `SELECT m.id FROM member m WHERE m.household_id = (SELECT id FROM household WHERE commune_id = $1 ORDER BY id LIMIT 1)
       ORDER BY m.id LIMIT 1`,
      id,
    ),
  campaign: (c, id) => one(c, `SELECT id FROM campaign WHERE commune_id = $1 ORDER BY id DESC LIMIT 1`, id),
  visit: (c, id) => one(c, `SELECT id FROM visit WHERE commune_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, id),
  trainingEvent: (c, id) => one(c, `SELECT id FROM training_event WHERE commune_id = $1 ORDER BY starts_at DESC LIMIT 1`, id),
  registrationCode: (c, id) => one(c, `SELECT code AS id FROM registration WHERE commune_id = $1 ORDER BY id LIMIT 1`, id),
  user: (c, id) => one(c, `SELECT id FROM app_user WHERE commune_id = $1 AND role = 'volunteer' ORDER BY id LIMIT 1`, id),
  erasureRequest: (c, id) => one(c, `SELECT id FROM erasure_request WHERE commune_id = $1 ORDER BY id LIMIT 1`, id),
  village: (c, id) => one(c, `SELECT id FROM village WHERE commune_id = $1 ORDER BY id LIMIT 1`, id),
  importBatch: (c, id) => one(c, `SELECT id FROM import_batch WHERE commune_id = $1 ORDER BY id LIMIT 1`, id),
  // Not a record: the name of a drill-down table, the same in every commune.
  exportTable: async () => "villages",
  // The city's, not a commune's: a contest this commune has results in (another commune opens it too).
  contest: (c, id) =>
    one(c, `SELECT contest_id AS id FROM contest_result WHERE commune_id = $1 ORDER BY contest_id DESC LIMIT 1`, id),
};

/** A checked import of one household in the commune (the demo data has none), made by its official. */
async function ensureImportBatch(c: Client, communeId: number): Promise<void> {
  const has = await c.query(`SELECT 1 FROM import_batch WHERE commune_id = $1`, [communeId]);
  if (has.rowCount) return;
  const sheet = { header: ["Họ tên chủ hộ", "Thôn"], rows: [{ row: 2, cells: ["Chủ Hộ Nhập", "Thôn Ma Trận"] }] };
  const plan = {
    items: [],
    problems: [{ row: 2, key: "villageMissing" }],
    duplicates: [],
    counts: { rows: 1, items: 0, withProblems: 1 },
  };
  await c.query(
    `INSERT INTO import_batch (commune_id, kind, status, file_name, file_hash, file, sheet, mapping, plan, row_count, created_by_id)
     SELECT $1, 'households', 'checked', 'ma-tran.csv', 'matrix', convert_to('Họ tên chủ hộ,Thôn', 'UTF8'), $2, '["headName", null]', $3, 1,
            (SELECT id FROM app_user WHERE commune_id = $1 ORDER BY id LIMIT 1)`,
    [communeId, JSON.stringify(sheet), JSON.stringify(plan)],
  );
}

async function one(c: Client, sql: string, communeId: number): Promise<string | null> {
  const r = await c.query(sql, [communeId]);
  return r.rows[0] ? String(r.rows[0].id) : null;
}

async function idsOf(c: Client, communeId: number): Promise<Ids> {
  await ensureImportBatch(c, communeId);
  const out: Ids = {};
  for (const [kind, find] of Object.entries(FINDERS) as [RecordKind, (typeof FINDERS)[RecordKind]][]) {
    const id = await find(c, communeId);
    if (id !== null) out[kind] = id;
  }
  return out;
}

const OTHER_ROLES: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin"];

/**
 * Another commune with a village, a branch, a household of two, a class with a registration, a
 * campaign, a visit, an erasure request, and one user per commune role (password: the demo one).
 * Made once; a second worker finds it made (an advisory lock orders them).
 */
async function ensureOtherCommune(c: Client): Promise<number> {
  await c.query("BEGIN");
  try {
    await c.query(`SELECT pg_advisory_xact_lock(4242)`);
    const found = await c.query(`SELECT id FROM commune WHERE code = $1`, [OTHER]);
    if (found.rows[0]) {
      await c.query("COMMIT");
      return found.rows[0].id as number;
    }
    const b = (
      await c.query(`INSERT INTO commune (code, name, province) VALUES ($1, 'Xã Ma Trận', 'Hải Phòng') RETURNING id`, [OTHER])
    ).rows[0].id as number;
    const village = (
      await c.query(`INSERT INTO village (commune_id, name, code) VALUES ($1, 'Thôn Ma Trận', 'mt') RETURNING id`, [b])
    ).rows[0].id as number;
    const branch = (
      await c.query(`INSERT INTO youth_branch (commune_id, name, village_id) VALUES ($1, 'Chi đoàn Ma Trận', $2) RETURNING id`, [
        b,
        village,
      ])
    ).rows[0].id as number;
    const household = (
      await c.query(
        `INSERT INTO household (commune_id, village_id, head_name, address, updated_at) VALUES ($1, $2, 'Chủ Hộ Ma Trận', 'Số 1 Ma Trận', now()) RETURNING id`,
        [b, village],
      )
    ).rows[0].id as number;
    const member = (
      await c.query(
        `INSERT INTO member (commune_id, household_id, full_name, birth_year, gender, is_head, updated_at)
         VALUES ($1, $2, 'Chủ Hộ Ma Trận', 1970, 'male', true, now()), ($1, $2, 'Con Ma Trận', 2000, 'female', false, now()) RETURNING id`,
        [b, household],
      )
    ).rows[0].id as number;
    const hash = (await c.query(`SELECT password_hash FROM app_user WHERE username = 'admin'`)).rows[0].password_hash as string;
    const users: Record<string, number> = {};
    for (const role of OTHER_ROLES) {
      users[role] = (
        await c.query(
          `INSERT INTO app_user (commune_id, username, name, role, password_hash, member_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [b, `mt-${role.replace("_", "-")}`, `Ma Trận ${role}`, role, hash, role === "resident" ? member : null],
        )
      ).rows[0].id as number;
      if (role === "volunteer" || role === "branch_leader")
        await c.query(
          `INSERT INTO volunteer_profile (user_id, commune_id, branch_id, is_leader, joined_on) VALUES ($1, $2, $3, $4, CURRENT_DATE)`,
          [users[role], b, branch, role === "branch_leader"],
        );
    }
    const topic = (
      await c.query(
        `INSERT INTO training_topic (commune_id, key, name_vi, name_en) VALUES ($1, 'mt', 'Chủ đề Ma Trận', 'Matrix topic') RETURNING id`,
        [b],
      )
    ).rows[0].id as number;
    const event = (
      await c.query(
        `INSERT INTO training_event (commune_id, topic_id, title, audience, place, organiser, starts_at, ends_at, capacity)
         VALUES ($1, $2, 'Lớp Ma Trận', 'residents', 'Nhà văn hóa', 'Đoàn xã', now() + interval '7 days', now() + interval '7 days 2 hours', 20) RETURNING id`,
        [b, topic],
      )
    ).rows[0].id as number;
    await c.query(
      `INSERT INTO registration (commune_id, event_id, full_name, phone, code) VALUES ($1, $2, 'Người Học Ma Trận', '0911111111', 'MATRAN42')`,
      [b, event],
    );
    await c.query(
      `INSERT INTO campaign (commune_id, name, kind, starts_on, ends_on, created_by_id)
       VALUES ($1, 'Đợt Ma Trận', 'volunteer_saturday', CURRENT_DATE, CURRENT_DATE, $2)`,
      [b, users.official],
    );
    await c.query(
      `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, idempotency_key)
       VALUES ($1, $2, $3, CURRENT_DATE, 'not_home', gen_random_uuid())`,
      [b, household, users.volunteer],
    );
    await c.query(`INSERT INTO erasure_request (commune_id, user_id, member_id) VALUES ($1, $2, $3)`, [
      b,
      users.resident,
      member,
    ]);
    await c.query("COMMIT");
    return b;
  } catch (err) {
    await c.query("ROLLBACK");
    throw err;
  }
}

/**
 * Records the demo commune's ids: a fresh visit by the demo volunteer (so its edit window is open),
 * and an erasure request when the demo data has none.
 */
async function demoIds(c: Client): Promise<Ids> {
  const a = (await c.query(`SELECT id FROM commune WHERE code = 'tu-ky'`)).rows[0].id as number;
  const volunteer = (await c.query(`SELECT id FROM app_user WHERE username = 'volunteer'`)).rows[0].id as number;
  const ids = await idsOf(c, a);
  const visit = await c.query(
    `INSERT INTO visit (commune_id, household_id, volunteer_id, visited_on, outcome, idempotency_key)
     VALUES ($1, $2, $3, CURRENT_DATE, 'not_home', gen_random_uuid()) RETURNING id`,
    [a, ids.household, volunteer],
  );
  ids.visit = String(visit.rows[0].id);
  if (!ids.erasureRequest) {
    const resident = (await c.query(`SELECT id, member_id FROM app_user WHERE username = 'resident'`)).rows[0];
    const r = await c.query(`INSERT INTO erasure_request (commune_id, user_id, member_id) VALUES ($1, $2, $3) RETURNING id`, [
      a,
      resident.id,
      resident.member_id,
    ]);
    ids.erasureRequest = String(r.rows[0].id);
  }
  // A campaign of the demo leader's branch, running today: the leader manages it, and the demo
  // volunteer (same branch) has a walk list page.
  const branch = (
    await c.query(`SELECT branch_id FROM volunteer_profile vp JOIN app_user u ON u.id = vp.user_id WHERE u.username = 'leader'`)
  ).rows[0].branch_id as number;
  const official = (await c.query(`SELECT id FROM app_user WHERE username = 'official'`)).rows[0].id as number;
  const campaign = (
    await c.query(
      `INSERT INTO campaign (commune_id, name, kind, starts_on, ends_on, created_by_id)
       VALUES ($1, 'Đợt ra quân ma trận', 'volunteer_saturday', CURRENT_DATE, CURRENT_DATE, $2) RETURNING id`,
      [a, official],
    )
  ).rows[0].id as number;
  await c.query(`INSERT INTO campaign_branch (campaign_id, branch_id) VALUES ($1, $2)`, [campaign, branch]);
  await c.query(
    `INSERT INTO campaign_village (campaign_id, village_id) SELECT $1, id FROM village WHERE commune_id = $2 ORDER BY id LIMIT 1`,
    [campaign, a],
  );
  ids.campaign = String(campaign);
  return ids;
}

/** Ids of no record at all, as someone guessing them would type. */
const GUESSED: Ids = Object.fromEntries(
  (Object.keys(FINDERS) as RecordKind[]).map((kind) => [
    kind,
    kind === "exportTable" ? "villages" : kind === "registrationCode" ? "ZZZZ9999" : "1999999999",
  ]),
);

/** The URL of a page pattern with its segments filled, or null when an id of a kind is missing. */
function fill(pattern: string, p: Permission, ids: Ids): string | null {
  let url = pattern;
  for (const [segment, kind] of Object.entries(p.params ?? {})) {
    const id = ids[kind];
    if (id === undefined) return null;
    url = url.replace(`[${segment}]`, encodeURIComponent(id));
  }
  return p.query ? `${url}?${p.query}` : url;
}

type Answer = "ok" | "login" | "403" | "404" | "refused after streaming" | `other ${number}`;
async function answer(request: APIRequestContext, url: string): Promise<Answer> {
  const r = await request.get(url, { maxRedirects: 0 });
  const s = r.status();
  if (s >= 300 && s < 400) {
    const to = new URL(r.headers().location ?? "/", "http://x");
    return to.pathname === "/login" ? "login" : "ok";
  }
  if (s === 200) {
    // A page under a loading.tsx streams: a notFound()/forbidden() raised after the first byte
    // keeps the 200 but renders the not-found or forbidden page instead of the page's content,
    // and Next marks the document with a robots noindex meta tag. Told apart to name the fault.
    const body = await r.text();
    const refusal = [vi.errors.notFoundTitle, vi.errors.forbiddenTitle].some((title) => body.includes(title));
    return /<meta name="robots" content="noindex"\s*\/?>/.test(body) && refusal ? "refused after streaming" : "ok";
  }
  if (s === 403) return "403";
  if (s === 404) return "404";
  return `other ${s}`;
}

/**
 * What the matrix says `role` (null: anonymous) gets on a page filled with ids of the demo
 * commune (`portalIds`: the commune the public pages show) and of the actor's own commune or not.
 */
function expected(p: Permission, role: Role | null, ids: { portal: boolean; actorsOwn: boolean }): Answer[] {
  if (!admits(p.who, role)) return role === null ? ["login"] : !ids.actorsOwn && p.params ? ["403", "404"] : ["403"];
  // Public pages show the portal's commune: its ids work for anyone (a code is its own key).
  if (p.who === "anyone") return p.params && !ids.portal ? ["404"] : ["ok"];
  // A city-wide record of the demo commune is every commune's too (guessed ids stay 404).
  const cityWide = ids.portal && Object.values(p.params ?? {}).every((kind) => CITY_WIDE_KINDS.includes(kind));
  if (p.params && !ids.actorsOwn && !cityWide) return ["404"];
  return ["ok"];
}

const ACCOUNTS: { key: string; login: string | null; role: Role | null; home: RegExp | null }[] = [
  { key: "anonymous", login: null, role: null, home: null },
  { key: "resident", login: "resident", role: "resident", home: /\/resident$/ },
  { key: "volunteer", login: "volunteer", role: "volunteer", home: /\/volunteer$/ },
  { key: "branch_leader", login: "leader", role: "branch_leader", home: /\/branch$/ },
  { key: "official", login: "official", role: "official", home: /\/official$/ },
  { key: "admin", login: "admin", role: "admin", home: /\/admin$/ },
  { key: "city", login: "city", role: "city", home: /\/city$/ },
  ...OTHER_ROLES.map((role) => ({
    key: `other commune's ${role}`,
    login: `mt-${role.replace("_", "-")}`,
    role,
    home: null,
  })),
];

async function signInAs(page: Page, login: string, home: RegExp | null) {
  await signIn(page, login);
  await expect(page).not.toHaveURL(/\/login/);
  if (home) await expect(page).toHaveURL(home);
}

test.describe("every page of the permission matrix, as every actor", () => {
  let demo: Ids;
  let other: Ids;

  test.beforeAll(async () => {
    await withDb(async (c) => {
      const b = await ensureOtherCommune(c);
      other = await idsOf(c, b);
      demo = await demoIds(c);
    });
  });

  for (const account of ACCOUNTS) {
    const foreignActor = account.key.startsWith("other");
    test(`as ${account.key}`, async ({ page }) => {
      test.setTimeout(180_000);
      if (account.login) await signInAs(page, account.login, account.home);
      const mismatches: string[] = [];
      let cases = 0;
      const probe = async (pattern: string, p: Permission, ids: Ids, where: { portal: boolean; actorsOwn: boolean }) => {
        const url = fill(pattern, p, ids);
        if (url === null) return;
        cases++;
        let got = await answer(page.request, url);
        const want = expected(p, account.role, where);
        // Public pages refuse before streaming (a real 404); a noindex there is the page's own.
        if (got === "refused after streaming" && p.who === "anyone") got = "ok";
        if (!want.includes(got)) mismatches.push(`${url} (${pattern}): got ${got}, expected ${want.join(" or ")}`);
      };
      for (const [pattern, p] of Object.entries(PAGES)) {
        // The demo commune's ids: another commune's user is guessing them.
        await probe(pattern, p, demo, { portal: true, actorsOwn: !foreignActor });
        if (foreignActor || !p.params) continue;
        // A demo role guessing the other commune's ids.
        if (account.role !== null) await probe(pattern, p, other, { portal: false, actorsOwn: false });
        // Anyone guessing ids of no record at all.
        if (Object.values(p.params).some((kind) => kind !== "exportTable"))
          await probe(pattern, p, GUESSED, { portal: false, actorsOwn: false });
      }
      console.log(`matrix e2e: ${account.key}: ${cases} page cases`);
      expect(mismatches).toEqual([]);
    });
  }
});
