// Saving a checked household list, and undoing it. Set-based: each chunk of households and their
// members is one INSERT from arrays, the consents one INSERT … SELECT, so 3,000 households save in
// seconds, inside the one transaction the batch runs in (all or nothing).
import type { DbClient } from "@/lib/db";
import { CONSENT_KINDS, consentTextVi } from "@/lib/consent/texts";
import { foldName } from "@/lib/imports/text";
import type { HouseholdPlan, PlannedHousehold, PlannedPerson } from "@/lib/onboarding/household-plan";
import { choiceOf, type DuplicateChoices } from "@/lib/onboarding/plan";

/** An empty field of a record already in the registry that a merge filled (undo empties it again). */
export type Fill = { table: "household" | "member"; id: number; field: "phone"; value: string };

export type SaveCounts = { created: number; merged: number; skipped: number; people: number; fills: Fill[] };

/** Households per INSERT, and per progress step. */
const CHUNK = 500;

const personKey = (p: { fullName: string; birthYear: number }) => `${foldName(p.fullName)}|${p.birthYear}`;

/** `into` with the people of `from` it lacks; a person in both gets a phone only where it had none. */
function mergeInto(into: PlannedHousehold, from: PlannedHousehold): PlannedHousehold {
  const people = into.people.map((p) => ({ ...p }));
  const byKey = new Map(people.map((p) => [personKey(p), p]));
  for (const p of from.people) {
    const same = byKey.get(personKey(p));
    if (same) same.phone ??= p.phone;
    else people.push({ ...p, isHead: false });
  }
  return { ...into, phone: into.phone ?? from.phone, rows: [...into.rows, ...from.rows], people };
}

/**
 * What saving the plan does with the official's choices: households to create, households of the
 * file to merge into a registry household, and how many were skipped.
 */
export function resolvePlan(plan: HouseholdPlan, choices: DuplicateChoices | null) {
  const create: (PlannedHousehold | null)[] = [...plan.items];
  const merges: { into: number; household: PlannedHousehold }[] = [];
  let skipped = 0;
  for (const g of plan.duplicates) {
    const choice = choiceOf(g, choices);
    if (choice === "create") continue;
    const [first, ...rest] = g.items;
    if (g.matches.length > 0) {
      // Already in the registry: skip them all, or merge them all into its household.
      for (const i of g.items) {
        if (choice === "merge") merges.push({ into: g.matches[0].id, household: plan.items[i] });
        else skipped++;
        create[i] = null;
      }
    } else {
      // Twice in the file: the first stays; the rest are skipped or merged into it.
      for (const i of rest) {
        if (choice === "merge") create[first] = mergeInto(create[first]!, plan.items[i]);
        else skipped++;
        create[i] = null;
      }
    }
  }
  return { create: create.filter((h): h is PlannedHousehold => h !== null), merges, skipped };
}

/**
 * Saves the plan inside `tx` (the batch's transaction): the new households with their people and
 * a consent row each with the legal basis ("from the commune's list"), the merges, and returns
 * what was done. `progress` is called after each chunk with the households done so far.
 */
export async function saveHouseholds(
  tx: DbClient,
  batch: { id: number; communeId: number; createdById: number },
  plan: HouseholdPlan,
  choices: DuplicateChoices | null,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<SaveCounts> {
  const { create, merges, skipped } = resolvePlan(plan, choices);
  const total = create.length + merges.length;
  let people = 0;
  for (let start = 0; start < create.length; start += CHUNK) {
    const chunk = create.slice(start, start + CHUNK);
    // Ids taken first, so each member row knows its household without matching rows back.
    const ids = (
      await tx.$queryRaw<{ id: number }[]>`
        SELECT nextval(pg_get_serial_sequence('household', 'id'))::int AS id FROM generate_series(1, ${chunk.length}::int)`
    ).map((r) => r.id);
    await tx.$executeRaw`
      INSERT INTO household (id, commune_id, village_id, head_name, address, phone, import_batch_id, updated_at)
      SELECT u.id, ${batch.communeId}, u.village_id, u.head_name, u.address, u.phone, ${batch.id}, now()
      FROM unnest(${ids}::int[], ${chunk.map((h) => h.villageId)}::int[], ${chunk.map((h) => h.headName)}::text[],
                  ${chunk.map((h) => h.address)}::text[], ${chunk.map((h) => h.phone)}::text[])
        AS u(id, village_id, head_name, address, phone)`;
    people += await insertMembers(
      tx,
      batch,
      chunk.flatMap((h, i) => h.people.map((p) => ({ householdId: ids[i], person: p }))),
    );
    await progress(Math.min(start + CHUNK, create.length), total);
  }

  const fills: Fill[] = [];
  if (merges.length > 0) {
    const targets = [...new Set(merges.map((m) => m.into))];
    const existing = await tx.member.findMany({
      where: { householdId: { in: targets }, communeId: batch.communeId },
      select: { id: true, householdId: true, fullName: true, birthYear: true, phone: true },
    });
    const households = await tx.household.findMany({
      where: { id: { in: targets }, communeId: batch.communeId },
      select: { id: true, phone: true },
    });
    const phoneOf = new Map(households.map((h) => [h.id, h.phone]));
    const byKey = new Map(existing.map((m) => [`${m.householdId}|${personKey(m)}`, m]));
    const added: { householdId: number; person: PlannedPerson }[] = [];
    for (const { into, household } of merges) {
      if (phoneOf.get(into) === null && household.phone) {
        phoneOf.set(into, household.phone);
        fills.push({ table: "household", id: into, field: "phone", value: household.phone });
      }
      for (const p of household.people) {
        const key = `${into}|${personKey(p)}`;
        const same = byKey.get(key);
        if (!same) {
          added.push({ householdId: into, person: { ...p, isHead: false } });
          byKey.set(key, { id: 0, householdId: into, fullName: p.fullName, birthYear: p.birthYear, phone: p.phone });
        } else if (same.phone === null && p.phone && same.id !== 0) {
          same.phone = p.phone;
          fills.push({ table: "member", id: same.id, field: "phone", value: p.phone });
        }
      }
    }
    // Never overwritten: each fill sets a field that is still empty.
    const fill = (table: Fill["table"]) => fills.filter((f) => f.table === table);
    if (fill("household").length) {
      await tx.$executeRaw`
        UPDATE household h SET phone = u.phone, version = h.version + 1, updated_at = now()
        FROM unnest(${fill("household").map((f) => f.id)}::int[], ${fill("household").map((f) => f.value)}::text[]) AS u(id, phone)
        WHERE h.id = u.id AND h.phone IS NULL`;
    }
    if (fill("member").length) {
      await tx.$executeRaw`
        UPDATE member m SET phone = u.phone, updated_at = now()
        FROM unnest(${fill("member").map((f) => f.id)}::int[], ${fill("member").map((f) => f.value)}::text[]) AS u(id, phone)
        WHERE m.id = u.id AND m.phone IS NULL`;
    }
    people += await insertMembers(tx, batch, added);
    await progress(total, total);
  }

  // Nobody was asked: each person's row records the basis the commune processes their data on.
  await tx.$executeRaw`
    INSERT INTO consent (commune_id, member_id, purpose, granted, text, text_key, method, recorded_by_id)
    SELECT ${batch.communeId}, m.id, ${CONSENT_KINDS.list.purpose}::"ConsentPurpose", true, ${consentTextVi("list")},
           ${CONSENT_KINDS.list.key}, 'list', ${batch.createdById}
    FROM member m WHERE m.import_batch_id = ${batch.id}`;
  return { created: create.length, merged: merges.length, skipped, people, fills };
}

async function insertMembers(
  tx: DbClient,
  batch: { id: number; communeId: number },
  rows: { householdId: number; person: PlannedPerson }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO member (commune_id, household_id, full_name, birth_year, gender, phone, is_head, import_batch_id, updated_at)
    SELECT ${batch.communeId}, u.household_id, u.full_name, u.birth_year, u.gender::"Gender", u.phone, u.is_head, ${batch.id}, now()
    FROM unnest(${rows.map((r) => r.householdId)}::int[], ${rows.map((r) => r.person.fullName)}::text[],
                ${rows.map((r) => r.person.birthYear)}::int[], ${rows.map((r) => r.person.gender)}::text[],
                ${rows.map((r) => r.person.phone)}::text[], ${rows.map((r) => r.person.isHead)}::boolean[])
      AS u(household_id, full_name, birth_year, gender, phone, is_head)`;
}

/**
 * Whether anything was recorded against what the batch saved: a visit, an adoption, an
 * assignment, a business, a sign-up, a skill, an account, an erasure request, or an edit of a
 * household or person it created or added. Then the batch can no longer be undone.
 */
export async function householdsUsedSince(tx: DbClient, batchId: number): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ used: boolean }[]>`
    WITH h AS (SELECT id, version FROM household WHERE import_batch_id = ${batchId}),
         m AS (SELECT id, household_id, version FROM member WHERE import_batch_id = ${batchId})
    SELECT EXISTS (SELECT 1 FROM h WHERE h.version > 1)
        OR EXISTS (SELECT 1 FROM m WHERE m.version > 1)
        OR EXISTS (SELECT 1 FROM member x JOIN h ON h.id = x.household_id WHERE x.import_batch_id IS DISTINCT FROM ${batchId})
        OR EXISTS (SELECT 1 FROM visit v JOIN h ON h.id = v.household_id)
        OR EXISTS (SELECT 1 FROM digital_family f JOIN h ON h.id = f.household_id)
        OR EXISTS (SELECT 1 FROM assignment a JOIN h ON h.id = a.household_id)
        OR EXISTS (SELECT 1 FROM walk_list_stop s JOIN h ON h.id = s.household_id)
        OR EXISTS (SELECT 1 FROM household_business b JOIN h ON h.id = b.household_id)
        OR EXISTS (SELECT 1 FROM visit_item i JOIN m ON m.id = i.member_id)
        OR EXISTS (SELECT 1 FROM registration r JOIN m ON m.id = r.member_id)
        OR EXISTS (SELECT 1 FROM member_skill s JOIN m ON m.id = s.member_id)
        OR EXISTS (SELECT 1 FROM app_user u JOIN m ON m.id = u.member_id)
        OR EXISTS (SELECT 1 FROM erasure_request e JOIN m ON m.id = e.member_id)
        OR EXISTS (SELECT 1 FROM consent c JOIN m ON m.id = c.member_id WHERE c.method <> 'list' OR c.withdrawn_at IS NOT NULL)
      AS used`;
  return row.used;
}

/**
 * Takes back what the batch saved: its households (with their members and consents), the members
 * it added to existing households, and the empty fields it filled, where they still hold its value.
 */
export async function undoHouseholds(tx: DbClient, batchId: number, fills: Fill[]): Promise<void> {
  await tx.$executeRaw`DELETE FROM member WHERE import_batch_id = ${batchId}`;
  await tx.$executeRaw`DELETE FROM household WHERE import_batch_id = ${batchId}`;
  for (const table of ["household", "member"] as const) {
    const own = fills.filter((f) => f.table === table);
    if (own.length === 0) continue;
    const ids = own.map((f) => f.id);
    const values = own.map((f) => f.value);
    if (table === "household") {
      await tx.$executeRaw`
        UPDATE household h SET phone = NULL, updated_at = now()
        FROM unnest(${ids}::int[], ${values}::text[]) AS u(id, phone) WHERE h.id = u.id AND h.phone = u.phone`;
    } else {
      await tx.$executeRaw`
        UPDATE member m SET phone = NULL, updated_at = now()
        FROM unnest(${ids}::int[], ${values}::text[]) AS u(id, phone) WHERE m.id = u.id AND m.phone = u.phone`;
    }
  }
}
