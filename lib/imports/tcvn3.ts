// Text typed in the legacy TCVN3 (TCVN 5712:1993 "VN3", the ".VnTime"/ABC fonts) instead of
// Unicode. Excel stores such a cell's characters as their Latin-1 code points, which the .VnTime
// font draws as Vietnamese letters: "NguyÔn V¨n An" is "Nguyễn Văn An". Detected on a table's
// cells and converted, or refused when a part of the table mixes both encodings.
//
// The npm package "vietnamese-conversion" (2.0.0) was considered and not used: it maps capital
// letters to pairs the standard does not have ("Aµ" → "À"), detects TCVN3 only when the text has
// no digit after a letter, and caches every converted text (here: people's names) in a module map.
//
// Mapping: the VN3 table of TCVN 5712:1993, as published by the Vietnamese Unicode project
// (vietunicode.sourceforge.net/charset, "TCVN3 (ABC)"), checked against Unikey's converter. VN3 has
// capital letters only for Ă Â Ê Ô Ơ Ư Đ; other capitals were written with the ".VnTimeH" font,
// which draws the small letters' codes as capitals, so they come back as small letters here.

/** Each TCVN3 code point (U+00A1–U+00FE) and the Unicode letter it stands for. */
// prettier-ignore
const VN3: Record<string, string> = {
  "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
  "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ",
  "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
  "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
  "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
  "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
  "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
  "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
  "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
  "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
  "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
  "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
  "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
  "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
};

const VN3_CHARS = new RegExp(`[${Object.keys(VN3).join("")}]`, "g");

/**
 * The TCVN3 codes that a Unicode Vietnamese text never holds as letters: U+00A1–U+00BE are symbols
 * in Unicode (and in windows-1258, the other legacy code page), but in TCVN3 they are the most
 * frequent letters of the language (ă â ê ô ơ ư đ, à á ả ã ạ, ằ ắ ẳ ẵ). Counted only inside a word
 * (next to a letter), so "Thôn 3 · xóm 2" or "©" alone are not taken for TCVN3.
 */
const TELLTALE_IN_WORD =
  /(?<=[A-Za-z\u00a1-\u00fe])[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be]|[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be](?=[A-Za-z\u00a1-\u00fe])/g;

/** Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and every letter of the U+1EA0 block). */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/g;

/** TCVN3 text in Unicode ("Hé gia ®×nh" → "Hộ gia đình"); other characters are kept. */
export function tcvn3ToUnicode(s: string): string {
  return s.replace(VN3_CHARS, (c) => VN3[c]!);
}

export type TextEncodingGuess = "unicode" | "tcvn3" | "mixed";

/**
 * Which encoding some cells were typed in. "tcvn3": at least two TCVN3 letters inside words and not
 * one letter of Unicode Vietnamese (a real list of Vietnamese names always has some: ư, ơ, đ, ễ…).
 * "mixed": both, with TCVN3 letters too many to be stray symbols (one in ten of the Unicode
 * letters or more): no conversion can be trusted then. Otherwise "unicode", left as it is.
 */
export function guessEncoding(cells: readonly string[]): TextEncodingGuess {
  let telltale = 0;
  let unicode = 0;
  for (const c of cells) {
    if (c === "" || /^[\x00-\x7f]*$/.test(c)) continue;
    telltale += c.match(TELLTALE_IN_WORD)?.length ?? 0;
    unicode += c.match(UNICODE_VIETNAMESE)?.length ?? 0;
  }
  if (telltale < 2) return "unicode";
  if (unicode === 0) return "tcvn3";
  return telltale * 10 >= unicode ? "mixed" : "unicode";
}
