// Importing a commune's list, from upload to saved (docs/decisions/0018):
//   stageImport      the file is read (limits, encodings) and kept with its rows: a "staged" batch
//   confirmMapping   the official confirms each column's meaning; every row is checked and the
//                    duplicates found: the plan, shown as the preview ("checked")
//   chooseDuplicates skip, merge or create, per group of probable duplicates
//   queueImportSave  a background job saves the batch ("queued" → "saving" → "saved")
//   undoImport       within 7 days, if nothing was recorded against what it saved ("undone")
// The same steps for every kind of list; what differs (columns, checks, saving) is the kind's.
import { createHash } from "node:crypto";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { requireCan } from "@/lib/auth/capabilities";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportKind, ImportStatus } from "@/lib/generated/prisma/enums";
import type { UploadedTable } from "@/lib/imports/table";
import { COLUMN_MEANINGS, suggestMapping } from "@/lib/onboarding/columns";
import {
  BUSINESS_MEANINGS,
  businessesUsedSince,
  planBusinesses,
  saveBusinesses,
  suggestBusinessMapping,
  undoBusinesses,
  type BusinessFill,
  type BusinessPlan,
} from "@/lib/onboarding/businesses";
import { findDuplicateGroups, planHouseholds, type HouseholdPlan } from "@/lib/onboarding/household-plan";
import { householdsUsedSince, saveHouseholds, undoHouseholds, type Fill } from "@/lib/onboarding/household-save";
import type { GroupFailure } from "@/lib/onboarding/households";
import { DUPLICATE_CHOICES, type DuplicateChoices, type ImportPlan } from "@/lib/onboarding/plan";
import { readCommuneList } from "@/lib/onboarding/read";
import {
  planVolunteers,
  saveVolunteers,
  suggestVolunteerMapping,
  undoVolunteers,
  VOLUNTEER_MEANINGS,
  volunteersStale,
  volunteersUsedSince,
  type VolunteerFill,
  type VolunteerPlan,
} from "@/lib/onboarding/volunteers";
import { dbId } from "@/lib/validation/db-id";
import { notFound, Refusal } from "@/lib/validation/refusal";

/** A saved batch can be undone for this long (and only if nothing was recorded against it). */
export const UNDO_DAYS = 7;
/** An unsaved batch (with the file and its rows) is dropped after this long. */
export const UNSAVED_KEEP_DAYS = 7;
/** Rows shown under the column choices, for the official to see what each column holds. */
const SAMPLE_ROWS = 5;

type Sheet = Pick<UploadedTable, "header" | "rows"> & { tcvn3?: true };
type Table = Pick<UploadedTable, "header" | "rows">;
type Batch = { id: number; communeId: number; createdById: number };

/** What differs between the kinds of list: their columns, their checks, their saving and undoing. */
type KindSpec = {
  meanings: readonly string[];
  suggest: (header: string[]) => (string | null)[];
  plan: (
    client: DbClient,
    communeId: number,
    table: Table,
    mapping: (string | null)[],
  ) => Promise<ImportPlan<unknown> | GroupFailure>;
  /** Whether the registry has changed under the plan since it was checked (new probable duplicates). */
  stale: (client: DbClient, communeId: number, plan: ImportPlan<unknown>) => Promise<boolean>;
  save: (
    tx: DbClient,
    batch: Batch,
    plan: ImportPlan<unknown>,
    choices: DuplicateChoices | null,
    progress: (done: number, total: number) => Promise<void>,
  ) => Promise<{ created: number; merged: number; skipped: number; fills?: unknown[] }>;
  usedSince: (tx: DbClient, batchId: number) => Promise<boolean>;
  undo: (tx: DbClient, batchId: number, fills: unknown[]) => Promise<void>;
};

const KINDS: Partial<Record<ImportKind, KindSpec>> = {
  households: {
    meanings: COLUMN_MEANINGS,
    suggest: suggestMapping,
    plan: (client, communeId, table, mapping) => planHouseholds(client, communeId, table, mapping as never),
    stale: async (client, communeId, plan) => {
      const p = plan as HouseholdPlan;
      const now = await findDuplicateGroups(client, communeId, p.items);
      const key = (g: HouseholdPlan["duplicates"][number]) =>
        `${g.key}:${g.items.join(",")}:${g.matches.map((m) => m.id).join(",")}`;
      return now.map(key).join(";") !== p.duplicates.map(key).join(";");
    },
    save: (tx, batch, plan, choices, progress) => saveHouseholds(tx, batch, plan as HouseholdPlan, choices, progress),
    usedSince: householdsUsedSince,
    undo: (tx, batchId, fills) => undoHouseholds(tx, batchId, fills as Fill[]),
  },
  businesses: {
    meanings: BUSINESS_MEANINGS,
    suggest: suggestBusinessMapping,
    plan: planBusinesses,
    stale: async (client, communeId, plan) => {
      // A business registered since the check (or a household gone) changes the plan.
      const p = plan as BusinessPlan;
      const households = [...new Set(p.items.map((b) => b.householdId))];
      const inGroups = new Set(p.duplicates.filter((g) => g.matches.length).map((g) => p.items[g.items[0]].householdId));
      const [alive, withBusiness] = await Promise.all([
        client.household.count({ where: { id: { in: households }, communeId } }),
        client.householdBusiness.findMany({
          where: { householdId: { in: households }, communeId },
          select: { householdId: true },
        }),
      ]);
      return alive !== households.length || withBusiness.some((b) => !inGroups.has(b.householdId));
    },
    save: (tx, batch, plan, choices, progress) => saveBusinesses(tx, batch, plan as BusinessPlan, choices, progress),
    usedSince: businessesUsedSince,
    undo: (tx, batchId, fills) => undoBusinesses(tx, batchId, fills as BusinessFill[]),
  },
  volunteers: {
    meanings: VOLUNTEER_MEANINGS,
    suggest: suggestVolunteerMapping,
    plan: planVolunteers,
    stale: (client, communeId, plan) => volunteersStale(client, communeId, plan as VolunteerPlan),
    save: (tx, batch, plan, choices, progress) => saveVolunteers(tx, batch, plan as VolunteerPlan, choices, progress),
    usedSince: volunteersUsedSince,
    undo: (tx, batchId, fills) => undoVolunteers(tx, batchId, fills as VolunteerFill[]),
  },
};

/** The kinds of list this portal imports today. */
export const IMPORT_KINDS = Object.keys(KINDS) as ImportKind[];

function specOf(kind: ImportKind): KindSpec {
  const spec = KINDS[kind];
  if (!spec) throw new Refusal("kind", "kindInvalid");
  return spec;
}

function importer(user: CurrentUser): number {
  requireCan(user, "lists:import");
  return communeOf(user);
}

const StageSchema = z.object({ kind: z.enum(["households", "businesses", "volunteers"], { error: "kindInvalid" }) });

/** A sha256 of the file's bytes: the same file, whatever its name. */
const hashOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function savedTwin(client: DbClient, communeId: number, kind: ImportKind, fileHash: string) {
  return client.importBatch.findFirst({
    where: { communeId, kind, fileHash, status: { in: ["queued", "saving", "saved"] } },
    select: { id: true, savedAt: true, createdAt: true },
  });
}

/**
 * Reads an uploaded list and keeps it as a staged batch with the suggested meaning of each column.
 * Refused: a file the reader refuses (size, rows, type, encoding: keys in `onboarding.errors`), and
 * a file already saved in this commune (`alreadyImported`: importing it twice adds nothing).
 */
export async function stageImport(user: CurrentUser, input: { kind: unknown; file: unknown }): Promise<{ id: number }> {
  const communeId = importer(user);
  const parsedKind = StageSchema.safeParse({ kind: input.kind });
  if (!parsedKind.success) throw new Refusal("kind", "kindInvalid");
  const kind = parsedKind.data.kind;
  const spec = specOf(kind);
  const table = await readCommuneList(input.file);
  if (!table.ok) {
    const first = table.issues?.[0];
    throw new Refusal("file", table.formError, first ? { row: first.row } : undefined);
  }
  const file = input.file as File;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fileHash = hashOf(bytes);
  const twin = await savedTwin(db, communeId, kind, fileHash);
  if (twin) throw new Refusal("file", "alreadyImported", { batch: twin.id });
  const sheet: Sheet = { header: table.header, rows: table.rows, ...(table.tcvn3 ? { tcvn3: true } : {}) };
  return db.$transaction(async (tx) => {
    const batch = await tx.importBatch.create({
      data: {
        communeId,
        kind,
        fileName: (file.name || "list").slice(0, 200),
        fileHash,
        file: bytes,
        sheet: sheet as unknown as Prisma.InputJsonValue,
        mapping: spec.suggest(table.header),
        rowCount: table.rows.length,
        createdById: user.id,
      },
      select: { id: true },
    });
    await audit(tx, user, "import.stage", "import_batch", batch.id, { kind, rows: table.rows.length });
    return batch;
  });
}

export type ImportBatchView = Awaited<ReturnType<typeof getImportBatch>>;

/** A batch of the user's commune, as its page shows it (without the file). Another commune's: 404. */
export async function getImportBatch(user: CurrentUser, id: number) {
  const communeId = importer(user);
  const b = await db.importBatch.findFirst({
    where: { id, communeId },
    select: {
      id: true,
      kind: true,
      status: true,
      fileName: true,
      sheet: true,
      mapping: true,
      plan: true,
      choices: true,
      rowCount: true,
      progressDone: true,
      progressTotal: true,
      createdCount: true,
      mergedCount: true,
      skippedCount: true,
      error: true,
      createdAt: true,
      savedAt: true,
      undoneAt: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!b) notFound();
  const sheet = b.sheet as Sheet | null;
  const spec = specOf(b.kind);
  const undoUntil = b.savedAt ? new Date(b.savedAt.getTime() + UNDO_DAYS * 86_400_000) : null;
  return {
    id: b.id,
    kind: b.kind,
    status: b.status,
    fileName: b.fileName,
    rowCount: b.rowCount,
    createdAt: b.createdAt,
    createdByName: b.createdBy.name,
    savedAt: b.savedAt,
    undoneAt: b.undoneAt,
    error: b.error,
    header: sheet?.header ?? [],
    sample: (sheet?.rows ?? []).slice(0, SAMPLE_ROWS),
    tcvn3: sheet?.tcvn3 === true,
    meanings: spec.meanings,
    suggested: sheet ? spec.suggest(sheet.header) : [],
    mapping: (b.mapping as (string | null)[] | null) ?? [],
    plan: b.plan as ImportPlan<unknown> | null,
    choices: (b.choices as DuplicateChoices | null) ?? {},
    progress: { done: b.progressDone, total: b.progressTotal },
    counts: { created: b.createdCount, merged: b.mergedCount, skipped: b.skippedCount },
    undoUntil,
    mayUndo: b.status === "saved" && undoUntil !== null && undoUntil > new Date(),
  };
}

export type ImportBatchRow = {
  id: number;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  rowCount: number;
  createdCount: number;
  createdAt: Date;
  createdByName: string;
};

export const IMPORT_PAGE_SIZE = 20;

/** The commune's batches, newest first, a page at a time. */
export async function listImportBatches(user: CurrentUser, page = 1): Promise<{ rows: ImportBatchRow[]; total: number }> {
  const communeId = importer(user);
  const [rows, total] = await Promise.all([
    db.importBatch.findMany({
      where: { communeId },
      orderBy: { id: "desc" },
      skip: (Math.max(1, page) - 1) * IMPORT_PAGE_SIZE,
      take: IMPORT_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        status: true,
        fileName: true,
        rowCount: true,
        createdCount: true,
        createdAt: true,
        createdBy: { select: { name: true } },
      },
    }),
    db.importBatch.count({ where: { communeId } }),
  ]);
  return { rows: rows.map(({ createdBy, ...r }) => ({ ...r, createdByName: createdBy.name })), total };
}

/** A batch of the commune in one of `statuses`, for a step that needs it there; else a Refusal. */
async function batchIn(client: DbClient, communeId: number, id: number, statuses: ImportStatus[]) {
  const b = await client.importBatch.findFirst({
    where: { id, communeId },
    select: {
      id: true,
      kind: true,
      status: true,
      sheet: true,
      plan: true,
      choices: true,
      fills: true,
      savedAt: true,
      createdById: true,
      fileHash: true,
    },
  });
  if (!b) notFound();
  if (!statuses.includes(b.status)) throw new Refusal(null, `status.${b.status}`);
  return b;
}

const MappingSchema = z.array(z.string().nullable(), { error: "badMapping" }).max(40, "badMapping");

/**
 * The official's meaning for each column: every row is read with it, checked with the forms'
 * schemas, and its duplicates found; the result is the batch's plan (the preview). Confirming
 * again (after a change of mind, or "check again") replaces the plan and the choices.
 */
export async function confirmMapping(user: CurrentUser, id: number, mapping: unknown): Promise<void> {
  const communeId = importer(user);
  const b = await batchIn(db, communeId, id, ["staged", "checked", "failed"]);
  const spec = specOf(b.kind);
  const sheet = b.sheet as Sheet | null;
  if (!sheet) throw new Refusal(null, "status.saved");
  const parsed = MappingSchema.safeParse(mapping);
  if (!parsed.success || parsed.data.length !== sheet.header.length) throw new Refusal("mapping", "badMapping");
  const columns = parsed.data.map((m) => (m === "" || m === null ? null : m));
  if (columns.some((m) => m !== null && !spec.meanings.includes(m))) throw new Refusal("mapping", "badMapping");
  const plan = await spec.plan(db, communeId, sheet, columns);
  if ("ok" in plan) {
    const first = plan.issues?.[0];
    throw new Refusal("mapping", plan.formError, first?.values);
  }
  await db.$transaction(async (tx) => {
    await tx.importBatch.update({
      where: { id },
      data: {
        mapping: columns,
        plan: plan as unknown as Prisma.InputJsonValue,
        choices: Prisma.DbNull,
        status: "checked",
        error: null,
      },
    });
    await audit(tx, user, "import.check", "import_batch", id, {
      items: plan.counts.items,
      problems: plan.problems.length,
      duplicates: plan.duplicates.length,
    });
  });
}

const ChoicesSchema = z.record(z.string().max(20), z.enum(DUPLICATE_CHOICES, { error: "choiceInvalid" }), {
  error: "choiceInvalid",
});

/** The official's choice per duplicate group (skip, merge, create); a choice a group lacks is refused. */
export async function chooseDuplicates(user: CurrentUser, id: number, choices: unknown): Promise<void> {
  const communeId = importer(user);
  const b = await batchIn(db, communeId, id, ["checked"]);
  const parsed = ChoicesSchema.safeParse(choices);
  if (!parsed.success) throw new Refusal("choices", "choiceInvalid");
  const groups = new Map(((b.plan as ImportPlan<unknown>).duplicates ?? []).map((g) => [g.key, g]));
  for (const [key, choice] of Object.entries(parsed.data)) {
    if (!groups.get(key)?.choices.includes(choice)) throw new Refusal("choices", "choiceInvalid");
  }
  await db.importBatch.update({ where: { id }, data: { choices: parsed.data } });
}

/** Sends the save job for a batch (pg-boss; lib/onboarding/job.ts). Tests pass their own. */
export type SendSaveJob = (batchId: number) => Promise<void>;

/**
 * Asks for the batch to be saved by the background job. Only a checked batch with something to
 * save; a second click (or a replayed request) finds it queued already and does nothing more.
 */
export async function queueImportSave(user: CurrentUser, id: number, send: SendSaveJob): Promise<void> {
  const communeId = importer(user);
  const b = await batchIn(db, communeId, id, ["checked", "queued", "saving"]);
  if (b.status !== "checked") return;
  const plan = b.plan as ImportPlan<unknown>;
  if (plan.items.length === 0) throw new Refusal(null, "nothingToSave");
  const moved = await db.importBatch.updateMany({
    where: { id, communeId, status: "checked" },
    data: { status: "queued", progressDone: 0, progressTotal: plan.items.length },
  });
  if (moved.count === 1) await send(id);
}

/** One import saves at a time in a commune: a lock held by the saving (or undoing) transaction. */
async function lockCommuneImports(tx: DbClient, communeId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('import'), ${communeId}::int)`;
}

/** How long one batch may take to save: 20,000 rows take seconds; a slow disk, more. */
const SAVE_TIMEOUT_MS = 10 * 60_000;

/**
 * The save job: all of the batch or nothing, in one transaction, with its progress written beside
 * it for the page's progress bar. A batch not queued (already saved, or a retried job after it
 * was) is left alone. A failure leaves nothing saved and the batch "failed" with its reason; the
 * official can check it again and retry.
 */
export async function saveImportBatch(batchId: number): Promise<ImportStatus> {
  const claimed = await db.importBatch.updateMany({
    where: { id: batchId, status: { in: ["queued", "saving"] } },
    data: { status: "saving", progressDone: 0 },
  });
  if (claimed.count === 0) {
    return (await db.importBatch.findUnique({ where: { id: batchId }, select: { status: true } }))?.status ?? "failed";
  }
  const b = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    select: { id: true, communeId: true, kind: true, plan: true, choices: true, createdById: true, fileHash: true },
  });
  const spec = specOf(b.kind);
  const plan = b.plan as ImportPlan<unknown>;
  const actor = { id: b.createdById, communeId: b.communeId };
  try {
    await db.$transaction(
      async (tx) => {
        await lockCommuneImports(tx, b.communeId);
        const twin = await tx.importBatch.findFirst({
          where: { communeId: b.communeId, kind: b.kind, fileHash: b.fileHash, status: "saved", id: { not: b.id } },
          select: { id: true },
        });
        if (twin) throw new Refusal(null, "alreadyImported", { batch: twin.id });
        if (await spec.stale(tx, b.communeId, plan)) throw new Refusal(null, "registryChanged");
        const done = await spec.save(tx, b, plan, b.choices as DuplicateChoices | null, async (progressDone, progressTotal) => {
          // Outside the transaction, so that the page sees it while the batch saves.
          await db.importBatch.update({ where: { id: b.id }, data: { progressDone, progressTotal } });
        });
        await tx.importBatch.update({
          where: { id: b.id },
          data: {
            status: "saved",
            savedAt: new Date(),
            createdCount: done.created,
            mergedCount: done.merged,
            skippedCount: done.skipped,
            fills: (done.fills ?? []) as Prisma.InputJsonValue,
            // The registry now holds what the commune needs: the file and its rows go.
            file: null,
            sheet: Prisma.DbNull,
            plan: Prisma.DbNull,
          },
        });
        await audit(tx, actor, "import.save", "import_batch", b.id, {
          kind: b.kind,
          created: done.created,
          merged: done.merged,
          skipped: done.skipped,
        });
      },
      { timeout: SAVE_TIMEOUT_MS, maxWait: SAVE_TIMEOUT_MS },
    );
    return "saved";
  } catch (err) {
    const reason = err instanceof Refusal ? err.key : "saveFailed";
    if (!(err instanceof Refusal)) console.error("[import] batch %d failed", b.id, err);
    await db.importBatch.update({ where: { id: b.id }, data: { status: "failed", error: reason } });
    return "failed";
  }
}

/**
 * Takes a saved batch back: within UNDO_DAYS of saving, and only if nothing was recorded against
 * what it saved since (a visit, an adoption, an edit…: `usedSince`). Then the same file may be
 * imported again.
 */
export async function undoImport(user: CurrentUser, id: number): Promise<void> {
  const communeId = importer(user);
  await db.$transaction(async (tx) => {
    await lockCommuneImports(tx, communeId);
    const b = await batchIn(tx, communeId, id, ["saved"]);
    const spec = specOf(b.kind);
    if (!b.savedAt || b.savedAt.getTime() + UNDO_DAYS * 86_400_000 < Date.now()) throw new Refusal(null, "undoTooLate");
    if (await spec.usedSince(tx, id)) throw new Refusal(null, "usedSince");
    await spec.undo(tx, id, (b.fills as unknown[] | null) ?? []);
    await tx.importBatch.update({ where: { id }, data: { status: "undone", undoneAt: new Date(), undoneById: user.id } });
    await audit(tx, user, "import.undo", "import_batch", id, { kind: b.kind });
  });
}

/** Drops a batch that was not saved (the file and its rows with it). */
export async function dropImport(user: CurrentUser, id: number): Promise<void> {
  const communeId = importer(user);
  await db.$transaction(async (tx) => {
    await batchIn(tx, communeId, id, ["staged", "checked", "failed"]);
    await tx.importBatch.delete({ where: { id } });
    await audit(tx, user, "import.drop", "import_batch", id);
  });
}

/** The file as uploaded and its sheet, for the error sheet (lib/onboarding/error-sheet.ts). */
export async function batchFile(user: CurrentUser, id: number) {
  const communeId = importer(user);
  const b = await db.importBatch.findFirst({
    where: { id, communeId },
    select: { fileName: true, file: true, sheet: true, plan: true },
  });
  if (!b?.file || !b.sheet || !b.plan) notFound();
  return { fileName: b.fileName, file: b.file, sheet: b.sheet as Sheet, plan: b.plan as ImportPlan<unknown> };
}

/** Unsaved batches older than UNSAVED_KEEP_DAYS are dropped with their files (the worker's tick). */
export async function dropStaleImports(now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - UNSAVED_KEEP_DAYS * 86_400_000);
  const { count } = await db.importBatch.deleteMany({
    where: { status: { in: ["staged", "checked", "failed"] }, createdAt: { lt: before } },
  });
  return count;
}

export const ImportIdSchema = z.object({ id: dbId("notFound") });
