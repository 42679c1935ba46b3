// The city-sized dataset of DESIGN.md, loaded with set-based SQL (INSERT … SELECT over
// generate_series; nothing row by row from JavaScript): 114 communes of Hải Phòng, ~12 villages
// each, 1,000,000 households spread unevenly (Tứ Kỳ ≈ 8,800), ~3,000,000 members (~75% adults),
// ~5,000,000 visits over two years with their items, the skills those visits gave, digital
// families adopted by branches against their targets, volunteers, classes with registrations and
// attendance, household businesses, monthly figures and the city contest. BENCH_SCALE scales the
// per-household tables (households, members, visits, volunteers, businesses).
//
// Ids are given explicitly where later steps need ranges (households, members and volunteers are
// contiguous per commune), and the sequences are moved past them at the end, so the portal can
// keep inserting. Secondary indexes and foreign keys are dropped before the load and restored from
// their own definitions after it, as pg_restore does (building an index, or checking a foreign
// key over a whole table, is far faster than doing it row by row); every key, foreign key and
// index is back, and every row checked against it, when the seed finishes.
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { BUILTIN_SKILLS, BUILTIN_TRAINING_TOPICS, DEFAULT_CRITERIA } from "@/lib/families/defaults";
import { unsafeEveryCommuneRecomputeQuery } from "@/lib/families/recompute";
import { DEMO_COMMUNE, DEMO_CONTEST, DEMO_PASSWORD, VOLUNTEER_SATURDAY } from "@/prisma/seed/demo";
import { slugify } from "@/prisma/seed/helpers";
import {
  BUSINESS_SECTORS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  OTHER_HAI_PHONG_COMMUNES,
  TU_KY_VILLAGES,
} from "@/prisma/seed/names";
import { mulberry32 } from "@/prisma/seed/random";

export const CITY = { households: 1_000_000, tuKyHouseholds: 8_800, communes: 114 } as const;
/** Months of Volunteer Saturday campaigns per commune (two years and the current month). */
const CAMPAIGN_MONTHS = 26;
const EVENTS_PER_COMMUNE = 52;
const TOPICS = BUILTIN_TRAINING_TOPICS.length;
const SKILLS = BUILTIN_SKILLS.length;

/** The bench's sign-ins, all with DEMO_PASSWORD. */
export const BENCH_USERS = {
  official: { id: 1, username: "bench-official" }, // Tứ Kỳ
  officialLargest: { id: 2, username: "bench-official-largest" }, // the largest commune
  city: { id: 3, username: "bench-city" },
} as const;
export const BENCH_PASSWORD = DEMO_PASSWORD;
const FIRST_VOLUNTEER_ID = 11;

export type SeedSummary = { seconds: number; steps: { step: string; seconds: number }[]; counts: Record<string, number> };

/** A weighted list flattened into `n` slots, so SQL can draw from it with one array subscript. */
function slots<T>(weighted: readonly (readonly [T, number])[], n = 200): T[] {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  const out: T[] = [];
  let acc = 0;
  for (const [item, w] of weighted) {
    acc += w;
    while (out.length < Math.round((acc / total) * n)) out.push(item);
  }
  return out;
}

type PlanCommune = {
  id: number;
  code: string;
  name: string;
  households: number;
  hhStart: number;
  volunteers: number;
  volStart: number;
  villageSlots: number[];
  brStart: number;
  brCount: number;
};
type PlanVillage = { id: number; communeId: number; name: string; code: string; weight: number };
type PlanBranch = { id: number; communeId: number; villageId: number | null; name: string; target: number; adopt: number };

/** The small tables (communes, villages, branches), planned in memory with a seeded generator. */
export function planCity(scale: number) {
  const rnd = mulberry32(20_261_011);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const names = [DEMO_COMMUNE.name, ...OTHER_HAI_PHONG_COMMUNES].slice(0, CITY.communes);
  const total = Math.round(CITY.households * scale);
  const tuKy = Math.max(20, Math.round(CITY.tuKyHouseholds * scale));
  // Wards (phường) are denser than rural communes; sizes are log-normal around the mean.
  const weights = names.map((n, i) => (i === 0 ? 0 : Math.exp(0.45 * gauss()) * (n.startsWith("Phường") ? 1.35 : 1)));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const communes: PlanCommune[] = [];
  const villages: PlanVillage[] = [];
  const branches: PlanBranch[] = [];
  let hhStart = 1;
  let volStart = FIRST_VOLUNTEER_ID;
  let assigned = 0;
  const codes = new Set<string>();
  names.forEach((name, i) => {
    let code = i === 0 ? DEMO_COMMUNE.code : slugify(name);
    for (let k = 2; codes.has(code); k++) code = `${slugify(name)}-${k}`;
    codes.add(code);
    const id = i + 1;
    const households =
      i === 0
        ? tuKy
        : i === names.length - 1
          ? total - tuKy - assigned
          : Math.max(20, Math.round(((total - tuKy) * weights[i]) / wsum));
    if (i > 0) assigned += households;
    const ward = name.startsWith("Phường");
    const vs: [string, number][] =
      i === 0
        ? TU_KY_VILLAGES.map(([v, size]) => [v, size])
        : Array.from({ length: 8 + Math.floor(rnd() * 9) }, (_, k) => [
            ward ? `Tổ dân phố ${k + 1}` : `Thôn ${k + 1}`,
            0.6 + rnd() * 0.8,
          ]);
    const firstVillage = villages.length + 1;
    vs.forEach(([v, w], k) =>
      villages.push({ id: firstVillage + k, communeId: id, name: v, code: `t${String(k + 1).padStart(2, "0")}`, weight: w }),
    );
    const villageSlots = slots(
      vs.map(([, w], k) => [firstVillage + k, w] as const),
      100,
    );
    const brStart = branches.length + 1;
    const branchDefs: [string, number | null, number][] = [
      ...vs.map(([v], k): [string, number | null, number] => [
        `Chi đoàn ${v}`,
        firstVillage + k,
        rnd() < 0.8 ? 5 : 6 + Math.floor(rnd() * 5),
      ]),
      ["Chi đoàn Cơ quan UBND", null, 8],
      ["Chi đoàn Công an", null, 6],
      ["Chi đoàn Trường THCS", null, 10],
    ];
    branchDefs.forEach(([bn, villageId, target], k) =>
      branches.push({
        id: brStart + k,
        communeId: id,
        villageId,
        name: bn,
        target,
        // About 60% of branches meet their target; a few have adopted nobody yet.
        adopt: Math.max(0, target + Math.floor(rnd() * 7) - 3),
      }),
    );
    const volunteers = Math.max(3, Math.round(households / 200));
    communes.push({
      id,
      code,
      name,
      households,
      hhStart,
      volunteers,
      volStart,
      villageSlots,
      brStart,
      brCount: branchDefs.length,
    });
    hhStart += households;
    volStart += volunteers;
  });
  return { communes, villages, branches, total: hhStart - 1 };
}

type Step = (c: pg.Client) => Promise<unknown>;

/** A random element of the array bound to parameter $n. */
function pick(n: number, type: "text" | "int"): string {
  return `($${n}::${type}[])[1 + floor(random() * array_length($${n}::${type}[], 1))::int]`;
}

export async function seedCity(client: pg.Client, scale: number, log: (line: string) => void): Promise<SeedSummary> {
  const plan = planCity(scale);
  const largest = plan.communes.reduce((a, b) => (b.households > a.households ? b : a));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const steps: SeedSummary["steps"] = [];
  const t0 = performance.now();
  const step = async (name: string, run: Step) => {
    const t = performance.now();
    await run(client);
    const seconds = (performance.now() - t) / 1000;
    steps.push({ step: name, seconds });
    log(`  ${name.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s`);
  };
  const q = (sql: string, values?: unknown[]) => client.query(sql, values);

  await q("SET synchronous_commit = off");
  await q("SET work_mem = '256MB'");
  await q("SET maintenance_work_mem = '1GB'");
  await q("SELECT setseed(0.20261011)");

  // Secondary indexes: dropped now, rebuilt from their own definitions at the end.
  const { rows: indexes } = await q(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  // Foreign keys likewise: dropped now, added back at the end, which checks every row at once.
  const { rows: foreignKeys } = await q(
    `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  await step(`drop ${indexes.length} secondary indexes, ${foreignKeys.length} foreign keys`, async () => {
    for (const fk of foreignKeys) await q(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
    for (const ix of indexes) await q(`DROP INDEX ${ix.name}`);
  });

  // Small tables planned in JavaScript, written in one statement each from arrays.
  await step("communes, villages, branches, skills, topics", async () => {
    await q(
      `INSERT INTO commune (id, code, name, province) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
      [
        plan.communes.map((c) => c.id),
        plan.communes.map((c) => c.code),
        plan.communes.map((c) => c.name),
        plan.communes.map(() => DEMO_COMMUNE.province),
      ],
    );
    await q(
      `INSERT INTO village (id, commune_id, name, code) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`,
      [
        plan.villages.map((v) => v.id),
        plan.villages.map((v) => v.communeId),
        plan.villages.map((v) => v.name),
        plan.villages.map((v) => v.code),
      ],
    );
    await q(
      `INSERT INTO youth_branch (id, commune_id, village_id, name, target_families)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[])`,
      [
        plan.branches.map((b) => b.id),
        plan.branches.map((b) => b.communeId),
        plan.branches.map((b) => b.villageId),
        plan.branches.map((b) => b.name),
        plan.branches.map((b) => b.target),
      ],
    );
    await q(`CREATE UNLOGGED TABLE bench_branch (id int, commune_id int, adopt int)`);
    await q(`INSERT INTO bench_branch SELECT * FROM unnest($1::int[], $2::int[], $3::int[])`, [
      plan.branches.map((b) => b.id),
      plan.branches.map((b) => b.communeId),
      plan.branches.map((b) => b.adopt),
    ]);
    await q(
      `CREATE UNLOGGED TABLE bench_commune (id int PRIMARY KEY, n_hh int, hh_start int, n_vol int, vol_start int, br_start int, br_n int,
                                            mem_start bigint, mem_n bigint, vslots int[])`,
    );
    await q(
      `INSERT INTO bench_commune (id, n_hh, hh_start, n_vol, vol_start, br_start, br_n)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])`,
      [
        plan.communes.map((c) => c.id),
        plan.communes.map((c) => c.households),
        plan.communes.map((c) => c.hhStart),
        plan.communes.map((c) => c.volunteers),
        plan.communes.map((c) => c.volStart),
        plan.communes.map((c) => c.brStart),
        plan.communes.map((c) => c.brCount),
      ],
    );
    await q(
      `UPDATE bench_commune b SET vslots = s.v FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id int, v int[])) s WHERE s.id = b.id`,
      [JSON.stringify(plan.communes.map((c) => ({ id: c.id, v: c.villageSlots })))],
    );
    // The built-in skills, criteria and class topics of lib/families/defaults.ts, for every
    // commune, with ids (commune - 1) * count + position so later steps can compute them.
    await q(
      `INSERT INTO skill (id, commune_id, key, scope, name_vi, name_en, builtin, sort_order)
       SELECT (c.id - 1) * ${SKILLS} + s.ord, c.id, s.key, s.scope::"SkillScope", s."nameVi", s."nameEn", true, s."sortOrder"
         FROM commune c, jsonb_to_recordset($1::jsonb) AS s(key text, scope text, "nameVi" text, "nameEn" text, "sortOrder" int, ord int)`,
      [JSON.stringify(BUILTIN_SKILLS.map((x, i) => ({ ...x, ord: i + 1 })))],
    );
    await q(
      `INSERT INTO family_criterion (commune_id, skill_id, level, rule, sort_order)
       SELECT k.commune_id, k.id, d.level::"CriterionLevel", d.rule::"CriterionRule", d."sortOrder"
         FROM skill k JOIN jsonb_to_recordset($1::jsonb) AS d("skillKey" text, level text, rule text, "sortOrder" int) ON d."skillKey" = k.key`,
      [JSON.stringify(DEFAULT_CRITERIA)],
    );
    await q(
      `INSERT INTO training_topic (id, commune_id, key, name_vi, name_en, skill_id, sort_order)
       SELECT (c.id - 1) * ${TOPICS} + t.ord, c.id, t.key, t."nameVi", t."nameEn", k.id, t."sortOrder"
         FROM commune c
         CROSS JOIN jsonb_to_recordset($1::jsonb) AS t(key text, "nameVi" text, "nameEn" text, "skillKey" text, "sortOrder" int, ord int)
         LEFT JOIN skill k ON k.commune_id = c.id AND k.key = t."skillKey"`,
      [JSON.stringify(BUILTIN_TRAINING_TOPICS.map((x, i) => ({ ...x, ord: i + 1 })))],
    );
  });

  await step("users: officials, city, volunteers", async () => {
    await q(
      `INSERT INTO app_user (id, commune_id, username, name, password_hash, role) VALUES
         (${BENCH_USERS.official.id}, 1, '${BENCH_USERS.official.username}', 'Cán bộ xã Tứ Kỳ (bench)', $1, 'official'),
         (${BENCH_USERS.officialLargest.id}, ${largest.id}, '${BENCH_USERS.officialLargest.username}', 'Cán bộ ${largest.name.replace(/'/g, "''")} (bench)', $1, 'official'),
         (${BENCH_USERS.city.id}, NULL, '${BENCH_USERS.city.username}', 'Sở Khoa học và Công nghệ (bench)', $1, 'city')`,
      [passwordHash],
    );
    // Volunteer k of a commune belongs to branch k mod (branches); the first of each is its leader.
    await q(
      `INSERT INTO app_user (id, commune_id, username, name, password_hash, role)
       SELECT c.vol_start + k, c.id, 'bench-v' || c.id || '-' || k,
              ${pick(2, "text")} || ' ' ||
              CASE WHEN random() < 0.5 THEN ${pick(3, "text")}
                   ELSE ${pick(4, "text")} END,
              $1, (CASE WHEN k < c.br_n THEN 'branch_leader' ELSE 'volunteer' END)::"Role"
         FROM bench_commune c, generate_series(0, c.n_vol - 1) k`,
      [passwordHash, slots(FAMILY_NAMES), GIVEN_NAMES.male, GIVEN_NAMES.female],
    );
    await q(
      `INSERT INTO volunteer_profile (user_id, commune_id, branch_id, is_leader, joined_on)
       SELECT c.vol_start + k, c.id, c.br_start + k % c.br_n, k < c.br_n, current_date - 30 - floor(random() * 700)::int
         FROM bench_commune c, generate_series(0, c.n_vol - 1) k`,
    );
  });

  const Y = `extract(year FROM (now() AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int`;
  const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  await step("households", async () => {
    // Sizes 1–6 (mean ≈ 3.0); ~12% of households never visited, the rest ~5.7 visits on average (5 per household).
    await q(
      `CREATE UNLOGGED TABLE bench_hh (id int, commune_id int, village_id int, size int, head_gender text, family text, head_birth int,
                                       nv int, phone text, head_name text, member_start bigint)`,
    );
    await q(
      `INSERT INTO bench_hh (id, commune_id, village_id, size, head_gender, family, head_birth, nv, phone)
       SELECT c.hh_start + g - 1 AS id, c.id AS commune_id,
              c.vslots[1 + floor(random() * array_length(c.vslots, 1))::int] AS village_id,
              CASE WHEN r.s < 0.14 THEN 1 WHEN r.s < 0.36 THEN 2 WHEN r.s < 0.64 THEN 3 WHEN r.s < 0.86 THEN 4 WHEN r.s < 0.96 THEN 5 ELSE 6 END AS size,
              CASE WHEN r.hg < 0.8 THEN 'male' ELSE 'female' END AS head_gender,
              ${pick(1, "text")} AS family,
              ${Y} - 25 - floor(random() * 55)::int AS head_birth,
              CASE WHEN random() < 0.12 THEN 0 ELSE 1 + floor(-ln(1 - random()) * 5.17)::int END AS nv,
              CASE WHEN random() < 0.9 THEN ${pick(2, "text")} || lpad((c.hh_start + g - 1)::text, 7, '0') END AS phone
         FROM bench_commune c, generate_series(1, c.n_hh) g, LATERAL (SELECT random() + 0 * g AS s, random() + 0 * g AS hg) r`,
      [
        slots(FAMILY_NAMES),
        ["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "091", "094", "088", "090"],
      ],
    );
    await q(
      `UPDATE bench_hh SET head_name = family || ' ' ||
         CASE WHEN head_gender = 'male'
           THEN ${pick(1, "text")} || ' ' || ${pick(2, "text")}
           ELSE ${pick(3, "text")} || ' ' || ${pick(4, "text")} END`,
      [slots(MIDDLE_NAMES.male.older), GIVEN_NAMES.male, slots(MIDDLE_NAMES.female.older), GIVEN_NAMES.female],
    );
    await q(
      `UPDATE bench_hh b SET member_start = s.start FROM (SELECT id, sum(size) OVER (ORDER BY id) - size + 1 AS start FROM bench_hh) s WHERE s.id = b.id`,
    );
    await q(`ALTER TABLE bench_hh ADD PRIMARY KEY (id)`);
    await q(
      `INSERT INTO household (id, commune_id, village_id, head_name, address, phone, created_at, updated_at)
       SELECT b.id, b.commune_id, b.village_id, b.head_name,
              'Số ' || (1 + floor(random() * 300)::int) || ', xóm ' || (1 + b.id % 9) || ', ' || v.name,
              b.phone, now() - interval '800 days', now()
         FROM bench_hh b JOIN village v ON v.id = b.village_id ORDER BY b.id`,
    );
    await q(
      `UPDATE bench_commune c SET mem_start = s.lo, mem_n = s.n
         FROM (SELECT commune_id, min(member_start) AS lo, sum(size) AS n FROM bench_hh GROUP BY commune_id) s WHERE s.commune_id = c.id`,
    );
  });

  await step("members", async () => {
    // The head, a spouse (mostly an adult), then children or grandparents: about 75% adults.
    await q(
      `INSERT INTO member (id, commune_id, household_id, full_name, birth_year, gender, phone, is_head, created_at, updated_at)
       SELECT b.member_start + x.k, b.commune_id, b.id,
              CASE WHEN x.k = 0 THEN b.head_name
                   ELSE (CASE WHEN x.k = 1 THEN ${pick(1, "text")} ELSE b.family END) || ' ' ||
                        CASE WHEN x.gender = 'male'
                          THEN ${pick(2, "text")} || ' ' || ${pick(3, "text")}
                          ELSE ${pick(4, "text")} || ' ' || ${pick(5, "text")} END
              END,
              CASE WHEN x.k = 0 THEN b.head_birth
                   WHEN x.k = 1 AND x.r < 0.9 THEN least(${Y} - 18, b.head_birth + floor(random() * 9)::int - 4)
                   WHEN x.k >= 2 AND x.r < 0.43 THEN CASE WHEN random() < 0.5 THEN ${Y} - 60 - floor(random() * 30)::int ELSE ${Y} - 18 - floor(random() * 12)::int END
                   ELSE ${Y} - floor(random() * 18)::int END,
              x.gender::"Gender",
              CASE WHEN x.k = 0 THEN b.phone WHEN random() < 0.5 THEN '09' || lpad((b.member_start + x.k)::text, 8, '0') END,
              x.k = 0, now() - interval '800 days', now()
         FROM bench_hh b,
              LATERAL (SELECT k, random() AS r,
                              CASE WHEN k = 0 THEN b.head_gender
                                   WHEN k = 1 THEN CASE WHEN b.head_gender = 'male' THEN 'female' ELSE 'male' END
                                   WHEN random() < 0.5 THEN 'male' ELSE 'female' END AS gender
                         FROM generate_series(0, b.size - 1) k) x
        ORDER BY b.id, x.k`,
      [
        slots(FAMILY_NAMES),
        slots(MIDDLE_NAMES.male.younger),
        GIVEN_NAMES.male,
        slots(MIDDLE_NAMES.female.younger),
        GIVEN_NAMES.female,
      ],
    );
  });

  await step("campaigns (monthly Volunteer Saturdays)", async () => {
    await q(
      `INSERT INTO campaign (id, commune_id, name, kind, starts_on, ends_on, description)
       SELECT (c.id - 1) * ${CAMPAIGN_MONTHS} + m + 1, c.id, $1 || ' – tháng ' || to_char(mo, 'MM/YYYY'), 'volunteer_saturday',
              mo, (mo + interval '1 month - 1 day')::date, ''
         FROM bench_commune c, generate_series(0, ${CAMPAIGN_MONTHS - 1}) m,
              LATERAL (SELECT (date_trunc('month', ${TODAY} - 740) + m * interval '1 month')::date AS mo) d`,
      [VOLUNTEER_SATURDAY],
    );
    await q(
      `INSERT INTO campaign_branch (campaign_id, branch_id)
       SELECT k.id, b.id FROM campaign k JOIN youth_branch b ON b.commune_id = k.commune_id`,
    );
    await q(
      `INSERT INTO campaign_village (campaign_id, village_id)
       SELECT k.id, v.id FROM campaign k JOIN village v ON v.commune_id = k.commune_id`,
    );
  });

  await step("visits (two years, half on Saturdays)", async () => {
    await q(
      `INSERT INTO visit (commune_id, household_id, volunteer_id, campaign_id, visited_on, outcome, follow_up_on, idempotency_key, created_at)
       SELECT b.commune_id, b.id, c.vol_start + floor(random() * c.n_vol)::int,
              CASE WHEN s.sat THEN (c.id - 1) * ${CAMPAIGN_MONTHS} + 1 +
                   ((extract(year FROM d.d) * 12 + extract(month FROM d.d))::int
                    - (extract(year FROM ${TODAY} - 740) * 12 + extract(month FROM ${TODAY} - 740))::int) END,
              d.d, o.outcome::"VisitOutcome",
              CASE WHEN o.outcome IN ('needs_police', 'no_smartphone') AND random() < 0.5 THEN d.d + 14 END,
              gen_random_uuid(), d.d + interval '1 hour' + floor(random() * 600) * interval '1 minute'
         FROM bench_hh b JOIN bench_commune c ON c.id = b.commune_id,
              LATERAL (SELECT ${TODAY} - floor(730 * power(random(), 1.6))::int AS d0, random() < 0.5 AS sat, random() AS ro
                         FROM generate_series(1, b.nv)) s,
              LATERAL (SELECT CASE WHEN s.sat THEN s.d0 - ((extract(dow FROM s.d0)::int + 1) % 7) ELSE s.d0 END AS d) d,
              LATERAL (SELECT CASE WHEN s.ro < 0.7 THEN 'done' WHEN s.ro < 0.85 THEN 'not_home' WHEN s.ro < 0.9 THEN 'needs_police'
                                   WHEN s.ro < 0.95 THEN 'no_smartphone' ELSE 'declined' END AS outcome) o
        ORDER BY b.id`,
    );
  });

  await step("visit items (what was done, for whom)", async () => {
    // 1–3 items per successful visit, skills weighted like the field: VNeID first.
    await q(
      `INSERT INTO visit_item (commune_id, visit_id, skill_id, member_id)
       SELECT v.commune_id, v.id, (v.commune_id - 1) * ${SKILLS} + ${pick(1, "int")},
              b.member_start + floor(random() * b.size)::int
         FROM visit v JOIN bench_hh b ON b.id = v.household_id,
              LATERAL generate_series(1, 1 + (random() + 0 * v.id < 0.35)::int + (random() < 0.1)::int) n
        WHERE v.outcome = 'done'`,
      [
        slots(
          [
            [1, 30],
            [2, 22],
            [3, 15],
            [4, 18],
            [5, 10],
            [6, 5],
          ],
          100,
        ),
      ],
    );
  });

  await step("member skills (first visit that gave each)", async () => {
    await q(
      `INSERT INTO member_skill (commune_id, member_id, skill_id, acquired_on, visit_id)
       SELECT DISTINCT ON (vi.member_id, vi.skill_id) vi.commune_id, vi.member_id, vi.skill_id, v.visited_on, v.id
         FROM visit_item vi JOIN visit v ON v.id = vi.visit_id
        ORDER BY vi.member_id, vi.skill_id, v.visited_on`,
    );
  });

  await step("households' last visit", async () => {
    await q(
      `UPDATE household h SET last_visit_on = m.d, follow_up_on = m.f
         FROM (SELECT household_id, max(visited_on) AS d, max(follow_up_on) AS f FROM visit GROUP BY household_id) m
        WHERE h.id = m.household_id`,
    );
  });

  await step("digital families and branch adoption", async () => {
    await q(
      `INSERT INTO digital_family (commune_id, household_id, status, enrolled_on, in_progress_on, digital_on, smart_on)
       SELECT b.commune_id, b.id, st.status::"FamilyStatus", x.e,
              CASE WHEN st.status <> 'enrolled' THEN least(${TODAY}, x.e + 10 + floor(random() * 50)::int) END,
              CASE WHEN st.status IN ('digital', 'smart') THEN least(${TODAY}, x.e + 60 + floor(random() * 120)::int) END,
              CASE WHEN st.status = 'smart' THEN least(${TODAY}, x.e + 200 + floor(random() * 100)::int) END
         FROM bench_hh b,
              LATERAL (SELECT random() + 0 * b.id AS r, ${TODAY} - floor(random() * 600 + 0 * b.id)::int AS e) x,
              LATERAL (SELECT CASE WHEN x.r < 0.25 THEN 'enrolled' WHEN x.r < 0.6 THEN 'in_progress' WHEN x.r < 0.88 THEN 'digital' ELSE 'smart' END AS status) st
        WHERE random() < CASE WHEN b.nv > 0 THEN 0.4 ELSE 0.05 END`,
    );
    await q(
      `WITH fam AS (SELECT id, commune_id, row_number() OVER (PARTITION BY commune_id ORDER BY random()) AS rn FROM digital_family),
            br AS (SELECT id, commune_id, sum(adopt) OVER (PARTITION BY commune_id ORDER BY id) AS hi, adopt FROM bench_branch)
       UPDATE digital_family f SET branch_id = br.id
         FROM fam JOIN br ON br.commune_id = fam.commune_id AND fam.rn > br.hi - br.adopt AND fam.rn <= br.hi
        WHERE f.id = fam.id`,
    );
  });

  await step("assignments", async () => {
    await q(
      `INSERT INTO assignment (commune_id, household_id, volunteer_id, assigned_by_id, assigned_at, active)
       SELECT b.commune_id, b.id, c.vol_start + floor(random() * c.n_vol)::int, c.vol_start, now() - floor(random() * 300) * interval '1 day', random() < 0.9
         FROM bench_hh b JOIN bench_commune c ON c.id = b.commune_id WHERE random() < 0.1`,
    );
  });

  await step("household businesses and their skills", async () => {
    await q(
      `INSERT INTO household_business (commune_id, household_id, name, sector, created_at)
       SELECT b.commune_id, b.id, ($1::text[])[s.i] || ' ' || regexp_replace(b.head_name, '^.* ', ''), ($2::text[])[s.i], now() - interval '700 days'
         FROM bench_hh b, LATERAL (SELECT 1 + floor(random() * array_length($1::text[], 1) + 0 * b.id)::int AS i) s
        WHERE random() < 0.05`,
      [
        slots(BUSINESS_SECTORS.map(([, prefix, w]) => [prefix, w] as const)),
        slots(BUSINESS_SECTORS.map(([sector, , w]) => [sector, w] as const)),
      ],
    );
    await q(
      `INSERT INTO business_skill (commune_id, business_id, skill_id, acquired_on)
       SELECT hb.commune_id, hb.id, (hb.commune_id - 1) * ${SKILLS} + o.ord, ${TODAY} - floor(random() * 600)::int
         FROM household_business hb, unnest(ARRAY[0.55, 0.6, 0.3, 0.2]::float8[]) WITH ORDINALITY AS p(share, k),
              LATERAL (SELECT 6 + p.k::int AS ord) o
        WHERE random() < p.share`,
    );
  });

  await step("classes, registrations, attendance", async () => {
    // One class a fortnight per commune over two years, a few still to come; 10% run jointly
    // with a neighbouring commune.
    await q(
      `INSERT INTO training_event (id, commune_id, partner_commune_id, topic_id, village_id, title, audience, place, organiser,
                                   starts_at, ends_at, capacity, status)
       SELECT (c.id - 1) * ${EVENTS_PER_COMMUNE} + e, c.id, CASE WHEN random() < 0.1 THEN c.id % ${CITY.communes} + 1 END,
              t.id, CASE WHEN random() < 0.6 THEN c.vslots[1 + floor(random() * array_length(c.vslots, 1))::int] END,
              t.name_vi || ' – buổi ' || e, (ARRAY['residents','officials','workers','everyone'])[1 + floor(random() * 4)::int]::"TrainingAudience",
              'Hội trường UBND', 'Trung tâm Chính trị', s.at, s.at + interval '2 hours', 30 + floor(random() * 50)::int,
              (CASE WHEN s.at > now() THEN 'scheduled' WHEN random() < 0.05 THEN 'cancelled' ELSE 'held' END)::"EventStatus"
         FROM bench_commune c, generate_series(1, ${EVENTS_PER_COMMUNE}) e,
              LATERAL (SELECT ((${TODAY} - 700 + e * 14)::timestamp + interval '1 hour') AS at) s,
              LATERAL (SELECT (c.id - 1) * ${TOPICS} + 1 + floor(random() * ${TOPICS} + 0 * e)::int AS topic_id) tt
              JOIN training_topic t ON t.id = tt.topic_id`,
    );
    await q(
      `INSERT INTO registration (commune_id, event_id, full_name, phone, member_id, village_id, status, code, created_at, cancelled_at)
       SELECT r.commune_id, r.event_id, m.full_name, '09' || lpad(m.id::text, 8, '0'), m.id, h.village_id, st.status::"RegistrationStatus",
              'BN' || lpad(to_hex(row_number() OVER ()), 8, '0'), r.starts_at - interval '5 days',
              CASE WHEN st.status = 'cancelled' THEN r.starts_at - interval '2 days' END
         FROM (SELECT DISTINCT ON (ev.id, pick.member_id) ev.id AS event_id, ev.commune_id, ev.starts_at, pick.member_id
                 FROM training_event ev JOIN bench_commune c ON c.id = ev.commune_id,
                      LATERAL (SELECT c.mem_start + floor(random() * c.mem_n)::bigint AS member_id
                                 FROM generate_series(1, floor(ev.capacity * CASE WHEN ev.status = 'scheduled' THEN 0.3 + 0.3 * random() ELSE 0.5 + 0.5 * random() END)::int)) pick
                WHERE ev.status <> 'cancelled'
                ORDER BY ev.id, pick.member_id) r
         JOIN member m ON m.id = r.member_id JOIN household h ON h.id = m.household_id,
              LATERAL (SELECT CASE WHEN random() + 0 * m.id < 0.92 THEN 'confirmed' WHEN random() < 0.6 THEN 'cancelled' ELSE 'waitlist' END AS status) st`,
    );
    await q(
      `INSERT INTO attendance (commune_id, event_id, registration_id, full_name, attended, marked_at)
       SELECT r.commune_id, r.event_id, r.id, r.full_name, random() < 0.82, ev.starts_at + interval '30 minutes'
         FROM registration r JOIN training_event ev ON ev.id = r.event_id
        WHERE ev.status = 'held' AND r.status = 'confirmed'`,
    );
  });

  await step("monthly figures, city contest", async () => {
    await q(
      `INSERT INTO admin_figure (commune_id, month, applications_total, applications_online, records_digitised, updated_at)
       SELECT c.id, (date_trunc('month', ${TODAY}) - m * interval '1 month')::date, t.total,
              round(t.total * least(0.98, 0.85 - m * 0.017 + (random() - 0.5) * 0.08))::int, floor(random() * 400)::int, now()
         FROM bench_commune c, generate_series(1, 24) m,
              LATERAL (SELECT (60 + c.n_hh / greatest(1, ${scale}) / 25 * (0.7 + 0.6 * random()))::int AS total) t`,
    );
    await q(`INSERT INTO contest (code, name, starts_on, ends_on) VALUES ($1, $2, $3, $4)`, [
      DEMO_CONTEST.code,
      DEMO_CONTEST.name,
      DEMO_CONTEST.startsOn,
      DEMO_CONTEST.endsOn,
    ]);
    await q(
      `INSERT INTO contest_result (commune_id, contest_id, village_id, participants, visits)
       SELECT v.commune_id, (SELECT id FROM contest WHERE code = $1), v.id, p.n, round(p.n * (2 + random()))::int
         FROM (SELECT village_id, count(*) AS hh FROM bench_hh GROUP BY village_id) s JOIN village v ON v.id = s.village_id,
              LATERAL (SELECT round(s.hh * (1.2 + 1.2 * random()))::int AS n) p`,
      [DEMO_CONTEST.code],
    );
  });

  await step("sequences past the explicit ids", async () => {
    const { rows } = await q(
      `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
         FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default LIKE 'nextval%'`,
    );
    for (const r of rows)
      await q(`SELECT setval($1, greatest(1, (SELECT coalesce(max(${r.column_name}), 0) FROM ${r.table_name})))`, [r.seq]);
  });

  await step(`rebuild ${indexes.length} secondary indexes`, async () => {
    await q("SET max_parallel_maintenance_workers = 2");
    for (const ix of indexes) await q(ix.def);
  });

  await step(`add back and check ${foreignKeys.length} foreign keys`, async () => {
    for (const fk of foreignKeys) await q(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
  });

  // Statuses last, once the skills are all in and indexed: the app's own statement derives every
  // family's status from its members' skills under its commune's criteria (the statuses drawn
  // above are only a draft; the days drawn are kept where the level holds).
  await step("digital families' status from members' skills", async () => {
    const { text, values } = unsafeEveryCommuneRecomputeQuery();
    await q(text, values);
  });

  await step("drop staging tables; VACUUM ANALYZE", async () => {
    await q("DROP TABLE bench_hh, bench_commune, bench_branch");
    await q("VACUUM ANALYZE");
  });

  const counts: Record<string, number> = {};
  for (const t of [
    "commune",
    "village",
    "youth_branch",
    "app_user",
    "household",
    "member",
    "visit",
    "visit_item",
    "member_skill",
    "digital_family",
    "household_business",
    "training_event",
    "registration",
    "attendance",
    "admin_figure",
  ])
    counts[t] = Number((await q(`SELECT count(*)::bigint AS n FROM ${t}`)).rows[0].n);
  return { seconds: (performance.now() - t0) / 1000, steps, counts };
}
