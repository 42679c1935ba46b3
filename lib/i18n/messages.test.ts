import { describe, expect, it } from "vitest";
import { loadMessages, MESSAGE_FILES } from "@/lib/i18n/messages";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  it("English has exactly the Vietnamese keys, file by file", async () => {
    for (const file of MESSAGE_FILES) {
      const vi = (await import(`../../messages/vi/${file}.json`)).default;
      const en = (await import(`../../messages/en/${file}.json`)).default;
      expect(keys(en).sort(), file).toEqual(keys(vi).sort());
    }
  });

  it("no two files define the same namespace, and no message is empty", async () => {
    for (const locale of ["vi", "en"] as const) {
      const seen = new Map<string, string>();
      for (const file of MESSAGE_FILES) {
        for (const ns of Object.keys((await import(`../../messages/${locale}/${file}.json`)).default)) {
          expect(seen.get(ns), `${locale}/${file}.json redefines ${ns}`).toBeUndefined();
          seen.set(ns, file);
        }
      }
      const all = await loadMessages(locale);
      const empty = keys(all).filter((k) => !k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], all));
      expect(empty, locale).toEqual([]);
    }
  });
});
