/**
 * Vietnamese text without its tone and vowel marks, case kept ("Thôn Đông" → "Thon Dong"): the one
 * fold behind name matching, slugs and codes. "đ" is a letter of its own, not a marked "d", so
 * Unicode decomposition leaves it: it is mapped by hand.
 */
export function withoutToneMarks(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

const vietnamese = new Intl.Collator("vi");

/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …, tones after the bare letter),
 * for the few names sorted in JavaScript. Lists from the database need no sort of their own: the
 * name columns carry ICU's "vi" collation (docs/decisions/0021-vietnamese-collation.md), which
 * orders them the same way.
 */
export function compareVietnamese(a: string, b: string): number {
  return vietnamese.compare(a, b);
}
