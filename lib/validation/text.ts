import { z } from "zod";

// Bidirectional controls reorder the text around them on screen (the embeddings and overrides
// U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C): a name with one
// can show a different name, or turn the row it sits in around. No Vietnamese name, address or
// note needs them, and they are invisible, so every name and free-text field drops them.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `s` without bidirectional control characters. */
export function withoutBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, "");
}

/**
 * The one schema for a name or free-text field: a string with bidirectional controls removed, then
 * trimmed. Chain `.min()`/`.max()` with the field's own messages.
 */
export function plainText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(withoutBidiControls).trim();
}
