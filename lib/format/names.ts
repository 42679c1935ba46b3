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
