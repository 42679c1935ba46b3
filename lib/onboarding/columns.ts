// What each column of a commune's list holds, guessed from its header: with or without tone marks,
// in the abbreviations commune staff use ("NS", "GT", "SĐT", "QH"). Only a suggestion: the official
// confirms or changes each column's meaning before anything is read from the rows.
import { foldName } from "@/lib/imports/text";

export const COLUMN_MEANINGS = [
  "headName",
  "fullName",
  "birthYear",
  "birthDate",
  "gender",
  "phone",
  "village",
  "relation",
  "householdCode",
  "address",
  "notes",
  "oldCommune",
] as const;
export type ColumnMeaning = (typeof COLUMN_MEANINGS)[number];

/** One meaning (or null: not read) per column of the header, in the header's order. */
export type ColumnMapping = (ColumnMeaning | null)[];

/**
 * Patterns on the folded header (no tone marks, lower case, punctuation as spaces), tried in this
 * order, so the more specific come first: "Ngày tháng năm sinh" before "Năm sinh", "Năm sinh chủ
 * hộ" and "Quan hệ với chủ hộ" before "chủ hộ", "Tên thôn" before "Tên".
 */
const RULES: readonly { meaning: ColumnMeaning; patterns: readonly RegExp[] }[] = [
  { meaning: "birthDate", patterns: [/\bngay\b.*\bsinh\b/, /^(ntns|ngs)$/, /\b(date of birth|birth ?date|dob)\b/] },
  { meaning: "birthYear", patterns: [/\bnam sinh\b/, /^ns\b/, /\b(year of birth|birth ?year|yob)\b/] },
  { meaning: "gender", patterns: [/\bgioi( tinh)?\b/, /^(gt|phai|nam nu|nam hay nu)$/, /\b(gender|sex)\b/] },
  {
    meaning: "phone",
    patterns: [/\bdien thoai\b/, /^(so )?(sdt|dt|dtdd|ddt)\b/, /\bdi dong\b/, /\b(phone|mobile|tel)\b/],
  },
  { meaning: "relation", patterns: [/\bquan he\b/, /^(qh|qhvch|qhch)\b/, /\brelation/] },
  {
    meaning: "householdCode",
    patterns: [
      /^(ma|so) (so )?(ho|hgd|ho gia dinh|ho khau|so ho khau|hk)\b/,
      /^(ma|so|id) ho\b/,
      /\b(household (code|id|number|no))\b/,
    ],
  },
  {
    meaning: "headName",
    patterns: [
      /^((ho )?(va )?ten )?(cua )?chu ho( gia dinh)?$/,
      /^(ho )?(va )?ten ch$/,
      /^(head of household|household head)( name)?$/,
    ],
  },
  {
    meaning: "oldCommune",
    patterns: [
      /\b(xa|phuong|thi tran|don vi)( hanh chinh)? (cu|truoc sap nhap)\b/,
      /^(xa|phuong|thi tran|xa phuong|xa phuong thi tran)$/,
      /\bold commune\b/,
    ],
  },
  {
    meaning: "village",
    patterns: [/\b(thon|xom|ban|ap|lang|buon|plei|soc|to dan pho|tdp|khu pho|kp|khom)\b/, /^to( so)?\b/, /\b(village|hamlet)\b/],
  },
  {
    meaning: "fullName",
    patterns: [/^(ho (va )?ten|ho ten|hoten|ten)( (thanh vien|nhan khau|nguoi|cong dan|day du))?$/, /^(full ?name|name)$/],
  },
  {
    meaning: "address",
    patterns: [/\bdia chi\b/, /\b(noi o|cho o|noi cu tru|thuong tru|tam tru|so nha|duong pho)\b/, /\baddress\b/],
  },
  { meaning: "notes", patterns: [/\bghi chu\b/, /^(gc|luu y)$/, /\bnotes?\b/] },
];

/** Row numbers and what the registry does not keep (identity card numbers, ethnicity…). */
const IGNORED = /^(s?tt|so tt|stt ho)$|\b(cccd|cmnd|cmt|can cuoc|dinh danh|dan toc|ton giao|nghe nghiep)\b/;

/** A header as the rules read it: folded, "." "/" "(" … as spaces ("SĐT/ĐT:" → "sdt dt", "N.S" → "ns"). */
export function foldHeader(header: string): string {
  // Single letters in a row are an abbreviation written with dots: "N.S", "S.Đ.T".
  return foldName(header.replace(/[^\p{L}\p{N}]+/gu, " ")).replace(/\b([a-z]) (?=[a-z]\b)/g, "$1");
}

/** The meaning one header suggests, or null (a row number "STT", or a column nobody asked for). */
export function meaningOf(header: string): ColumnMeaning | null {
  const h = foldHeader(header);
  if (h === "" || IGNORED.test(h)) return null;
  for (const { meaning, patterns } of RULES) if (patterns.some((p) => p.test(h))) return meaning;
  return null;
}

/**
 * The suggested mapping of a header row: each column's meaning, or null when none was recognised.
 * A meaning goes to its first column only; a later column with the same meaning is left unread
 * (null) for the official to assign.
 */
export function suggestMapping(header: readonly string[]): ColumnMapping {
  const taken = new Set<ColumnMeaning>();
  return header.map((h) => {
    const m = meaningOf(h);
    if (m === null || taken.has(m)) return null;
    taken.add(m);
    return m;
  });
}
