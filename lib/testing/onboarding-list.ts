// A commune's member list as the commune keeps it (one row per person, grouped by "Mã hộ"), made
// up with the seed's deterministic generator, for the onboarding import's tests, e2e and benchmark
// (issue 15). Besides clean households it can carry what real lists carry: households already in
// the registry, phones typed wrong, impossible rows, village names from before the 2025
// reorganisation, formula cells. The manifest says where each of them is, by the row number the
// spreadsheet shows (the header is row 1), so a test can assert what the import finds.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { withoutToneMarks } from "@/lib/format/names";
import { foldName } from "@/lib/imports/text";
import { FAMILY_NAMES } from "@/prisma/seed/names";
import { PhoneBook, personName, type Sex } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";

export const ONBOARDING_LIST_HEADER = [
  "STT",
  "Mã hộ",
  "Họ và tên",
  "Quan hệ với chủ hộ",
  "Năm sinh",
  "Giới tính",
  "SĐT",
  "Thôn",
  "Ghi chú",
] as const;

/** A household of the registry to copy into the list, to be found as a duplicate. */
export type RegistryHouseholdCopy = { headName: string; village: string; birthYear: number; phone: string | null };

export type OnboardingListOptions = {
  /** The commune's villages (current names); households are spread over them. */
  villages: readonly string[];
  households: number;
  /** Rows (people, heads included); at least `households`. */
  people: number;
  /** Another seed gives another list; the same options give the same list. */
  seed?: string | number;
  format?: "xlsx" | "csv";
  /** false: the same headers without diacritics ("Ho va ten", "Quan he voi chu ho", "SDT"…). */
  diacritics?: boolean;
  /** Households of the registry, each copied as one household of the list (head's name, village, birth year, phone). */
  duplicatesOf?: readonly RegistryHouseholdCopy[];
  /** Rows whose phone is not a mobile number ("12345"), each in its own household. */
  badPhones?: number;
  /** Rows the member form refuses (birth year 1700, or no name), each in its own household. */
  badRows?: number;
  /** Old village names: `old` written instead of `current` on about a third of `current`'s households. */
  oldVillageNames?: readonly { old: string; current: string }[];
  /** XLSX only: STT and some birth years as formulas with their saved values. */
  withFormulas?: boolean;
  /** Phones the list must not use (the registry's), so that only `duplicatesOf` match by phone. */
  avoidPhones?: Iterable<string>;
  /**
   * Heads the list must not name (the registry's), so that only `duplicatesOf` match by name: no
   * other head has the same name without diacritics, village and birth year (nor two in the list).
   */
  avoidHeads?: Iterable<{ headName: string; village: string; birthYear: number }>;
  /** The year ages are counted from (birth years = year − age); defaults to the current year. */
  year?: number;
  fileName?: string;
};

export type ListedHousehold = {
  code: string;
  /** The head's row and all the household's rows. */
  row: number;
  rows: number[];
  headName: string;
  headBirthYear: number;
  /** The village as written in the list, and the current village it stands for. */
  village: string;
  currentVillage: string;
  phone: string | null;
  /** Index into `duplicatesOf` when the household copies one of the registry. */
  duplicateOf?: number;
  oldVillageName?: true;
  problem?: "badPhone" | "badBirthYear" | "noName";
};

export type OnboardingListManifest = {
  header: string[];
  households: ListedHousehold[];
  badPhones: { row: number; code: string; phone: string }[];
  badRows: { row: number; code: string; kind: "badBirthYear" | "noName" }[];
  duplicates: { row: number; code: string; duplicateOf: number }[];
  oldVillageNames: { row: number; code: string; old: string; current: string }[];
  counts: {
    rows: number;
    households: number;
    /** People who are not the head. */
    members: number;
    badPhones: number;
    badRows: number;
    duplicates: number;
    oldVillageHouseholds: number;
    /** Households with at least one bad row or bad phone (each bad one is in its own household). */
    householdsWithProblems: number;
    /** Households that are neither duplicates nor have a problem: what a plain import creates. */
    cleanHouseholds: number;
    formulaCells: number;
  };
};

export type OnboardingList = {
  buffer: Buffer;
  fileName: string;
  contentType: string;
  manifest: OnboardingListManifest;
  /** The cells of each data row as written (numbers as numbers, formulas as their values), in row order. */
  rows: (string | number)[][];
};

type Person = {
  name: string;
  relation: string;
  birthYear: number;
  sex: Sex;
  phone: string | null;
  notes: string;
};

const NOTES = ["Hộ nghèo", "Hộ cận nghèo", "Đi làm xa", "Tạm vắng", "Người cao tuổi", "Khuyết tật", "Học xa nhà"];

/** The sex a name was drawn for, told by its middle name where the registry copy gives no other. */
const sexOfName = (name: string): Sex => (/\bThị\b/.test(name) ? "female" : "male");

/** The people of one household: the head first, then a spouse, the head's parents, children, grandchildren. */
function household(rng: Rng, size: number, year: number, head?: RegistryHouseholdCopy): Person[] {
  const headSex: Sex = head ? sexOfName(head.headName) : rng.chance(0.78) ? "male" : "female";
  const headAge = head ? year - head.birthYear : rng.int(24, 86);
  const headFamily = head ? head.headName.split(" ")[0]! : rng.weighted(FAMILY_NAMES);
  const people: Person[] = [
    {
      name: head ? head.headName : personName(rng, headSex, headAge, headFamily),
      relation: "Chủ hộ",
      birthYear: year - headAge,
      sex: headSex,
      phone: null,
      notes: "",
    },
  ];
  const add = (relation: string, sex: Sex, age: number, family?: string) =>
    people.push({ name: personName(rng, sex, age, family), relation, birthYear: year - age, sex, phone: null, notes: "" });
  const other: Sex = headSex === "male" ? "female" : "male";
  // The children's family name is their father's.
  let fatherFamily = headSex === "male" ? headFamily : undefined;
  if (people.length < size && rng.chance(0.85)) {
    const spouseAge = Math.max(18, headAge + rng.int(-6, 4) * (headSex === "male" ? 1 : -1));
    const spouseFamily = rng.weighted(FAMILY_NAMES);
    add(other === "female" ? "Vợ" : "Chồng", other, spouseAge, spouseFamily);
    if (other === "male") fatherFamily = spouseFamily;
  }
  fatherFamily ??= headFamily;
  if (headAge < 50) {
    for (const sex of ["male", "female"] as const)
      if (people.length < size && rng.chance(0.35))
        add(sex === "male" ? "Bố" : "Mẹ", sex, Math.min(99, headAge + rng.int(22, 34)), sex === "male" ? headFamily : undefined);
  }
  while (people.length < size) {
    const grand = headAge >= 58 && people.length >= 3 && rng.chance(0.5);
    const sex: Sex = rng.chance(0.5) ? "male" : "female";
    const age = grand
      ? rng.int(0, Math.max(0, headAge - 45))
      : Math.max(0, Math.min(headAge - 18, rng.int(headAge - 40, headAge - 19)));
    add(grand ? "Cháu" : "Con", sex, age, fatherFamily);
  }
  return people;
}

/** JSZip stamps each part with the time it is written; a fixed stamp makes the same list the same bytes. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1));

async function xlsxBuffer(
  header: readonly string[],
  rows: (string | number)[][],
  formulas: Map<string, string>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Công dân số";
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow([...header]);
  ws.getRow(1).font = { bold: true };
  rows.forEach((cells, i) => {
    const r = ws.addRow(cells);
    cells.forEach((value, c) => {
      const formula = formulas.get(`${i}:${c}`);
      if (formula) r.getCell(c + 1).value = { formula, result: value };
    });
  });
  const defaults = JSZip.defaults as { date: Date | null };
  const before = defaults.date;
  defaults.date = FIXED_TIME;
  try {
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  } finally {
    defaults.date = before;
  }
}

function csvBuffer(header: readonly string[], rows: (string | number)[][]): Buffer {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  // With a byte-order mark, as Excel saves "CSV UTF-8".
  return Buffer.from("\uFEFF" + text, "utf8");
}

/** Picks `n` distinct indexes of `from` (in the generator's order). */
function take(rng: Rng, from: readonly number[], n: number, what: string): number[] {
  if (n > from.length) throw new Error(`onboarding list: ${n} ${what} asked for, room for ${from.length}`);
  return rng.shuffle(from).slice(0, n);
}

/** Makes the list and its manifest. Throws when the options cannot be met (more bad rows than households…). */
export async function makeOnboardingList(options: OnboardingListOptions): Promise<OnboardingList> {
  const {
    villages,
    households: householdCount,
    people: peopleCount,
    seed = 1,
    format = "xlsx",
    diacritics = true,
    duplicatesOf = [],
    badPhones = 0,
    badRows = 0,
    oldVillageNames = [],
    withFormulas = false,
    year = new Date().getUTCFullYear(),
  } = options;
  if (villages.length === 0) throw new Error("onboarding list: no villages");
  if (peopleCount < householdCount) throw new Error("onboarding list: fewer people than households");
  if (duplicatesOf.length > householdCount) throw new Error("onboarding list: more duplicates than households");
  for (const { current } of oldVillageNames)
    if (!villages.includes(current)) throw new Error(`onboarding list: ${current} is not one of the villages`);

  const rng = (stream: string) => new Rng(`onboarding-list:${seed}:${stream}`);
  const shapes = rng("shapes");
  const names = rng("names");
  const extras = rng("extras");

  // Household sizes: one head each, the other people spread at random (at most 9 in a household).
  const sizes = Array<number>(householdCount).fill(1);
  for (let left = peopleCount - householdCount; left > 0;) {
    const i = shapes.int(0, householdCount - 1);
    if (sizes[i]! < 9 || sizes.every((s) => s >= 9)) {
      sizes[i]!++;
      left--;
    }
  }

  // Which households copy the registry's, spread through the list rather than bunched.
  const dupAt = new Map<number, number>();
  take(shapes, [...sizes.keys()], duplicatesOf.length, "duplicates").forEach((h, d) => dupAt.set(h, d));

  const avoid = new Set(options.avoidPhones ?? []);
  for (const d of duplicatesOf) if (d.phone) avoid.add(d.phone);
  const phoneBook = new PhoneBook(rng("phones"));
  const nextPhone = () => {
    for (;;) {
      const p = phoneBook.next();
      if (!avoid.has(p)) return p;
    }
  };

  // Heads are told apart as the duplicate search does: name without diacritics, village, birth year.
  const headKey = (name: string, village: string, birthYear: number) => `${foldName(name)}|${foldName(village)}|${birthYear}`;
  const heads = new Set([...(options.avoidHeads ?? [])].map((h) => headKey(h.headName, h.village, h.birthYear)));
  for (const d of duplicatesOf) heads.add(headKey(d.headName, d.village, d.birthYear));

  const oldOf = new Map(oldVillageNames.map((o) => [o.current, o.old]));
  const listed: ListedHousehold[] = [];
  const people: Person[][] = [];
  let row = 2;
  for (let h = 0; h < householdCount; h++) {
    const d = dupAt.get(h);
    const copy = d === undefined ? undefined : duplicatesOf[d];
    const currentVillage = copy ? copy.village : extras.pick(villages);
    const ps = household(names, sizes[h]!, year, copy);
    if (!copy) {
      // A namesake of a head already listed or registered would be a duplicate nobody asked for.
      const head = ps[0]!;
      for (let tries = 0; heads.has(headKey(head.name, currentVillage, head.birthYear)); tries++) {
        head.name = personName(names, head.sex, year - head.birthYear, head.name.split(" ")[0]);
        if (tries >= 20) head.birthYear += names.chance(0.5) ? 1 : -1;
      }
      heads.add(headKey(head.name, currentVillage, head.birthYear));
    }
    for (const p of ps) {
      const age = year - p.birthYear;
      const share = p.relation === "Chủ hộ" ? 0.85 : age >= 18 && age < 70 ? 0.6 : age >= 70 ? 0.15 : 0;
      if (extras.chance(share)) p.phone = nextPhone();
      if (extras.chance(0.03)) p.notes = extras.pick(NOTES);
    }
    if (copy) ps[0]!.phone = copy.phone;
    const old = copy ? undefined : oldOf.get(currentVillage);
    const useOld = old !== undefined && extras.chance(1 / 3);
    listed.push({
      code: `HK-${String(h + 1).padStart(5, "0")}`,
      row,
      rows: ps.map((_, i) => row + i),
      headName: ps[0]!.name,
      headBirthYear: ps[0]!.birthYear,
      village: useOld ? old : currentVillage,
      currentVillage,
      phone: ps[0]!.phone,
      ...(d !== undefined ? { duplicateOf: d } : {}),
      ...(useOld ? { oldVillageName: true as const } : {}),
    });
    people.push(ps);
    row += ps.length;
  }

  // Bad phones and bad rows, each in a household of its own that copies nobody.
  const plain = listed.flatMap((h, i) => (h.duplicateOf === undefined ? [i] : []));
  const spoiled = take(extras, plain, badPhones + badRows, "bad rows and bad phones");
  const manifestBadPhones: OnboardingListManifest["badPhones"] = [];
  const manifestBadRows: OnboardingListManifest["badRows"] = [];
  spoiled.forEach((h, k) => {
    const hh = listed[h]!;
    const ps = people[h]!;
    // A member's row where the household has members, so the household itself still reads.
    const at = ps.length > 1 ? extras.int(1, ps.length - 1) : 0;
    const p = ps[at]!;
    if (k < badPhones) {
      p.phone = extras.pick(["12345", "091234567", "0123 456 789", "84123"]);
      hh.problem = "badPhone";
      if (at === 0) hh.phone = p.phone;
      manifestBadPhones.push({ row: hh.row + at, code: hh.code, phone: p.phone });
    } else if (at > 0 && extras.chance(0.5)) {
      p.name = "";
      hh.problem = "noName";
      manifestBadRows.push({ row: hh.row + at, code: hh.code, kind: "noName" });
    } else {
      p.birthYear = 1700;
      hh.problem = "badBirthYear";
      if (at === 0) hh.headBirthYear = 1700;
      manifestBadRows.push({ row: hh.row + at, code: hh.code, kind: "badBirthYear" });
    }
  });
  manifestBadPhones.sort((a, b) => a.row - b.row);
  manifestBadRows.sort((a, b) => a.row - b.row);

  const rows: (string | number)[][] = [];
  const formulas = new Map<string, string>();
  const formulaRng = rng("formulas");
  listed.forEach((hh, h) =>
    people[h]!.forEach((p) => {
      const i = rows.length;
      rows.push([
        i + 1,
        hh.code,
        p.name,
        p.relation,
        p.birthYear,
        p.sex === "male" ? "Nam" : "Nữ",
        p.phone ?? "",
        hh.village,
        p.notes,
      ]);
      if (withFormulas && format === "xlsx") {
        formulas.set(`${i}:0`, "ROW()-1");
        if (p.birthYear !== 1700 && formulaRng.chance(0.1)) formulas.set(`${i}:4`, `${year}-${year - p.birthYear}`);
      }
    }),
  );

  const header = ONBOARDING_LIST_HEADER.map((h) => (diacritics ? h : withoutToneMarks(h)));
  const base = options.fileName ?? `danh-sach-nhan-khau.${format}`;
  const buffer = format === "xlsx" ? await xlsxBuffer(header, rows, formulas) : csvBuffer(header, rows);
  const duplicates = listed.flatMap((h) =>
    h.duplicateOf === undefined ? [] : [{ row: h.row, code: h.code, duplicateOf: h.duplicateOf }],
  );
  const olds = listed.flatMap((h) =>
    h.oldVillageName ? [{ row: h.row, code: h.code, old: h.village, current: h.currentVillage }] : [],
  );
  const withProblems = listed.filter((h) => h.problem).length;
  return {
    buffer,
    fileName: base,
    contentType:
      format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
    rows,
    manifest: {
      header,
      households: listed,
      badPhones: manifestBadPhones,
      badRows: manifestBadRows,
      duplicates,
      oldVillageNames: olds,
      counts: {
        rows: rows.length,
        households: listed.length,
        members: rows.length - listed.length,
        badPhones: manifestBadPhones.length,
        badRows: manifestBadRows.length,
        duplicates: duplicates.length,
        oldVillageHouseholds: olds.length,
        householdsWithProblems: withProblems,
        cleanHouseholds: listed.length - withProblems - duplicates.length,
        formulaCells: formulas.size,
      },
    },
  };
}

/** The list as the File an upload gives the server. */
export function onboardingListFile(list: Pick<OnboardingList, "buffer" | "fileName" | "contentType">): File {
  return new File([new Uint8Array(list.buffer)], list.fileName, { type: list.contentType });
}
