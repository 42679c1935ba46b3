// An SMS is sent in GSM-7 (160 characters in one part, 153 a part when split) unless one of its
// characters is outside that alphabet: then the whole message goes in UCS-2 (70, then 67 a part).
// One accented letter in a class's name made a 147-character confirmation cost three parts, so
// every message is written without Vietnamese tone marks (đ → d) and with plain punctuation.
import { withoutToneMarks } from "@/lib/format/names";

/** The GSM 03.38 basic alphabet (one septet each). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** Its extension table: two septets each (an escape, then the character). */
const GSM7_EXTENDED = new Set("^{}\\[~]|€\f");

/** Punctuation that phones and word processors type, as the GSM-7 characters that read the same. */
const PLAIN: Record<string, string> = {
  "\u2013": "-", // en dash
  "\u2014": "-", // em dash
  "\u2212": "-", // minus
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2026": "...",
  "\u00A0": " ",
  "\u00B7": "-", // middle dot
  "\t": " ",
};

/** The text as it is sent: no tone marks, plain punctuation; GSM-7 unless it holds something else (an emoji). */
export function smsText(text: string): string {
  // withoutToneMarks also unmarks é, è, ü… of the GSM-7 alphabet: harmless, and Vietnamese has none of them.
  return [...withoutToneMarks(text).normalize("NFC")].map((ch) => PLAIN[ch] ?? ch).join("");
}

export type SmsParts = { encoding: "gsm7" | "ucs2"; length: number; parts: number };

/**
 * How many parts a text costs: GSM-7 when every character is in its alphabet (the extension's
 * count twice), 160 in one part, 153 in each of several; UCS-2 otherwise, counted in UTF-16 code
 * units, 70 in one part, 67 in each of several. An empty text is one part.
 */
export function smsParts(text: string): SmsParts {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM7_BASIC.has(ch)) septets += 1;
    else if (GSM7_EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: "gsm7", length: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: "ucs2", length: units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
