// `npm run bench:import`: a commune's member list imported from upload to saved (issue 15), on the
// city-sized database of bench:city (bench/lib/city-db.ts; seeded once, kept in .data-bench/), in
// the model commune (Tứ Kỳ, ≈ 8,800 households in the registry). The list is generated
// (lib/testing/onboarding-list.ts): 10,000 people in 3,000 households, XLSX with Vietnamese
// headers, 5 % of the households copies of registry households (to be found as duplicates), 2 %
// bad rows (half bad phones, half impossible rows), and some households written with old village
// names that the admin has recorded (lib/communes/village-aliases.ts).
//
// Timed, in this process, through the lib functions the pages and the job call
// (lib/onboarding/batches.ts; the adapter below is the one place that names them):
//   read + stage   the upload read (limits, encodings) and kept as a staged batch
//   plan           the columns confirmed: every row checked, the duplicates found
//   choices        the official's choice per duplicate group (merge or skip)
//   save           the save job's body, all or nothing, with its progress
// Baseline, in the same run: a plain PostgreSQL COPY of the same rows (every household and every
// person of the file) into the real household and member tables, inside a transaction rolled
// back, the best of BENCH_COPY_RUNS. Then the batch is undone, so the next run finds the registry
// as it was.
//
// Target (issue 15, one 2-core machine): upload to saved in ≤ 60 s.
//
// Environment: IMPORT_PEOPLE (10000), IMPORT_HOUSEHOLDS (3000), IMPORT_DUPLICATES (share of
// households, 0.05), IMPORT_BAD (share of households with a bad row, 0.02), IMPORT_SEED
// ("bench"), BENCH_COPY_RUNS (3), BENCH_KEEP (1: leave the batch saved), and as bench:city:
// BENCH_SCALE (1), BENCH_DATABASE_URL, BENCH_PG_PORT (54390), BENCH_OUT (where to write the
// figures; docs/bench-import.txt when run at the defaults).
import "@/bench/lib/plain-node";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { openCityDatabase, prepareCityData, withClient } from "@/bench/lib/city-db";
import { BENCH_USERS } from "@/bench/lib/city-seed";
import type { CurrentUser } from "@/lib/auth/user";
import { listVillageAliases, addVillageAlias, villageKey } from "@/lib/communes/village-aliases";
import {
  chooseDuplicates,
  confirmMapping,
  getImportBatch,
  queueImportSave,
  saveImportBatch,
  stageImport,
  undoImport,
} from "@/lib/onboarding/batches";
import type { DuplicateChoice, ImportPlan } from "@/lib/onboarding/plan";
import { makeOnboardingList, onboardingListFile, type OnboardingList } from "@/lib/testing/onboarding-list";

const ROOT = path.resolve(__dirname, "..");
const env = (name: string, fallback: number) => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
const SCALE = env("BENCH_SCALE", 1);
const PG_PORT = env("BENCH_PG_PORT", 54390);
const PEOPLE = env("IMPORT_PEOPLE", 10_000);
const HOUSEHOLDS = env("IMPORT_HOUSEHOLDS", 3_000);
const DUPLICATES = env("IMPORT_DUPLICATES", 0.05);
const BAD = env("IMPORT_BAD", 0.02);
const SEED = process.env.IMPORT_SEED ?? "bench";
const COPY_RUNS = env("BENCH_COPY_RUNS", 3);
const DEFAULTS = ["IMPORT_PEOPLE", "IMPORT_HOUSEHOLDS", "IMPORT_DUPLICATES", "IMPORT_BAD", "IMPORT_SEED", "BENCH_SCALE"];
const TARGET_SECONDS = 60;
const FILE_NAME = "bench-import-danh-sach-nhan-khau.xlsx";
/** Names the villages went by before the reorganisation, recorded as aliases of the commune's first villages. */
const OLD_VILLAGE_NAMES = ["Thôn Lão Phong", "Xóm Trại Mai", "Thôn Hạ Đoạn"];

const lines: string[] = [];
function out(line = "") {
  lines.push(line);
  console.log(line);
}
const secs = (ms: number) => (ms / 1000).toFixed(2);
const load = () => loadavg()[0].toFixed(2);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const n = (x: number) => x.toLocaleString("en");

// ---------------------------------------------------------------------------------------------
// The pipeline under test: lib/onboarding/batches.ts, as the upload page, the preview page and the
// save job call it. This adapter is the only place that names its functions.

type BatchView = {
  status: string;
  suggested: (string | null)[];
  plan: ImportPlan<unknown> | null;
  progressDone: number;
  progressTotal: number;
  createdCount: number;
  mergedCount: number;
  skippedCount: number;
};

type ImportPipeline = {
  stage: (user: CurrentUser, file: File) => Promise<number>;
  confirmMapping: (user: CurrentUser, id: number, mapping: (string | null)[]) => Promise<void>;
  view: (user: CurrentUser, id: number) => Promise<BatchView>;
  chooseDuplicates: (user: CurrentUser, id: number, choices: Record<string, DuplicateChoice>) => Promise<void>;
  /** The official's "save" and the job it sends, run here in this process. */
  save: (user: CurrentUser, id: number) => Promise<void>;
  undo: (user: CurrentUser, id: number) => Promise<void>;
};

const pipeline: ImportPipeline = {
  stage: async (user, file) => (await stageImport(user, { kind: "households", file })).id,
  confirmMapping,
  view: async (user, id) => {
    const v = await getImportBatch(user, id);
    return {
      status: v.status,
      suggested: v.suggested,
      plan: v.plan,
      progressDone: v.progress.done,
      progressTotal: v.progress.total,
      createdCount: v.counts.created,
      mergedCount: v.counts.merged,
      skippedCount: v.counts.skipped,
    };
  },
  chooseDuplicates,
  save: async (user, id) => {
    // The app sends the job to pg-boss; here its body runs at once, in this process.
    let sent: number | null = null;
    await queueImportSave(user, id, async (batchId) => void (sent = batchId));
    if (sent === null) throw new Error("the batch was not queued");
    const status = await saveImportBatch(sent);
    if (status !== "saved") throw new Error(`the save job ended "${status}"`);
  },
  undo: undoImport,
};

// ---------------------------------------------------------------------------------------------
// The baseline: COPY … FROM STDIN with pg's own protocol messages (pg has no COPY helper).

type CopyConnection = { sendCopyFromChunk: (chunk: Buffer) => void; endCopyFrom: () => void };

/** Runs `COPY … FROM STDIN` with `data` (COPY's text format) as its input; the rows copied. */
function copyFrom(client: pg.Client, sql: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(sql) as pg.Query & { handleCopyInResponse: (c: CopyConnection) => void };
    query.handleCopyInResponse = (connection) => {
      const bytes = Buffer.from(data, "utf8");
      for (let i = 0; i < bytes.length; i += 64 * 1024) connection.sendCopyFromChunk(bytes.subarray(i, i + 64 * 1024));
      connection.endCopyFrom();
    };
    query.on("end", (r: pg.QueryResult) => resolve(r.rowCount ?? 0));
    query.on("error", reject);
    void client.query(query);
  });
}

/** A value in COPY's text format. */
const copyText = (v: string | number | boolean | null) =>
  v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const copyRows = (rows: (string | number | boolean | null)[][]) => rows.map((r) => r.map(copyText).join("\t")).join("\n") + "\n";

/**
 * COPY of the file's households and people into household and member, in a transaction rolled
 * back: the wall-clock time of the two COPYs (household ids taken first, as the save does).
 */
async function copyBaseline(url: string, list: OnboardingList, communeId: number, villageIds: Map<string, number>) {
  const { manifest, rows } = list;
  return withClient(url, async (c) => {
    await c.query("BEGIN");
    try {
      const t = performance.now();
      const ids = (
        await c.query(`SELECT nextval(pg_get_serial_sequence('household', 'id'))::int AS id FROM generate_series(1, $1::int)`, [
          manifest.households.length,
        ])
      ).rows.map((r: { id: number }) => r.id);
      const households = manifest.households.map((h, i) => [
        ids[i]!,
        communeId,
        villageIds.get(h.currentVillage)!,
        h.headName,
        h.currentVillage,
        h.phone,
        "now",
      ]);
      const people = manifest.households.flatMap((h, i) =>
        h.rows.map((row, k) => {
          const [, , name, , birthYear, gender, phone] = rows[row - 2]!;
          return [
            communeId,
            ids[i]!,
            name!,
            birthYear!,
            gender === "Nữ" ? "female" : "male",
            phone === "" ? null : phone!,
            k === 0,
            "now",
          ];
        }),
      );
      const hh = await copyFrom(
        c,
        `COPY household (id, commune_id, village_id, head_name, address, phone, updated_at) FROM STDIN`,
        copyRows(households),
      );
      const mm = await copyFrom(
        c,
        `COPY member (commune_id, household_id, full_name, birth_year, gender, phone, is_head, updated_at) FROM STDIN`,
        copyRows(people),
      );
      return { ms: performance.now() - t, households: hh, members: mm };
    } finally {
      await c.query("ROLLBACK");
    }
  });
}

// ---------------------------------------------------------------------------------------------

type Registry = {
  user: CurrentUser;
  admin: CurrentUser;
  communeName: string;
  households: number;
  villages: { id: number; name: string }[];
  copies: { headName: string; village: string; birthYear: number; phone: string | null }[];
  heads: { headName: string; village: string; birthYear: number }[];
  phones: string[];
};

const asUser = (u: { id: number; name: string; role: string; commune_id: number; username: string }): CurrentUser => ({
  id: u.id,
  name: u.name,
  role: u.role as CurrentUser["role"],
  communeId: u.commune_id,
  memberId: null,
  username: u.username,
  phone: null,
});

/** The official who imports, an admin of the same commune (for the old village names), and what the registry holds. */
async function readRegistry(url: string, duplicates: number): Promise<Registry> {
  return withClient(url, async (c) => {
    const official = (
      await c.query(`SELECT id, name, role, commune_id, username FROM app_user WHERE id = $1`, [BENCH_USERS.official.id])
    ).rows[0];
    const communeId: number = official.commune_id;
    // The bench seed makes no admin; one is added once, with the official's (unused) password hash.
    await c.query(
      `INSERT INTO app_user (commune_id, username, name, password_hash, role)
       SELECT commune_id, 'bench-admin', 'Quản trị xã (bench)', password_hash, 'admin' FROM app_user WHERE id = $1
       ON CONFLICT (username) DO NOTHING`,
      [official.id],
    );
    const admin = (await c.query(`SELECT id, name, role, commune_id, username FROM app_user WHERE username = 'bench-admin'`))
      .rows[0];
    const communeName = (await c.query(`SELECT name FROM commune WHERE id = $1`, [communeId])).rows[0].name as string;
    const villages = (await c.query(`SELECT id, name FROM village WHERE commune_id = $1 ORDER BY id`, [communeId])).rows;
    const heads = (
      await c.query(
        `SELECT h.id, h.head_name AS "headName", v.name AS village, m.birth_year AS "birthYear", h.phone
           FROM household h JOIN village v ON v.id = h.village_id
           JOIN member m ON m.household_id = h.id AND m.is_head
          WHERE h.commune_id = $1 AND h.import_batch_id IS NULL`,
        [communeId],
      )
    ).rows as { id: number; headName: string; village: string; birthYear: number; phone: string | null }[];
    // Households spread over the registry, the same ones every run.
    const copies = (
      await c.query(
        `SELECT h.head_name AS "headName", v.name AS village, m.birth_year AS "birthYear", h.phone
           FROM household h JOIN village v ON v.id = h.village_id
           JOIN member m ON m.household_id = h.id AND m.is_head
          WHERE h.commune_id = $1 AND h.import_batch_id IS NULL
          ORDER BY md5(h.id::text) LIMIT $2`,
        [communeId, duplicates],
      )
    ).rows;
    const phones = (
      await c.query(
        `SELECT phone FROM household WHERE commune_id = $1 AND phone IS NOT NULL
         UNION SELECT phone FROM member WHERE commune_id = $1 AND phone IS NOT NULL`,
        [communeId],
      )
    ).rows.map((r: { phone: string }) => r.phone);
    return {
      user: asUser(official),
      admin: asUser(admin),
      communeName,
      households: heads.length,
      villages,
      copies,
      heads,
      phones,
    };
  });
}

/** The old village names recorded as the admin records them (once; a later run finds them there). */
async function recordOldNames(admin: CurrentUser, villages: { id: number; name: string }[]) {
  const recorded = new Set((await listVillageAliases(admin)).flatMap((v) => v.aliases.map((a) => villageKey(a.oldVillage))));
  const pairs = OLD_VILLAGE_NAMES.map((old, i) => ({ old, current: villages[i % villages.length]! }));
  for (const { old, current } of pairs)
    if (!recorded.has(villageKey(old))) await addVillageAlias(admin, { villageId: current.id, oldCommune: "", oldVillage: old });
  return pairs.map(({ old, current }) => ({ old, current: current.name }));
}

/**
 * Times `undo`, and names each foreign key to member or household that no index leads: deleting a
 * member checks every table pointing at it, and without such an index that is a scan of the whole
 * table per member (hours for a 10,000-person batch on the city's visit_item). Migration
 * member_fk_indexes added the ones the schema lacked; a new one shows here.
 */
async function timedUndo(url: string, undo: () => Promise<void>) {
  const missing = await withClient(url, async (c) =>
    (
      await c.query(
        `SELECT c.conrelid::regclass::text || '(' || a.attname || ')' AS fk
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid IN ('member'::regclass, 'household'::regclass)
            AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
          ORDER BY 1`,
      )
    ).rows.map((r: { fk: string }) => r.fk),
  );
  const t = performance.now();
  await undo();
  return { ms: performance.now() - t, missing };
}

/** Batches a run left behind (stopped half way): undone when saved, dropped from the queue otherwise. */
async function clearEarlierRuns(url: string, user: CurrentUser) {
  const left = await withClient(url, (c) =>
    c
      .query(
        `SELECT id, status FROM import_batch WHERE commune_id = $1 AND file_name = $2 AND status IN ('queued', 'saving', 'saved')`,
        [user.communeId, FILE_NAME],
      )
      .then((r) => r.rows as { id: number; status: string }[]),
  );
  for (const b of left) {
    if (b.status === "saved") await timedUndo(url, () => pipeline.undo(user, b.id));
    else await withClient(url, (c) => c.query(`UPDATE import_batch SET status = 'failed' WHERE id = $1`, [b.id]));
  }
  if (left.length) out(`  cleared ${left.length} batch(es) left by an earlier run`);
}

async function main() {
  const started = Date.now();
  out(`Import of a commune's member list, upload to saved (npm run bench:import), ${new Date().toISOString().slice(0, 16)}Z`);
  out(
    `  machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ` +
      `load average at start ${loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")}`,
  );
  const db = await openCityDatabase({ root: ROOT, pgPort: PG_PORT });
  try {
    const marker = await prepareCityData(db, { root: ROOT, scale: SCALE, log: out });
    const version = await withClient(db.url, (c) => c.query(`SHOW server_version`).then((r) => r.rows[0].server_version));
    out(
      `  PostgreSQL ${version} (${db.describe}); city at BENCH_SCALE=${SCALE}: ${n(marker.counts.household)} households, ` +
        `${n(marker.counts.member)} members`,
    );
    // The lib functions read DATABASE_URL when the Prisma client is first used.
    process.env.DATABASE_URL = db.url;

    const dupCount = Math.round(HOUSEHOLDS * DUPLICATES);
    const badCount = Math.round(HOUSEHOLDS * BAD);
    const registry = await readRegistry(db.url, dupCount);
    const { user } = registry;
    await clearEarlierRuns(db.url, user);
    const oldNames = await recordOldNames(registry.admin, registry.villages);
    out(
      `  ${registry.communeName}: ${n(registry.households)} households in the registry, ${registry.villages.length} villages; ` +
        `old names recorded: ${oldNames.map((o) => `${o.old} → ${o.current}`).join(", ")}`,
    );

    const t = performance.now();
    const list = await makeOnboardingList({
      villages: registry.villages.map((v) => v.name),
      households: HOUSEHOLDS,
      people: PEOPLE,
      seed: SEED,
      duplicatesOf: registry.copies,
      badPhones: Math.ceil(badCount / 2),
      badRows: Math.floor(badCount / 2),
      oldVillageNames: oldNames,
      avoidPhones: registry.phones,
      avoidHeads: registry.heads,
      fileName: FILE_NAME,
    });
    const generated = performance.now() - t;
    const m = list.manifest.counts;
    out(
      `  the list: ${n(m.rows)} people in ${n(m.households)} households, XLSX ${(list.buffer.length / 1024).toFixed(0)} KB ` +
        `(generated in ${secs(generated)} s); ${m.duplicates} copies of registry households, ${m.badPhones} bad phones, ` +
        `${m.badRows} bad rows, ${m.oldVillageHouseholds} households under an old village name`,
    );

    // The baseline first, on the same rows.
    const villageIds = new Map(registry.villages.map((v) => [v.name, v.id]));
    const copies: number[] = [];
    let copied = { households: 0, members: 0 };
    for (let i = 0; i < COPY_RUNS; i++) {
      const r = await copyBaseline(db.url, list, user.communeId!, villageIds);
      copies.push(r.ms);
      copied = r;
    }
    const baseline = Math.min(...copies);
    out(
      `  baseline: COPY of ${n(copied.households)} households + ${n(copied.members)} members into household and member ` +
        `(rolled back): ${copies.map(secs).join(", ")} s; best ${secs(baseline)} s; load ${load()}`,
    );

    // The import, timed phase by phase.
    const rssBefore = process.memoryUsage().rss;
    const phases: { name: string; ms: number; load: string }[] = [];
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const r = await run();
      phases.push({ name, ms: performance.now() - t0, load: load() });
      return r;
    };
    const id = await phase("read + stage (stageImport)", () => pipeline.stage(user, onboardingListFile(list)));
    await phase("plan: checks + duplicates (confirmMapping)", async () => {
      const staged = await pipeline.view(user, id);
      await pipeline.confirmMapping(user, id, staged.suggested);
    });
    const checked = await phase("choices (getImportBatch, chooseDuplicates)", async () => {
      const v = await pipeline.view(user, id);
      const choices: Record<string, DuplicateChoice> = {};
      // Registry copies: every other merged, the rest skipped; twice in the file: skipped.
      (v.plan?.duplicates ?? []).forEach((g, i) => {
        choices[g.key] = g.matches.length > 0 && g.choices.includes("merge") && i % 2 === 0 ? "merge" : "skip";
      });
      await pipeline.chooseDuplicates(user, id, choices);
      return { view: v, choices };
    });
    // The page's progress bar, as it polls, while the job saves.
    const progress = new Set<string>();
    const poller = new pg.Client({ connectionString: db.url });
    await poller.connect();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const r = await poller.query(`SELECT progress_done, progress_total FROM import_batch WHERE id = $1`, [id]);
        if (r.rows[0]) progress.add(`${r.rows[0].progress_done}/${r.rows[0].progress_total}`);
        await new Promise((res) => setTimeout(res, 200));
      }
    })();
    try {
      await phase("save (queueImportSave + the job's saveImportBatch)", () => pipeline.save(user, id));
    } finally {
      polling = false;
      await poll;
      await poller.end();
    }
    const total = phases.reduce((s, p) => s + p.ms, 0);
    const saved = await pipeline.view(user, id);
    const peakRss = process.resourceUsage().maxRSS * 1024;

    out();
    out(`  ${"phase".padEnd(52)} ${"seconds".padStart(8)}  load`);
    for (const p of phases) out(`  ${p.name.padEnd(52)} ${secs(p.ms).padStart(8)}  ${p.load}`);
    out(`  ${"total, upload to saved".padEnd(52)} ${secs(total).padStart(8)}`);
    out(
      `  ${n(Math.round(m.rows / (total / 1000)))} rows/s; baseline COPY ${secs(baseline)} s; ` +
        `import / COPY = ${(total / baseline).toFixed(0)}x; ` +
        `${total / 1000 <= TARGET_SECONDS ? "meets" : "MISSES"} the ${TARGET_SECONDS} s target`,
    );
    out(`  memory: RSS ${mb(rssBefore)} before the import, peak RSS of the process ${mb(peakRss)}`);
    out(`  progress seen while saving: ${[...progress].join(" → ")}`);

    // What the import did, beside what the list holds.
    const plan = checked.view.plan!;
    const groups = plan.duplicates;
    const registryGroups = groups.filter((g) => g.matches.length > 0).length;
    const merged = Object.values(checked.choices).filter((c) => c === "merge").length;
    const found = await withClient(db.url, async (c) => {
      const q = async (sql: string, values: unknown[]) => Number((await c.query(sql, values)).rows[0].n);
      const old = list.manifest.households.filter((h) => h.oldVillageName && !h.problem);
      return {
        households: await q(`SELECT count(*) AS n FROM household WHERE import_batch_id = $1`, [id]),
        members: await q(`SELECT count(*) AS n FROM member WHERE import_batch_id = $1`, [id]),
        oldNamed: old.length,
        inCurrentVillage: await q(
          `SELECT count(*) AS n FROM household h JOIN village v ON v.id = h.village_id
             JOIN member m ON m.household_id = h.id AND m.is_head
             JOIN unnest($2::text[], $3::text[], $4::int[]) AS o(head_name, village, birth_year)
               ON o.head_name = h.head_name AND o.village = v.name AND o.birth_year = m.birth_year
            WHERE h.import_batch_id = $1`,
          [id, old.map((h) => h.headName), old.map((h) => h.currentVillage), old.map((h) => h.headBirthYear)],
        ),
      };
    });
    const expect = (what: string, got: number, want: number) =>
      `${what} ${n(got)}${got === want ? "" : ` (EXPECTED ${n(want)})`}`;
    out(
      `  checked: ${expect("households with a problem", plan.counts.withProblems, m.householdsWithProblems)}, ` +
        `${n(plan.problems.length)} problems listed; ${expect("duplicate groups", groups.length, m.duplicates)}, ` +
        `${expect("of them in the registry", registryGroups, m.duplicates)}`,
    );
    out(
      `  saved (${saved.status}): ${expect("created", saved.createdCount, m.cleanHouseholds)}, ` +
        `${expect("merged", saved.mergedCount, merged)}, ${expect("skipped", saved.skippedCount, groups.length - merged)}; ` +
        `rows of the batch: ${n(found.households)} households, ${n(found.members)} members; ` +
        `${expect("old-named households in their current village", found.inCurrentVillage, found.oldNamed)}`,
    );

    if (process.env.BENCH_KEEP !== "1") {
      const undone = await timedUndo(db.url, () => pipeline.undo(user, id));
      out(`  undone (undoImport) in ${secs(undone.ms)} s, so that the next run finds the registry as it was`);
      if (undone.missing.length)
        out(
          `    foreign keys to member/household without an index (each deleted row scans the table): ${undone.missing.join(", ")}`,
        );
    }
    out();
    out(`Finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    const atDefaults = DEFAULTS.every((k) => process.env[k] === undefined);
    const target = process.env.BENCH_OUT ?? (atDefaults ? path.join(ROOT, "docs/bench-import.txt") : "");
    if (target) {
      await writeFile(target, lines.join("\n") + "\n");
      console.log(`(written to ${path.relative(ROOT, target)})`);
    }
  } finally {
    const { db: prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => {});
    // The app's pool reports each idle connection the server closes; expected here.
    console.error = () => {};
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
