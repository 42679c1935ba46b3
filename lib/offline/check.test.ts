import { describe, expect, it } from "vitest";
import { checkOnPhone } from "@/lib/offline/check";

const KEY = "7d444840-9dc0-4d8c-9c8a-5f1d1c7a2b10";
const form = {
  today: "2026-03-14",
  minDate: "2026-02-11",
  skills: [
    { id: 1, key: "vneid_l2", scope: "member" as const, nameVi: "VNeID", nameEn: "VNeID" },
    { id: 9, key: "sells_online", scope: "business" as const, nameVi: "Bán hàng", nameEn: "Sells" },
  ],
};
function fields(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of [["household", "5"], ["idempotencyKey", KEY], ...entries]) f.append(k, v);
  return f;
}

describe("what the phone checks before keeping a visit", () => {
  it("keeps a complete visit", () => {
    expect(
      checkOnPhone(
        fields([
          ["visitedOn", "2026-03-14"],
          ["outcome", "done"],
          ["item", "1"],
          ["for-1", "7"],
        ]),
        form,
      ),
    ).toBeNull();
    expect(
      checkOnPhone(
        fields([
          ["visitedOn", "2026-02-11"],
          ["outcome", "not_home"],
        ]),
        form,
      ),
    ).toBeNull();
    expect(
      checkOnPhone(
        fields([
          ["visitedOn", "2026-03-14"],
          ["outcome", "done"],
          ["item", "9"],
        ]),
        form,
      ),
    ).toBeNull();
  });

  it("says what to fix, beside the field, with the server's keys", () => {
    const errors = (entries: [string, string][]) => checkOnPhone(fields(entries), form);
    expect(
      errors([
        ["visitedOn", "2026-03-15"],
        ["outcome", "not_home"],
      ]),
    ).toEqual({ visitedOn: "dateFuture" });
    expect(
      errors([
        ["visitedOn", "2026-02-10"],
        ["outcome", "not_home"],
      ]),
    ).toEqual({ visitedOn: "dateTooOld" });
    expect(
      errors([
        ["visitedOn", "2026-03-14"],
        ["outcome", "done"],
      ]),
    ).toEqual({ items: "itemsRequired" });
    expect(
      errors([
        ["visitedOn", "2026-03-14"],
        ["outcome", "done"],
        ["item", "1"],
      ]),
    ).toEqual({ items: "memberRequired" });
    expect(
      errors([
        ["visitedOn", "2026-03-14"],
        ["outcome", "done"],
        ["item", "4"],
        ["for-4", "7"],
      ]),
    ).toEqual({
      items: "itemsInvalid",
    });
    expect(errors([["visitedOn", "2026-03-14"]])).toEqual({ outcome: "outcomeRequired" });
    const noKey = new FormData();
    for (const [k, v] of [
      ["household", "5"],
      ["idempotencyKey", "not-a-key"],
      ["visitedOn", "2026-03-14"],
      ["outcome", "not_home"],
    ])
      noKey.append(k, v);
    expect(checkOnPhone(noKey, form)).toEqual({ idempotencyKey: "keyInvalid" });
  });
});
