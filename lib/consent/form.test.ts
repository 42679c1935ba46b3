// Consent where a person is added to the registry (the add-household and add-member forms): the
// tick box is required by the schema the action uses and again by lib/, nothing is saved without
// it, and with it one consent is stored with the Vietnamese sentence and its versioned key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_KINDS, consentTextVi } from "@/lib/consent/texts";
import { addMember, createHousehold } from "@/lib/households/mutations";
import { formInput, HouseholdCreateSchema, MemberCreateSchema, MemberUpdateSchema } from "@/lib/households/schemas";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState } from "@/lib/testing/refusals";
import { currentUserByUsername } from "@/lib/testing/users";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
let villageId: number;
let householdId: number;
const byUsername = (username: string) => currentUserByUsername(t.db, username);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 10 });
  const official = await byUsername("official");
  villageId = (await t.db.village.findFirstOrThrow({ where: { communeId: official.communeId! } })).id;
  householdId = (await t.db.household.findFirstOrThrow({ where: { communeId: official.communeId! } })).id;
}, 120_000);
afterAll(async () => t?.drop());

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return formInput(fd);
};
const memberFields = { fullName: "Nguyễn Thị Đồng Ý", birthYear: "1992", gender: "female", phone: "" };
const householdFields = {
  villageId: "",
  headName: "Trần Văn Chủ Mới",
  address: "Số 12, xóm Đông",
  phone: "",
  headBirthYear: "1975",
  headGender: "male",
  createAnyway: "yes",
};
const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("the add-member and add-household schemas", () => {
  it("refuse a save without the tick, with the message for the box", () => {
    const m = MemberCreateSchema.safeParse(form({ ...memberFields, consentTextKey: CONSENT_KINDS.member.key }));
    expect(m.success).toBe(false);
    expect(errorsOf(m)).toEqual({ consent: "consentRequired" });
    const h = HouseholdCreateSchema.safeParse(
      form({ ...householdFields, villageId: String(villageId), consentTextKey: "member.v1" }),
    );
    expect(errorsOf(h)).toEqual({ consent: "consentRequired" });
    // Anything but a ticked box is no consent.
    for (const v of ["", "no", "false", "0"]) {
      expect(errorsOf(MemberCreateSchema.safeParse(form({ ...memberFields, consent: v, consentTextKey: "member.v1" })))).toEqual({
        consent: "consentRequired",
      });
    }
  });

  it("refuse a form that showed another version of the sentence", () => {
    const stale = MemberCreateSchema.safeParse(form({ ...memberFields, consent: "yes", consentTextKey: "member.v0" }));
    expect(errorsOf(stale)).toEqual({ consentTextKey: "consentTextChanged" });
    const none = MemberCreateSchema.safeParse(form({ ...memberFields, consent: "yes" }));
    expect(errorsOf(none)).toEqual({ consentTextKey: "consentTextChanged" });
  });

  it("accept the ticked box with the current sentence; editing a member asks for no new consent", () => {
    const ok = MemberCreateSchema.parse(form({ ...memberFields, consent: "yes", consentTextKey: CONSENT_KINDS.member.key }));
    expect(ok.consent).toBe(true);
    expect(MemberUpdateSchema.safeParse(form({ ...memberFields, version: "1" })).success).toBe(true);
  });
});

describe("adding a person records their consent only when ticked", () => {
  it("refuses, in lib/ too, a member without consent: no member, no consent row", async () => {
    const official = await byUsername("official");
    const before = { members: await t.db.member.count(), consents: await t.db.consent.count() };
    const input = MemberCreateSchema.parse(form({ ...memberFields, consent: "yes", consentTextKey: "member.v1" }));
    const r = await asFormState(addMember(official, householdId, { ...input, consent: false as unknown as true }));
    expect(r).toEqual({ ok: false, fieldErrors: { consent: "consentRequired" } });
    const h = await asFormState(
      createHousehold(official, {
        ...HouseholdCreateSchema.parse(
          form({ ...householdFields, villageId: String(villageId), consent: "yes", consentTextKey: "member.v1" }),
        ),
        consent: undefined as unknown as true,
      }),
    );
    expect(h).toEqual({ ok: false, fieldErrors: { consent: "consentRequired" } });
    expect({ members: await t.db.member.count(), consents: await t.db.consent.count() }).toEqual(before);
  });

  it("records one in-person consent with the sentence and its key when a member is added with the tick", async () => {
    const official = await byUsername("official");
    const input = MemberCreateSchema.parse(form({ ...memberFields, consent: "yes", consentTextKey: "member.v1" }));
    const r = await addMember(official, householdId, input);
    const rows = await t.db.consent.findMany({ where: { memberId: r.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      textKey: CONSENT_KINDS.member.key,
      text: consentTextVi("member"),
      method: "in_person",
      purpose: "program_participation",
      recordedById: official.id,
      withdrawnAt: null,
    });
  });

  it("records the head's consent when a household is added with the tick", async () => {
    const official = await byUsername("official");
    const input = HouseholdCreateSchema.parse(
      form({
        ...householdFields,
        headName: "Lý Văn Chủ Hộ",
        villageId: String(villageId),
        consent: "yes",
        consentTextKey: "member.v1",
      }),
    );
    const r = await createHousehold(official, input);
    const head = await t.db.member.findFirstOrThrow({ where: { householdId: r.id, isHead: true } });
    const rows = await t.db.consent.findMany({ where: { memberId: head.id } });
    expect(rows.map((c) => [c.textKey, c.text, c.method])).toEqual([
      [CONSENT_KINDS.member.key, consentTextVi("member"), "in_person"],
    ]);
  });
});
