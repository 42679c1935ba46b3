// Property-based tests: random and malformed payloads sent to every server action and route
// handler declared in the permission matrix (lib/auth/permissions.ts), by the roles it admits, of
// this commune and of another. Whatever arrives, the portal never throws (no 500), never writes
// part of a refused request (every table as it was), and always answers with a message that exists
// in Vietnamese. Payloads keep plausible values for some fields (real ids of both communes) so the
// calls get past the first check, and break the others: missing, repeated, extra, oversized,
// unicode, files instead of text, huge and negative numbers, SQL-ish and script strings.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, admits, ROUTES } from "@/lib/auth/permissions";
import { EXPORT_TABLES } from "@/lib/drilldown/exports";
import {
  loadActionModule,
  loadRouteModule,
  changedTables,
  isRefusal,
  outcome,
  tableFingerprint,
  type Outcome,
} from "@/lib/testing/calls";
import { buildWorld, type World } from "@/lib/testing/fixtures";
import { actAs, freshAddress, isVietnameseMessageKey } from "@/lib/testing/next-fakes";
import { vietnamIsoDay } from "@/lib/format/dates";
import { createTestDatabase } from "@/lib/testing/db";

vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());

/** Random payloads per action and per route (fast-check runs). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

type Fn = (...args: unknown[]) => Promise<unknown>;
// Actions called with plain arguments rather than a form (a client component calls them).
const ARGUMENT_ACTIONS = new Set(["checkInRegistrationAction", "searchRegistrationsAction"]);
const NOT_CALLED = new Set(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]"]);

/** The form fields each action file reads (extra and missing ones are part of the payloads). */
const FIELDS: Record<string, readonly string[]> = {
  "app/shell-actions.ts": ["locale", "back"],
  "app/(public)/login/actions.ts": ["login", "password", "next"],
  "app/(public)/register/actions.ts": ["name", "phone", "password", "confirm", "communeId", "consent"],
  "app/(public)/schedule/actions.ts": ["eventId", "fullName", "phone", "villageId", "consent", "idempotencyKey", "code"],
  "app/(portal)/admin/criteria/actions.ts": ["skillId", "level", "rule", "id", "active", "key", "nameVi", "nameEn"],
  "app/(portal)/admin/users/actions.ts": ["id", "action", "confirmSelf"],
  "app/(portal)/admin/erasure/actions.ts": ["id", "reason"],
  "app/(portal)/resident/actions.ts": ["consentId", "reason", "confirm"],
  "app/(portal)/households/[id]/members/[memberId]/edit/consent-actions.ts": ["consentId", "householdId", "memberId"],
  "app/(portal)/branch/actions.ts": [
    "branchId",
    "target",
    "version",
    "householdId",
    "familyId",
    "volunteerId",
    "assignmentId",
    "back",
  ],
  "app/(portal)/campaigns/actions.ts": [
    "name",
    "kind",
    "startsOn",
    "endsOn",
    "description",
    "villageIds",
    "branchIds",
    "targetSkillId",
    "targetMinAge",
    "campaignId",
    "version",
    "idempotencyKey",
  ],
  "app/(portal)/households/actions.ts": [
    "householdId",
    "memberId",
    "villageId",
    "headName",
    "address",
    "phone",
    "headBirthYear",
    "headGender",
    "createAnyway",
    "fullName",
    "birthYear",
    "gender",
    "isHead",
    "skills",
    "version",
    "idempotencyKey",
    "consent",
    "consentTextKey",
  ],
  "app/(portal)/official/figures/actions.ts": [
    "month",
    "applicationsTotal",
    "applicationsOnline",
    "recordsDigitised",
    "version",
    "file",
  ],
  "app/(portal)/official/contests/actions.ts": ["contestId", "stamp", "file", "participants-1", "visits-1"],
  "app/(portal)/training/actions.ts": [
    "id",
    "version",
    "topicId",
    "title",
    "audience",
    "description",
    "place",
    "organiser",
    "partnerCommuneId",
    "villageId",
    "capacity",
    "date",
    "startTime",
    "endTime",
    "confirm",
    "nameVi",
    "nameEn",
    "skillId",
    "eventId",
    "code",
    "fullName",
    "phone",
    "consent",
    "consentTextKey",
  ],
  "app/(portal)/visits/actions.ts": [
    "household",
    "visit",
    "version",
    "idempotencyKey",
    "visitedOn",
    "outcome",
    "item",
    "co",
    "campaign",
    "notes",
  ],
};

const NASTY = [
  "",
  " ",
  "\t\n",
  "0",
  "-1",
  "-2147483649",
  "2147483648",
  "9".repeat(400),
  "1e308",
  "-1e308",
  "NaN",
  "Infinity",
  "0x1F",
  "1.5",
  "01",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "[object Object]",
  "__proto__",
  "constructor",
  "' OR '1'='1",
  "1; DROP TABLE household; --",
  '1 UNION SELECT password_hash FROM "user"',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "//evil.example/phish",
  "https://evil.example/",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202eevil",
  "\u200b",
  "Nguyễn Văn An",
  "ĐƯỜNG",
  "١٢٣",
  "😀".repeat(60),
  "a".repeat(100_000),
  "Ạ".repeat(5_000),
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "25:61",
  "00:00",
  "yes",
  "on",
  "residents",
  "done",
  "digital",
  "any_adult",
  "volunteer_saturday",
  "en",
  "vi",
];

/** Plausible values of the demo commune (A) and of the other commune (B), to get past the first check. */
async function plausibleValues(w: World): Promise<Record<string, string[]>> {
  const db = w.t.db;
  const ids = async (rows: Promise<{ id: number }[]>) => (await rows).map((r) => String(r.id));
  const both = { communeId: { in: [w.a, w.b] } };
  const households = await ids(db.household.findMany({ where: both, select: { id: true }, take: 6, orderBy: { id: "desc" } }));
  const members = await ids(db.member.findMany({ where: both, select: { id: true }, take: 6, orderBy: { id: "desc" } }));
  const events = await ids(db.trainingEvent.findMany({ where: both, select: { id: true }, take: 6, orderBy: { id: "desc" } }));
  const campaigns = await ids(db.campaign.findMany({ where: both, select: { id: true }, take: 4 }));
  const visits = await ids(db.visit.findMany({ where: both, select: { id: true }, take: 4 }));
  const skills = await ids(db.skill.findMany({ where: both, select: { id: true }, take: 6 }));
  const villages = await ids(db.village.findMany({ where: both, select: { id: true }, take: 4 }));
  const branches = await ids(db.youthBranch.findMany({ where: both, select: { id: true }, take: 4 }));
  const families = await ids(db.digitalFamily.findMany({ where: both, select: { id: true }, take: 4 }));
  const assignments = await ids(db.assignment.findMany({ where: both, select: { id: true }, take: 4 }));
  const criteria = await ids(db.familyCriterion.findMany({ where: both, select: { id: true }, take: 4 }));
  const topics = await ids(db.trainingTopic.findMany({ where: both, select: { id: true }, take: 4 }));
  const contests = await ids(db.contest.findMany({ select: { id: true }, take: 2 }));
  const users = Object.values(w.users).map((u) => String(u.id));
  const consents = await ids(db.consent.findMany({ where: both, select: { id: true }, take: 4 }));
  const codes = (await db.registration.findMany({ where: both, select: { code: true, phone: true }, take: 4 })).map(
    (r) => r.code,
  );
  const today = vietnamIsoDay();
  const uuid = () => crypto.randomUUID();
  return {
    id: [...events, ...criteria, ...users],
    consentId: consents,
    action: ["revoke", "deactivate", "activate"],
    confirmSelf: ["yes"],
    reason: ["Tôi chuyển đi"],
    version: ["1", "2"],
    householdId: households,
    household: households,
    memberId: members,
    eventId: events,
    campaignId: campaigns,
    campaign: campaigns,
    visit: visits,
    skillId: skills,
    targetSkillId: skills,
    item: skills,
    skills: ["vneid_l2", "cashless"],
    villageId: [...villages, "0"],
    villageIds: villages,
    branchId: branches,
    branchIds: branches,
    familyId: families,
    assignmentId: assignments,
    volunteerId: users,
    co: users,
    topicId: topics,
    contestId: contests,
    communeId: [String(w.a), String(w.b)],
    code: codes,
    name: ["Nguyễn Thị Hoa"],
    fullName: ["Trần Văn Bình"],
    headName: ["Lê Văn Chủ"],
    nameVi: ["Chủ đề thử"],
    nameEn: ["Test topic"],
    title: ["Lớp học thử"],
    place: ["Nhà văn hóa"],
    organiser: ["Trung tâm Chính trị"],
    address: ["Số 1, xóm 2"],
    description: ["Mô tả"],
    notes: ["Ghi chú"],
    phone: ["0912345678", "+84 912 345 678"],
    password: ["congdanso", "mat-khau-dai"],
    confirm: ["mat-khau-dai", "yes"],
    login: ["official", "resident"],
    consent: ["yes"],
    consentTextKey: ["member.v1", "signup.v1"],
    idempotencyKey: [uuid(), uuid()],
    birthYear: ["1990"],
    headBirthYear: ["1970"],
    gender: ["female", "male"],
    headGender: ["male"],
    isHead: ["on"],
    createAnyway: ["yes"],
    target: ["6", "5"],
    level: ["digital", "smart"],
    rule: ["all_adults", "any_adult"],
    active: ["true", "false"],
    key: ["ky_nang_moi"],
    kind: ["volunteer_saturday", "other"],
    startsOn: [today],
    endsOn: [today],
    date: [today],
    visitedOn: [today],
    startTime: ["08:00"],
    endTime: ["10:00"],
    capacity: ["30"],
    audience: ["residents"],
    outcome: ["done", "not_home"],
    month: ["2026-01"],
    applicationsTotal: ["100"],
    applicationsOnline: ["40"],
    recordsDigitised: ["3"],
    targetMinAge: ["18"],
    locale: ["vi", "en"],
    back: ["/schedule"],
    next: ["/home"],
    partnerCommuneId: [""],
  };
}

type Entry = string | File;
const fileArb = fc.constantFrom(
  new File(["x"], "a.txt", { type: "text/plain" }),
  new File([new Uint8Array(200_000)], "big.bin"),
  new File([], ""),
);
const nastyArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const valueArb = (plausible: readonly string[] | undefined): fc.Arbitrary<Entry[] | undefined> =>
  fc.oneof(
    { weight: 4, arbitrary: plausible?.length ? fc.constantFrom(...plausible).map((v) => [v]) : nastyArb.map((v) => [v]) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: nastyArb.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(nastyArb, { minLength: 2, maxLength: 4 }) },
    { weight: 1, arbitrary: fileArb.map((f) => [f]) },
  );

function payloadArb(fields: readonly string[], plausible: Record<string, string[]>): fc.Arbitrary<[string, Entry][]> {
  const known = fc.tuple(...fields.map((f) => valueArb(plausible[f]).map((v) => (v ?? []).map((x): [string, Entry] => [f, x]))));
  const extra = fc.array(
    fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom("$ACTION_ID_x", "__proto__", "constructor", "for-1", "a".repeat(5000)),
      ),
      nastyArb,
    ),
    { maxLength: 4 },
  );
  return fc.tuple(known, extra).map(([k, e]) => [...k.flat(), ...e]);
}

const toForm = (entries: [string, Entry][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

/** The message keys an answer carries (field errors, form error, error). */
function messageKeys(value: unknown): string[] {
  if (!value || typeof value !== "object") return [];
  const v = value as { fieldErrors?: Record<string, unknown>; formError?: unknown; error?: unknown; result?: unknown };
  const keys = [
    ...Object.values(v.fieldErrors ?? {}).map(String),
    ...(typeof v.formError === "string" ? [v.formError] : []),
    ...(typeof v.error === "string" ? [v.error] : []),
  ];
  return v.result ? [...keys, ...messageKeys(v.result)] : keys;
}

function describe_(o: Outcome): string {
  if (o.kind === "returned") return `returned ${JSON.stringify(o.value)?.slice(0, 300)}`;
  if (o.kind === "redirect") return `redirect ${o.to}`;
  return `status ${o.status}`;
}

describe("random and malformed payloads", () => {
  let w: World;
  let plausible: Record<string, string[]>;
  let payloads = 0;

  beforeAll(async () => {
    w = await buildWorld(await createTestDatabase(), 12);
    plausible = await plausibleValues(w);
  }, 300_000);

  afterAll(async () => {
    console.log(`property tests: ${payloads} payloads`);
    await w?.t.drop();
  });

  /** The actors a declaration admits, of this commune and of the other; anonymous when anyone may. */
  function actorsFor(who: Parameters<typeof admits>[0]): (string | null)[] {
    const keys = Object.keys(w.users).filter((k) => admits(who, w.users[k]!.role));
    return admits(who, null) ? [null, ...keys] : keys;
  }

  /** One call: never an exception, a refusal writes nothing, a failure says why in Vietnamese. */
  async function probe(label: string, actor: string | null, run: () => Promise<unknown>): Promise<void> {
    payloads++;
    freshAddress();
    if (actor !== null) {
      // An earlier payload may have revoked or closed this account (the admin's user actions):
      // reopen it and take its current session version, so each payload is tried signed in.
      const row = await w.t.db.user.update({
        where: { id: w.users[actor]!.id },
        data: { active: true },
        select: { sessionVersion: true },
      });
      w.users[actor]!.sessionVersion = row.sessionVersion;
    }
    actAs(actor === null ? null : w.users[actor]!);
    const before = await tableFingerprint(w.t.db);
    let o: Outcome;
    try {
      o = await outcome(run);
    } finally {
      actAs(null);
    }
    const where = `${label} as ${actor ?? "anonymous"}: ${describe_(o)}`;
    if (o.kind === "status" || o.kind === "response") expect(o.status, where).toBeLessThan(500);
    if (isRefusal(o)) {
      expect(changedTables(before, await tableFingerprint(w.t.db)), where).toEqual([]);
      if (o.kind === "returned" && o.value && typeof o.value === "object" && !Array.isArray(o.value)) {
        const keys = messageKeys(o.value);
        expect(keys.length, `${where}: a failure without a message`).toBeGreaterThan(0);
        for (const k of keys) expect(isVietnameseMessageKey(k), `${where}: "${k}" has no Vietnamese message`).toBe(true);
      }
    }
  }

  for (const [file, fns] of Object.entries(ACTIONS)) {
    for (const [name, p] of Object.entries(fns)) {
      it(`${file}#${name}`, async () => {
        const fn = (await loadActionModule(file))[name] as Fn;
        const actors = actorsFor(p.who);
        const label = `${file}#${name}`;
        if (!ARGUMENT_ACTIONS.has(name) && fn.length <= 2) {
          // A form action: (previous state, FormData), or (FormData) for a plain form's action.
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...actors), payloadArb(FIELDS[file] ?? [], plausible), async (actor, entries) =>
              probe(label, actor, () => (fn.length === 1 ? fn(toForm(entries)) : fn({ ok: false }, toForm(entries)))),
            ),
            { numRuns: RUNS },
          );
        } else {
          // Arguments sent as they are: whatever a client can serialise.
          const arg = fc.oneof(
            fc.jsonValue(),
            fc.constantFrom(...(plausible.eventId ?? []), ...NASTY).map((s) => s as unknown),
            fc.constantFrom(-1, 0, 2 ** 53, Number.NaN, Infinity, null, undefined),
          );
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...actors), fc.array(arg, { maxLength: 3 }), async (actor, args) =>
              probe(label, actor, () => fn(...args)),
            ),
            { numRuns: RUNS },
          );
        }
      });
    }
  }

  for (const key of Object.keys(ROUTES)) {
    if (NOT_CALLED.has(key)) continue;
    const [method, path] = key.split(" ") as [string, string];
    it(key, async () => {
      const fn = (await loadRouteModule(path))[method] as Fn;
      const actors = actorsFor(ROUTES[key]!.who);
      const param = fc.oneof(
        fc.constantFrom(...(plausible.eventId ?? []), ...NASTY.filter((s) => s.length < 1000)),
        fc.string(),
        // The export route's [table]: every real table, with the filters of their screens below.
        ...(path.includes("[table]") ? [fc.constantFrom(...EXPORT_TABLES)] : []),
      );
      const query = fc.array(
        fc.tuple(
          fc.constantFrom(...["format", "from", "to", "q", "x", "village", "sort", "dir", "when", "visit", "family", "entity"]),
          fc.oneof(fc.constantFrom("csv", "xlsx", "json", "ics"), nastyArb),
        ),
        {
          maxLength: 3,
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...actors), param, query, async (actor, id, q) => {
          const url = new URL(
            `http://localhost${path.replace("[id]", encodeURIComponent(id) || "x").replace("[table]", encodeURIComponent(id) || "x")}`,
          );
          for (const [k, v] of q) url.searchParams.append(k, v.slice(0, 2000));
          return probe(key, actor, () => fn(new Request(url), { params: Promise.resolve({ id, table: id }) }));
        }),
        { numRuns: RUNS },
      );
    });
  }
});
