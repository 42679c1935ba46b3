import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UploadedTable } from "@/lib/imports/table";
import { foldName } from "@/lib/imports/text";
import { suggestMapping } from "@/lib/onboarding/columns";
import { groupHouseholds } from "@/lib/onboarding/households";
import { readCommuneList } from "@/lib/onboarding/read";
import { parsePhone } from "@/lib/onboarding/values";
import { VN_MOBILE } from "@/lib/validation/phone";
import { makeOnboardingList, onboardingListFile, type OnboardingListOptions } from "@/lib/testing/onboarding-list";

const VILLAGES = ["Thôn An Lão", "Thôn Đồng Tâm", "Thôn La Tỉnh", "Thôn Bình Lãng"];
const REGISTRY = [
  { headName: "Nguyễn Văn Hùng", village: "Thôn An Lão", birthYear: 1968, phone: "0912000001" },
  { headName: "Trần Thị Lan", village: "Thôn La Tỉnh", birthYear: 1975, phone: null },
  { headName: "Phạm Đức Minh", village: "Thôn Đồng Tâm", birthYear: 1959, phone: "0383000002" },
];
const OPTIONS: OnboardingListOptions = {
  villages: VILLAGES,
  households: 120,
  people: 400,
  seed: "test",
  duplicatesOf: REGISTRY,
  badPhones: 5,
  badRows: 4,
  oldVillageNames: [{ old: "Xóm Trại", current: "Thôn Bình Lãng" }],
  avoidPhones: ["0912000001"],
  avoidHeads: [{ headName: "Lê Văn Nam", village: "Thôn An Lão", birthYear: 1980 }],
  year: 2026,
};

async function readBack(options: OnboardingListOptions): Promise<UploadedTable> {
  const list = await makeOnboardingList(options);
  const table = await readCommuneList(onboardingListFile(list));
  if (!table.ok) throw new Error(table.formError);
  return table;
}

describe("a generated commune list", () => {
  it("has the rows, households and spoiled rows asked for, each where the manifest says", async () => {
    const { manifest, rows } = await makeOnboardingList(OPTIONS);
    expect(manifest.counts).toMatchObject({
      rows: 400,
      households: 120,
      members: 280,
      badPhones: 5,
      badRows: 4,
      duplicates: 3,
      householdsWithProblems: 9,
      cleanHouseholds: 108,
    });
    expect(manifest.counts.oldVillageHouseholds).toBeGreaterThan(0);
    const cell = (row: number, column: number) => rows[row - 2]![column];
    for (const b of manifest.badPhones) expect(VN_MOBILE.test(parsePhone(String(cell(b.row, 6))))).toBe(false);
    for (const b of manifest.badRows)
      if (b.kind === "noName") expect(cell(b.row, 2)).toBe("");
      else expect(cell(b.row, 4)).toBe(1700);
    manifest.duplicates.forEach((d) => {
      const copy = REGISTRY[d.duplicateOf]!;
      expect([cell(d.row, 2), cell(d.row, 3), cell(d.row, 4), cell(d.row, 7), cell(d.row, 6)]).toEqual([
        copy.headName,
        "Chủ hộ",
        copy.birthYear,
        copy.village,
        copy.phone ?? "",
      ]);
    });
    for (const o of manifest.oldVillageNames) expect(cell(o.row, 7)).toBe("Xóm Trại");
    // Phones are unique mobiles, and none of the registry's but the copies' own.
    const phones = rows.map((r) => String(r[6])).filter((p) => p !== "");
    const good = phones.filter((p) => VN_MOBILE.test(p));
    expect(good.length).toBe(phones.length - 5);
    expect(new Set(good).size).toBe(good.length);
    expect(good.filter((p) => p === "0912000001")).toHaveLength(1);
    // Heads are told apart as the duplicate search does: only the copies match the registry.
    const keys = manifest.households.map((h) => `${foldName(h.headName)}|${h.currentVillage}|${h.headBirthYear}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain("le van nam|Thôn An Lão|1980");
  });

  it("is the same list, byte for byte, for the same options, and another for another seed", async () => {
    const a = await makeOnboardingList(OPTIONS);
    const b = await makeOnboardingList(OPTIONS);
    const hash = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");
    expect(hash(a.buffer)).toBe(hash(b.buffer));
    expect(a.manifest).toEqual(b.manifest);
    const c = await makeOnboardingList({ ...OPTIONS, seed: "other" });
    expect(c.rows).not.toEqual(a.rows);
  });

  it("reads back with readCommuneList; every column but STT is recognised; grouped into its households", async () => {
    for (const variant of [
      { format: "xlsx" as const, diacritics: true },
      { format: "xlsx" as const, diacritics: false, withFormulas: true },
      { format: "csv" as const, diacritics: true },
    ]) {
      const options = { ...OPTIONS, ...variant };
      const list = await makeOnboardingList(options);
      const table = await readBack(options);
      expect(table.header).toEqual(list.manifest.header);
      expect(table.rows.map((r) => r.cells)).toEqual(list.rows.map((r) => r.map(String)));
      const mapping = suggestMapping(table.header);
      expect(mapping).toEqual([
        null,
        "householdCode",
        "fullName",
        "relation",
        "birthYear",
        "gender",
        "phone",
        "village",
        "notes",
      ]);
      const grouped = groupHouseholds(table, mapping);
      if ("ok" in grouped) throw new Error(grouped.formError);
      expect(grouped.shape).toBe("personPerRow");
      expect(grouped.issues).toEqual([]);
      expect(grouped.households).toHaveLength(120);
      expect(grouped.households.map((h) => h.rows)).toEqual(list.manifest.households.map((h) => h.rows));
      expect(grouped.households.map((h) => h.head?.fullName?.value)).toEqual(list.manifest.households.map((h) => h.headName));
    }
    const withFormulas = await makeOnboardingList({ ...OPTIONS, withFormulas: true });
    expect(withFormulas.manifest.counts.formulaCells).toBeGreaterThan(400);
  });
});
