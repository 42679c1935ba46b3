// The youth union's list of volunteers and branch leaders (issue 15 item 5; docs/decisions/0019):
// name, phone, branch, sometimes position and birth year. Each row becomes an account of the
// commune, unverified and without a password, in its branch; the volunteer activates it by
// proving the phone on /activate (lib/users/activation.ts), as decision 0007 asks of any number.
// The steps are the pipeline's (lib/onboarding/batches.ts): columns suggested here and confirmed by
// the official, a plan (checks and duplicates, lib/onboarding/plan.ts), the save, and the undo.
import { requireCan } from "@/lib/auth/capabilities";
import { NO_PASSWORD } from "@/lib/auth/password";
import { villageKey, villageMatcher } from "@/lib/communes/village-aliases";
import type { DbClient } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MemberInputSchema } from "@/lib/households/schemas";
import type { ImportIssue, UploadedTable } from "@/lib/imports/table";
import { foldName } from "@/lib/imports/text";
import { foldHeader } from "@/lib/onboarding/columns";
import type { GroupFailure } from "@/lib/onboarding/households";
import {
  choiceOf,
  type DuplicateChoice,
  type DuplicateChoices,
  type DuplicateGroup,
  type ImportPlan,
} from "@/lib/onboarding/plan";
import { parseBirth, parsePhone, tidyName } from "@/lib/onboarding/values";
import { VN_MOBILE } from "@/lib/validation/phone";
import { forbidden, notFound } from "@/lib/validation/refusal";

export const VOLUNTEER_MEANINGS = ["fullName", "phone", "branch", "role", "birthYear", "notes"] as const;
export type VolunteerMeaning = (typeof VOLUNTEER_MEANINGS)[number];

/** One meaning (or null: not read) per column of the header, in the header's order. */
export type VolunteerMapping = (VolunteerMeaning | null)[];

/**
 * Patterns on the folded header (lib/onboarding/columns.ts foldHeader), tried in this order: the
 * position before the branch ("Chức vụ trong chi đoàn"), the branch before the name ("Tên chi
 * đoàn"). A village column ("Thôn") is the branch: the union's branches are by village.
 */
const RULES: readonly { meaning: VolunteerMeaning; patterns: readonly RegExp[] }[] = [
  {
    meaning: "birthYear",
    patterns: [
      /\bnam sinh\b/,
      /\bngay\b.*\bsinh\b/,
      /^(ns|ntns|ngs)\b/,
      /\b(year of birth|birth ?(year|date)|yob|date of birth|dob)\b/,
    ],
  },
  {
    meaning: "phone",
    patterns: [/\bdien thoai\b/, /^(so )?(sdt|dt|dtdd|ddt)\b/, /\bdi dong\b/, /\bzalo\b/, /\b(phone|mobile|tel)\b/],
  },
  { meaning: "role", patterns: [/\bchuc (vu|danh)\b/, /^cv$/, /\bvai tro\b/, /\b(role|position)\b/] },
  {
    meaning: "branch",
    patterns: [
      /\bchi doan\b/,
      /^(ten )?cd\b/,
      /\bdon vi\b/,
      /\b(thon|xom|to dan pho|tdp|khu pho|ap|lang)\b/,
      /\b(youth )?branch\b/,
    ],
  },
  {
    meaning: "fullName",
    patterns: [
      /^(ho (va )?ten|ho ten|hoten|ten)( (doan vien|dv|thanh vien|can bo|nguoi|day du|dong chi))?$/,
      /^(full ?name|name)$/,
    ],
  },
  { meaning: "notes", patterns: [/\bghi chu\b/, /^(gc|luu y)$/, /\bnotes?\b/] },
];

/** Row numbers, and what the portal does not keep about a volunteer (identity card, union card…). */
const IGNORED =
  /^(s?tt|so tt)$|\b(cccd|cmnd|cmt|can cuoc|dinh danh|dan toc|ton giao|nghe nghiep|gioi tinh|email|ngay vao (doan|dang)|the doan|so the)\b/;

/** The meaning one header of a volunteer list suggests, or null. */
export function volunteerMeaningOf(header: string): VolunteerMeaning | null {
  const h = foldHeader(header);
  if (h === "" || IGNORED.test(h)) return null;
  for (const { meaning, patterns } of RULES) if (patterns.some((p) => p.test(h))) return meaning;
  return null;
}

/**
 * The suggested mapping of a volunteer list's header row: "Họ và tên", "Họ tên đoàn viên", "SĐT",
 * "Điện thoại", "Chi đoàn", "Chi đoàn thôn…", "Chức vụ", "Năm sinh"…, with or without tone marks.
 * A meaning goes to its first column only.
 */
export function suggestVolunteerMapping(header: readonly string[]): VolunteerMapping {
  const taken = new Set<VolunteerMeaning>();
  return header.map((h) => {
    const m = volunteerMeaningOf(h);
    if (m === null || taken.has(m)) return null;
    taken.add(m);
    return m;
  });
}

/** "Bí thư", "Phó Bí thư chi đoàn", "BT", "PBT" → a branch leader; anything else a volunteer. */
export function isLeaderPosition(raw: string): boolean {
  const p = foldName(raw.replace(/[^\p{L}\p{N}]+/gu, " "));
  return /^(pho )?bi thu\b/.test(p) || /^(p ?bt|bt)$/.test(p) || /^(deputy )?(branch )?secretary\b/.test(p);
}

/**
 * A branch's name as names are compared: without tone marks, case, the words "chi đoàn" (or "CĐ")
 * and the kind of place ("thôn", "xóm", "tổ dân phố"…): "Chi đoàn Thôn An Lão", "CĐ thôn An Lão"
 * and "an lao" are the same branch.
 */
export function branchKey(name: string): string {
  const folded = foldName(name.replace(/[^\p{L}\p{N}]+/gu, " "));
  return villageKey(folded.replace(/^(chi doan( thanh nien)?|cd)\s+/, ""));
}

/** One account to create (or to give its branch to an existing account, on "merge"). */
export type PlannedVolunteer = {
  row: number;
  fullName: string;
  /** A Vietnamese mobile, as the registry keeps it ("0912345678"). */
  phone: string;
  branchId: number;
  /** The branch's name as the commune has it, for the preview. */
  branch: string;
  /** "Bí thư" or "Phó bí thư": the account is a branch leader. */
  leader: boolean;
  /** Shown in the preview to tell two people of one name apart; not saved. */
  birthYear: number | null;
};

/** An account that names a phone of the list: its proven phone or the one it still has to prove. */
type AccountRow = {
  id: number;
  communeId: number | null;
  name: string;
  role: string;
  active: boolean;
  phone: string | null;
  unverifiedPhone: string | null;
  branch: string | null;
};

/** Every account naming one of the phones, in one query (never row by row). */
async function accountsNaming(client: DbClient, phones: string[]): Promise<AccountRow[]> {
  if (phones.length === 0) return [];
  return (client as Prisma.TransactionClient).$queryRaw<AccountRow[]>`
    SELECT u.id, u.commune_id AS "communeId", u.name, u.role::text AS role, u.active, u.phone,
           u.unverified_phone AS "unverifiedPhone", b.name AS branch
    FROM app_user u
    LEFT JOIN volunteer_profile vp ON vp.user_id = u.id
    LEFT JOIN youth_branch b ON b.id = vp.branch_id
    WHERE u.phone = ANY(${phones}::text[]) OR u.unverified_phone = ANY(${phones}::text[])
    ORDER BY u.id`;
}

const FIELD_ROLES = new Set(["volunteer", "branch_leader"]);

/** What the registry holds for one phone, as the plan and the save judge it. */
function judgePhone(accounts: AccountRow[], phone: string, communeId: number) {
  const proven = accounts.find((a) => a.phone === phone);
  // An unverified number proves nothing and may be typed by several accounts (decision 0007):
  // only this commune's open ones are shown; another commune's do not stop the list.
  const ours = accounts.filter(
    (a) => a.communeId === communeId && (a.phone === phone || (a.active && a.unverifiedPhone === phone)),
  );
  const mergeable = ours.filter((a) => a.active && FIELD_ROLES.has(a.role));
  return {
    /** Proven by an account of another commune: the number cannot be this list's too. */
    elsewhere: proven !== undefined && proven.communeId !== communeId,
    ours,
    /** The one volunteer or leader of this commune the row can be merged into, if exactly one. */
    mergeInto: mergeable.length === 1 ? mergeable[0]! : null,
    /** Nobody has proven the number and no volunteer of the commune names it. */
    free: proven === undefined && mergeable.length === 0,
  };
}

const FullNameSchema = MemberInputSchema.shape.fullName;
const BirthYearSchema = MemberInputSchema.shape.birthYear;

type Row = { row: number; cells: string[] };

/** The column of each meaning; a mapping without name, phone or branch, or with a meaning twice, fails. */
function columnsOf(mapping: readonly (string | null)[]): Partial<Record<VolunteerMeaning, number>> | GroupFailure {
  const columns: Partial<Record<VolunteerMeaning, number>> = {};
  const issues: ImportIssue[] = [];
  mapping.forEach((m, i) => {
    if (m === null) return;
    const meaning = m as VolunteerMeaning;
    if (columns[meaning] !== undefined) issues.push({ row: 1, key: "meaningTwice", values: { meaning, column: i + 1 } });
    else columns[meaning] = i;
  });
  if (issues.length) return { ok: false, formError: "badMapping", issues };
  if (columns.fullName === undefined) return { ok: false, formError: "noNameColumn" };
  if (columns.phone === undefined) return { ok: false, formError: "noPhoneColumn" };
  if (columns.branch === undefined) return { ok: false, formError: "noBranchColumn" };
  return columns;
}

/** The commune's branches by name (and by their village's current and old names), answered from memory. */
async function branchMatcher(client: DbClient, communeId: number) {
  const [branches, village] = await Promise.all([
    client.youthBranch.findMany({ where: { communeId }, select: { id: true, name: true, villageId: true } }),
    villageMatcher(client, communeId),
  ]);
  const byName = new Map<string, (typeof branches)[number][]>();
  for (const b of branches) {
    const k = branchKey(b.name);
    byName.set(k, [...(byName.get(k) ?? []), b]);
  }
  return (raw: string): { ok: true; id: number; name: string } | { ok: false; key: string; values: Record<string, string> } => {
    const key = branchKey(raw);
    let found = byName.get(key) ?? [];
    if (found.length === 0) {
      // "Thôn Đông" for the branch of that village, the village perhaps under its old name.
      const villageId = village(raw.replace(/^\s*(chi đoàn|chi doan|cđ|cd)\s+/iu, ""));
      if (villageId !== null) found = branches.filter((b) => b.villageId === villageId);
    }
    if (found.length === 1) return { ok: true, id: found[0]!.id, name: found[0]!.name };
    if (found.length > 1)
      return { ok: false, key: "branchAmbiguous", values: { branch: raw, branches: found.map((b) => b.name).join(", ") } };
    return { ok: false, key: "branchUnknown", values: { branch: raw } };
  };
}

/** A problem with one cell, as the household and business lists write it: its column's header and value. */
function cellIssue(header: readonly string[], column: number | undefined, row: number, key: string, value: string): ImportIssue {
  return { row, key: `field.${key}`, values: { column: column === undefined ? "" : (header[column] ?? ""), value } };
}

/** The accounts naming the phones, by phone (each account under its proven and its unverified number). */
async function accountsByPhone(client: DbClient, phones: string[]): Promise<Map<string, AccountRow[]>> {
  const byPhone = new Map<string, AccountRow[]>();
  for (const a of await accountsNaming(client, phones)) {
    for (const p of new Set([a.phone, a.unverifiedPhone])) if (p) byPhone.set(p, [...(byPhone.get(p) ?? []), a]);
  }
  return byPhone;
}

/**
 * The duplicate groups of planned volunteers, one per phone: twice in the list, or named by
 * accounts of the commune. The same phone twice in the list is one person: "skip" keeps the first
 * row. An account of the commune that names it: "skip" the row, or "merge" (give that one open
 * volunteer or leader the list's branch), or "create" a second account when nobody has proven the
 * number and only residents typed it (whoever proves it takes it, decision 0007).
 */
function groupsOf(items: PlannedVolunteer[], byPhone: Map<string, AccountRow[]>, communeId: number): DuplicateGroup[] {
  const itemsOf = new Map<string, number[]>();
  items.forEach((v, i) => itemsOf.set(v.phone, [...(itemsOf.get(v.phone) ?? []), i]));
  const groups: DuplicateGroup[] = [];
  for (const [phone, indexes] of itemsOf) {
    const judged = judgePhone(byPhone.get(phone) ?? [], phone, communeId);
    if (indexes.length < 2 && judged.ours.length === 0) continue;
    const choices: DuplicateChoice[] =
      judged.ours.length === 0 ? ["skip"] : judged.mergeInto ? ["skip", "merge"] : judged.free ? ["skip", "create"] : ["skip"];
    const first = items[indexes[0]!]!;
    groups.push({
      key: `r${first.row}`,
      items: indexes,
      rows: indexes.map((i) => items[i]!.row),
      name: first.fullName,
      matches: judged.ours.map((a) => ({ id: a.id, name: a.name, place: a.branch ?? "", reason: "phone" })),
      choices,
    });
  }
  return groups;
}

/**
 * The plan of a volunteer list (`table` as read by readCommuneList, `mapping` as confirmed): each
 * row checked (the member form's name and birth-year rules, a Vietnamese mobile, a branch of the
 * commune), and the duplicates (`groupsOf`); the registry is read in one statement for all the
 * phones. A row whose branch cell is blank is in the branch above (merged cells), and a row
 * holding only a branch's name starts that branch's section. The caller (the import pipeline)
 * has checked that the user holds "lists:import" in `communeId`.
 */
export async function planVolunteers(
  client: DbClient,
  communeId: number,
  table: Pick<UploadedTable, "header" | "rows">,
  mapping: readonly (string | null)[],
): Promise<VolunteerPlan | GroupFailure> {
  const columns = columnsOf(mapping);
  if ("ok" in columns) return columns;
  const branchOf = await branchMatcher(client, communeId);
  const cell = (r: Row, m: VolunteerMeaning) => {
    const c = columns[m];
    return c === undefined ? "" : (r.cells[c] ?? "").trim();
  };

  const problems: ImportIssue[] = [];
  const candidates: PlannedVolunteer[] = [];
  let section: { id: number; name: string } | null = null;
  let rows = 0;
  for (const r of table.rows) {
    const filled = r.cells.map((c) => c.trim()).filter((c) => c !== "");
    if (filled.length === 0) continue;
    if (filled.length === 1 && cell(r, "phone") === "" && /\p{L}/u.test(filled[0]!)) {
      // A section row: "CHI ĐOÀN THÔN AN LÃO" above its members.
      const b = branchOf(filled[0]!);
      if (b.ok) {
        section = { id: b.id, name: b.name };
        continue;
      }
    }
    rows++;
    const issues: ImportIssue[] = [];
    const rawName = cell(r, "fullName");
    const name = FullNameSchema.safeParse(tidyName(rawName));
    if (!name.success) issues.push(cellIssue(table.header, columns.fullName, r.row, name.error.issues[0]!.message, rawName));
    const rawPhone = cell(r, "phone");
    const phone = parsePhone(rawPhone);
    // The number is how the volunteer takes the account: required here, optional on a member.
    if (rawPhone === "") issues.push(cellIssue(table.header, columns.phone, r.row, "required", ""));
    else if (!VN_MOBILE.test(phone)) issues.push(cellIssue(table.header, columns.phone, r.row, "phoneInvalid", rawPhone));
    const rawBranch = cell(r, "branch");
    let branch: { id: number; name: string } | null = null;
    if (rawBranch === "") {
      if (section) branch = section;
      else issues.push({ row: r.row, key: "branchMissing" });
    } else {
      const b = branchOf(rawBranch);
      if (b.ok) branch = section = { id: b.id, name: b.name };
      else issues.push({ row: r.row, key: b.key, values: b.values });
    }
    const rawYear = cell(r, "birthYear");
    let birthYear: number | null = null;
    if (rawYear !== "") {
      const year = BirthYearSchema.safeParse(parseBirth(rawYear).year ?? rawYear);
      if (year.success) birthYear = year.data;
      else issues.push(cellIssue(table.header, columns.birthYear, r.row, "birthYearInvalid", rawYear));
    }
    if (issues.length > 0 || !name.success || !branch) {
      problems.push(...issues);
      continue;
    }
    candidates.push({
      row: r.row,
      fullName: name.data,
      phone,
      branchId: branch.id,
      branch: branch.name,
      leader: isLeaderPosition(cell(r, "role")),
      birthYear,
    });
  }

  const byPhone = await accountsByPhone(client, [...new Set(candidates.map((c) => c.phone))]);
  const items: PlannedVolunteer[] = [];
  for (const c of candidates) {
    // Proven by another commune's account: this list's account could never be activated.
    if (judgePhone(byPhone.get(c.phone) ?? [], c.phone, communeId).elsewhere)
      problems.push({ row: c.row, key: "phoneTakenElsewhere" });
    else items.push(c);
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    items,
    problems,
    duplicates: groupsOf(items, byPhone, communeId),
    counts: { rows, items: items.length, withProblems: new Set(problems.map((p) => p.row)).size },
  };
}

export type VolunteerPlan = ImportPlan<PlannedVolunteer>;

/**
 * Whether the registry changed under the plan since it was checked: a phone of the plan now named
 * by another account (a new group, other matches or choices), or proven in another commune.
 */
export async function volunteersStale(client: DbClient, communeId: number, plan: VolunteerPlan): Promise<boolean> {
  const byPhone = await accountsByPhone(client, [...new Set(plan.items.map((v) => v.phone))]);
  if (plan.items.some((v) => judgePhone(byPhone.get(v.phone) ?? [], v.phone, communeId).elsewhere)) return true;
  const key = (g: DuplicateGroup) =>
    `${g.key}:${g.items.join(",")}:${g.matches.map((m) => m.id).join(",")}:${g.choices.join(",")}`;
  return groupsOf(plan.items, byPhone, communeId).map(key).join(";") !== plan.duplicates.map(key).join(";");
}

/** What a merge changed on an existing account's profile (the batch's `fills`, for undo). */
export type VolunteerFill = {
  table: "volunteer_profile";
  userId: number;
  /** The branch before the merge; null when the account had no volunteer profile (one was made). */
  fromBranchId: number | null;
  toBranchId: number;
};

/** Accounts created per statement: 1,000 rows of 7 values stay far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

/**
 * Saves a checked plan inside the save job's transaction (lib/onboarding/batches.ts, which holds
 * the commune's import lock and writes the one audit entry of the batch): accounts created in
 * bulk, each a volunteer or branch leader of the commune with its number still to prove
 * (`unverifiedPhone`), no password (NO_PASSWORD: sign-in refuses it until /activate), the batch's
 * id, and a profile in its branch joined today (Asia/Ho_Chi_Minh). A duplicate group follows the
 * official's choice (`choiceOf`): without a match, "skip" keeps the first row; with one, "skip"
 * skips the row, "merge" gives the account the list's branch (its role unchanged), "create"
 * makes a second account; repeats of the first row are always skipped. The registry is read again
 * (the job runs after the check): a number proven, or a volunteer account made, since is skipped
 * rather than made twice; a branch deleted since skips its rows. The importer's role and commune
 * are read from the database too ("lists:import"). `progress(done, total)` after each step.
 */
export async function saveVolunteers(
  tx: DbClient,
  batch: { id: number; communeId: number; createdById: number },
  plan: VolunteerPlan,
  choices: DuplicateChoices | null | undefined,
  progress?: (done: number, total: number) => Promise<void> | void,
): Promise<{ created: number; merged: number; skipped: number; fills: VolunteerFill[] }> {
  const t = tx as Prisma.TransactionClient;
  const communeId = batch.communeId;
  const acting = await t.user.findFirst({ where: { id: batch.createdById, communeId, active: true }, select: { role: true } });
  if (!acting) forbidden();
  requireCan(acting, "lists:import");
  const own = await t.importBatch.findFirst({ where: { id: batch.id, communeId, kind: "volunteers" }, select: { id: true } });
  if (!own) notFound();

  const decided = new Map<number, DuplicateChoice>();
  for (const g of plan.duplicates) {
    const choice = choiceOf(g, choices);
    const first = g.matches.length === 0 && choice === "skip" ? "create" : choice;
    g.items.forEach((i, n) => decided.set(i, n === 0 ? first : "skip"));
  }
  const branchIds = [...new Set(plan.items.map((v) => v.branchId))];
  const branches = new Set(
    (await t.youthBranch.findMany({ where: { communeId, id: { in: branchIds } }, select: { id: true } })).map((b) => b.id),
  );
  const byPhone = await accountsByPhone(t, [...new Set(plan.items.map((v) => v.phone))]);

  const toCreate: PlannedVolunteer[] = [];
  const toMerge: { userId: number; branchId: number; role: string }[] = [];
  let skipped = 0;
  plan.items.forEach((v, i) => {
    const choice = decided.get(i) ?? "create";
    const judged = judgePhone(byPhone.get(v.phone) ?? [], v.phone, communeId);
    if (choice === "skip" || !branches.has(v.branchId)) skipped++;
    else if (choice === "merge") {
      if (judged.mergeInto) toMerge.push({ userId: judged.mergeInto.id, branchId: v.branchId, role: judged.mergeInto.role });
      else skipped++;
    } else if (!judged.free) skipped++;
    else toCreate.push(v);
  });
  const total = plan.items.length;
  let done = skipped;
  await progress?.(done, total);

  const fills: VolunteerFill[] = [];
  const joinedOn = todayInVietnam();
  if (toMerge.length > 0) {
    const before = new Map(
      (
        await t.volunteerProfile.findMany({
          where: { userId: { in: toMerge.map((m) => m.userId) } },
          select: { userId: true, branchId: true },
        })
      ).map((p) => [p.userId, p.branchId]),
    );
    const moved = toMerge.filter((m) => before.get(m.userId) !== m.branchId);
    for (const m of moved) {
      fills.push({
        table: "volunteer_profile",
        userId: m.userId,
        fromBranchId: before.get(m.userId) ?? null,
        toBranchId: m.branchId,
      });
    }
    const existing = moved.filter((m) => before.has(m.userId));
    if (existing.length > 0) {
      await t.$executeRaw`
        UPDATE volunteer_profile vp SET branch_id = v.branch_id
        FROM unnest(${existing.map((m) => m.userId)}::int[], ${existing.map((m) => m.branchId)}::int[]) AS v(user_id, branch_id)
        WHERE vp.user_id = v.user_id AND vp.commune_id = ${communeId}`;
    }
    const fresh = moved.filter((m) => !before.has(m.userId));
    if (fresh.length > 0) {
      await t.volunteerProfile.createMany({
        data: fresh.map((m) => ({
          userId: m.userId,
          communeId,
          branchId: m.branchId,
          isLeader: m.role === "branch_leader",
          joinedOn,
        })),
      });
    }
    done += toMerge.length;
    await progress?.(done, total);
  }

  for (let start = 0; start < toCreate.length; start += CHUNK) {
    const chunk = toCreate.slice(start, start + CHUNK);
    const users = await t.user.createManyAndReturn({
      data: chunk.map((v) => ({
        communeId,
        name: v.fullName,
        role: v.leader ? ("branch_leader" as const) : ("volunteer" as const),
        phone: null,
        unverifiedPhone: v.phone,
        passwordHash: NO_PASSWORD,
        importBatchId: batch.id,
      })),
      select: { id: true, unverifiedPhone: true },
    });
    // Phones are unique among what is created (a list's repeats are skipped above).
    const idOf = new Map(users.map((u) => [u.unverifiedPhone, u.id]));
    await t.volunteerProfile.createMany({
      data: chunk.map((v) => ({ userId: idOf.get(v.phone)!, communeId, branchId: v.branchId, isLeader: v.leader, joinedOn })),
    });
    done += chunk.length;
    await progress?.(done, total);
  }
  return { created: toCreate.length, merged: toMerge.length, skipped, fills };
}

/**
 * Whether the batch's accounts were taken up since: activated, proven in person, signed in, or
 * named by anything recorded (a visit, an assignment given or received, a walk list or shift, a
 * campaign, a class check-in or registration, a consent, an erasure request, the audit trail as
 * actor). Then the batch cannot be undone.
 */
export async function volunteersUsedSince(tx: DbClient, batchId: number): Promise<boolean> {
  const used = await (tx as Prisma.TransactionClient).$queryRaw<{ used: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM app_user u
      WHERE u.import_batch_id = ${batchId}
        AND (u.password_hash <> ${NO_PASSWORD} OR u.phone IS NOT NULL OR u.last_login_at IS NOT NULL
          OR EXISTS (SELECT 1 FROM visit WHERE volunteer_id = u.id)
          OR EXISTS (SELECT 1 FROM visit_co_volunteer WHERE user_id = u.id)
          OR EXISTS (SELECT 1 FROM assignment WHERE volunteer_id = u.id OR assigned_by_id = u.id)
          OR EXISTS (SELECT 1 FROM walk_list_volunteer WHERE user_id = u.id)
          OR EXISTS (SELECT 1 FROM campaign_shift WHERE user_id = u.id)
          OR EXISTS (SELECT 1 FROM campaign WHERE created_by_id = u.id)
          OR EXISTS (SELECT 1 FROM attendance WHERE marked_by_id = u.id)
          OR EXISTS (SELECT 1 FROM registration WHERE user_id = u.id)
          OR EXISTS (SELECT 1 FROM consent WHERE user_id = u.id OR recorded_by_id = u.id OR withdrawn_by_id = u.id)
          OR EXISTS (SELECT 1 FROM erasure_request WHERE user_id = u.id OR handled_by_id = u.id)
          OR EXISTS (SELECT 1 FROM audit_log WHERE actor_id = u.id))
    ) AS used`;
  return used[0]?.used === true;
}

/**
 * Undoes a saved volunteer batch inside the caller's transaction (after `volunteersUsedSince` said
 * no): the accounts it created are deleted with their profiles and unused codes, and each branch a
 * merge changed is put back where nobody moved the volunteer since.
 */
export async function undoVolunteers(tx: DbClient, batchId: number, fills: readonly VolunteerFill[]): Promise<void> {
  const t = tx as Prisma.TransactionClient;
  const batch = await t.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { communeId: true } });
  for (const f of fills) {
    if (f.table !== "volunteer_profile" || !Number.isInteger(f.userId) || !Number.isInteger(f.toBranchId)) continue;
    const still = { userId: f.userId, communeId: batch.communeId, branchId: f.toBranchId };
    if (f.fromBranchId === null) await t.volunteerProfile.deleteMany({ where: still });
    else await t.volunteerProfile.updateMany({ where: still, data: { branchId: f.fromBranchId } });
  }
  await t.user.deleteMany({ where: { importBatchId: batchId, communeId: batch.communeId } });
}
