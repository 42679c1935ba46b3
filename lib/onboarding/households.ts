// A commune's list read into households, whichever of the two shapes it has:
//  - one row per household (the head's name, birth year, phone, village on each row), or
//  - one row per person, grouped by a household code ("Mã hộ", filled on the first row of a
//    household only when the sheet had merged cells) or, without one, by the rows whose relation to
//    the head says "Chủ hộ", each starting a household that the rows below it join.
// Every value keeps the row number the spreadsheet shows, for the checking step to point at.
import type { ImportIssue, UploadedTable } from "@/lib/imports/table";
import { foldName } from "@/lib/imports/text";
import type { ColumnMapping, ColumnMeaning } from "@/lib/onboarding/columns";
import { isHeadRelation, parseBirth, parseGender, parsePhone, tidyName, type Gender } from "@/lib/onboarding/values";

/** A value read from one cell: `raw` as the sheet shows it, `value` null when it could not be read. */
export type Sourced<T> = { row: number; column: number; raw: string; value: T | null };

export type ImportedPerson = {
  row: number;
  fullName?: Sourced<string>;
  birthYear?: Sourced<number>;
  /** "YYYY-MM-DD", when the list gives the whole date. */
  birthDate?: Sourced<string>;
  gender?: Sourced<Gender>;
  phone?: Sourced<string>;
  /** The relation to the head as written ("Vợ", "Con"); the head's own is "Chủ hộ" or absent. */
  relation?: Sourced<string>;
  notes?: Sourced<string>;
};

export type ImportedHousehold = {
  /** The household's first row and all its rows, in sheet order. */
  row: number;
  rows: number[];
  code?: Sourced<string>;
  village?: Sourced<string>;
  address?: Sourced<string>;
  oldCommune?: Sourced<string>;
  /**
   * The head: the row whose relation says "Chủ hộ"; in a household-per-row list, the row itself.
   * Null when a group of people has no such row (an issue says which).
   */
  head: ImportedPerson | null;
  /** Set when no column said who the head is and the group's first row was taken. */
  headByOrder?: true;
  members: ImportedPerson[];
};

export type ListShape = "householdPerRow" | "personPerRow";

export type GroupedList = {
  shape: ListShape;
  households: ImportedHousehold[];
  /** Rows that could not be placed in a household; keys in `onboarding.errors`. */
  issues: ImportIssue[];
};

export type GroupFailure = { ok: false; formError: string; issues?: ImportIssue[] };

type Row = { row: number; cells: string[] };

/** The column of each meaning, refusing a mapping that gives one meaning to two columns. */
function columnsOf(mapping: ColumnMapping): Partial<Record<ColumnMeaning, number>> | GroupFailure {
  const columns: Partial<Record<ColumnMeaning, number>> = {};
  const issues: ImportIssue[] = [];
  mapping.forEach((m, i) => {
    if (m === null) return;
    if (columns[m] !== undefined) issues.push({ row: 1, key: "meaningTwice", values: { meaning: m, column: i + 1 } });
    else columns[m] = i;
  });
  if (issues.length) return { ok: false, formError: "badMapping", issues };
  if (columns.fullName === undefined && columns.headName === undefined) return { ok: false, formError: "noNameColumn" };
  return columns;
}

/**
 * Which shape a list has: a person per row when it names each person ("Họ và tên") and says how
 * they belong together (a relation to the head, a household code, or the head's name repeated on
 * each row); otherwise a household per row.
 */
export function shapeOf(mapping: ColumnMapping): ListShape {
  const has = (m: ColumnMeaning) => mapping.includes(m);
  if (has("fullName") && (has("relation") || has("householdCode") || has("headName"))) return "personPerRow";
  return "householdPerRow";
}

/**
 * The households of a list read with `readUpload`, the columns given the meanings of `mapping`
 * (as suggested by suggestMapping and confirmed by the official).
 */
export function groupHouseholds(table: Pick<UploadedTable, "rows">, mapping: ColumnMapping): GroupedList | GroupFailure {
  const columns = columnsOf(mapping);
  if ("ok" in columns) return columns;
  const shape = shapeOf(mapping);

  const text = (r: Row, m: ColumnMeaning): Sourced<string> | undefined => {
    const column = columns[m];
    if (column === undefined) return undefined;
    const raw = (r.cells[column] ?? "").trim();
    return raw === "" ? undefined : { row: r.row, column, raw, value: raw };
  };
  const parsed = <T>(r: Row, m: ColumnMeaning, parse: (raw: string) => T | null): Sourced<T> | undefined => {
    const t = text(r, m);
    return t && { ...t, value: parse(t.raw) };
  };

  /** The person on a row; `nameFrom` is the column holding their name. */
  const personOf = (r: Row, nameFrom: "fullName" | "headName"): ImportedPerson => {
    const person: ImportedPerson = { row: r.row };
    const name = parsed(r, nameFrom, tidyName);
    if (name) person.fullName = name;
    const dateCell = parsed(r, "birthDate", (raw) => parseBirth(raw));
    const yearCell = parsed(r, "birthYear", (raw) => parseBirth(raw));
    if (dateCell) {
      if (dateCell.value?.date) person.birthDate = { ...dateCell, value: dateCell.value.date };
      else if (!dateCell.value?.year) person.birthDate = { ...dateCell, value: null };
    }
    // The year column wins; a date column gives the year when there is none.
    const birth = yearCell ?? dateCell;
    if (birth) person.birthYear = { ...birth, value: birth.value?.year ?? null };
    const gender = parsed(r, "gender", parseGender);
    if (gender) person.gender = gender;
    const phone = parsed(r, "phone", parsePhone);
    if (phone) person.phone = phone;
    const relation = text(r, "relation");
    if (relation) person.relation = relation;
    const notes = text(r, "notes");
    if (notes) person.notes = notes;
    return person;
  };

  /** Fills the household's own fields from a row, where the household has none yet. */
  const fill = (h: ImportedHousehold, r: Row) => {
    h.code ??= text(r, "householdCode");
    h.village ??= text(r, "village");
    h.address ??= text(r, "address");
    h.oldCommune ??= text(r, "oldCommune");
  };

  const households: ImportedHousehold[] = [];
  const issues: ImportIssue[] = [];

  if (shape === "householdPerRow") {
    const nameFrom = columns.headName !== undefined ? "headName" : "fullName";
    for (const r of table.rows) {
      const h: ImportedHousehold = { row: r.row, rows: [r.row], head: personOf(r, nameFrom), members: [] };
      fill(h, r);
      households.push(h);
    }
    return { shape, households, issues };
  }

  const isHead = (r: Row) => {
    const rel = text(r, "relation");
    return rel !== undefined && isHeadRelation(rel.raw);
  };
  const add = (h: ImportedHousehold, r: Row) => {
    h.rows.push(r.row);
    fill(h, r);
    const person = personOf(r, "fullName");
    if (isHead(r)) {
      if (h.head) issues.push({ row: r.row, key: "twoHeads", values: { first: h.head.row } });
      else return void (h.head = person);
    }
    h.members.push(person);
  };
  const start = (r: Row): ImportedHousehold => {
    const h: ImportedHousehold = { row: r.row, rows: [], head: null, members: [] };
    households.push(h);
    add(h, r);
    return h;
  };

  if (columns.householdCode !== undefined || columns.headName !== undefined) {
    // By code, or by the head's name (and village) repeated on every row: the same key wherever the
    // rows are. A blank key continues the household above (the rest of a merged cell).
    const byCode = columns.householdCode !== undefined;
    const byKey = new Map<string, ImportedHousehold>();
    const keyOf = new Map<ImportedHousehold, string>();
    let current: ImportedHousehold | null = null;
    for (const r of table.rows) {
      const key = text(r, byCode ? "householdCode" : "headName");
      if (key === undefined) {
        if (isHead(r)) current = start(r);
        else if (current) add(current, r);
        else issues.push({ row: r.row, key: "noHousehold" });
        continue;
      }
      let folded = foldName(key.raw);
      if (!byCode) {
        // The same head's name in another village is another household; a blank village under
        // the same name is the rest of a merged cell.
        const village = text(r, "village");
        const same = current !== null && keyOf.get(current)!.startsWith(`${folded}|`);
        folded = village || !same ? `${folded}|${foldName(village?.raw ?? "")}` : keyOf.get(current!)!;
      }
      current = byKey.get(folded) ?? null;
      if (current) add(current, r);
      else {
        byKey.set(folded, (current = start(r)));
        keyOf.set(current, folded);
      }
    }
    if (columns.relation === undefined) {
      // No relation column: the head is the row bearing the head's name, or else the group's first
      // row (lists are written head first); `headByOrder` tells the official it was guessed.
      const cellsOf = new Map(table.rows.map((r) => [r.row, r.cells]));
      const headNameOf = (h: ImportedHousehold) =>
        columns.headName === undefined ? "" : foldName(cellsOf.get(h.row)?.[columns.headName] ?? "");
      for (const h of households) {
        const named = headNameOf(h);
        const i = named ? h.members.findIndex((p) => foldName(p.fullName?.raw ?? "") === named) : -1;
        if (i < 0) h.headByOrder = true;
        h.head = h.members.splice(Math.max(i, 0), 1)[0] ?? null;
      }
    }
  } else {
    // By relation: a "Chủ hộ" row starts a household, the rows below it join it.
    let current: ImportedHousehold | null = null;
    for (const r of table.rows) {
      if (isHead(r)) current = start(r);
      else if (current) add(current, r);
      else issues.push({ row: r.row, key: "memberBeforeHead" });
    }
  }
  for (const h of households) if (h.head === null) issues.push({ row: h.row, key: "noHead" });
  return { shape, households, issues };
}
