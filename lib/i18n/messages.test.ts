import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import vi from "@/messages/vi.json";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  it("English has exactly the Vietnamese keys", () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });
  it("no message is empty", () => {
    for (const [name, m] of Object.entries({ vi, en })) {
      const empty = keys(m).filter((k) => !k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m));
      expect(empty, name).toEqual([]);
    }
  });
});
