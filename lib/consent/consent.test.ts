import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegisterResidentSchema } from "@/lib/auth/schemas";
import type { CurrentUser } from "@/lib/auth/user";
import { listMemberConsents, listMyConsents, withdrawConsent } from "@/lib/consent/consent";
import { consentTextVi } from "@/lib/consent/texts";
import { addMember } from "@/lib/households/mutations";
import { exportMyData } from "@/lib/privacy/export";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, httpError } from "@/lib/testing/refusals";
import { currentUserByUsername, currentUserOf as as } from "@/lib/testing/users";
import { registerForClass, RegistrationInputSchema } from "@/lib/training/registrations";
import { registerResident } from "@/lib/users/register";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
let communeId: number;
let otherCommuneId: number;
const byUsername = (username: string) => currentUserByUsername(t.db, username);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 20 });
  communeId = (await byUsername("official")).communeId!;
  otherCommuneId = (await t.db.commune.findFirstOrThrow({ where: { id: { not: communeId } } })).id;
}, 120_000);
afterAll(async () => t?.drop());

describe("consent is recorded where personal data is collected", () => {
  it("on /register: by the resident themselves, with the text shown and its versioned key", async () => {
    const shown = "Tôi đồng ý (câu đã hiện trên biểu mẫu)";
    const r = await registerResident(
      RegisterResidentSchema.parse({
        name: "Phan Thị Đồng Ý",
        phone: "0977000001",
        password: "Hoa sen trong đầm",
        confirm: "Hoa sen trong đầm",
        communeId: String(communeId),
        consent: "yes",
      }),
      shown,
    );
    const c = await t.db.consent.findFirstOrThrow({ where: { userId: r.userId } });
    expect(c).toMatchObject({
      text: shown,
      textKey: "register.v1",
      purpose: "data_processing",
      recordedById: r.userId,
      granted: true,
    });
  });

  it("on the public class sign-up: the sentence the form showed, tied to the place", async () => {
    const ev = await t.db.trainingEvent.findFirstOrThrow({
      where: { communeId, status: "scheduled", startsAt: { gt: new Date() } },
      orderBy: { startsAt: "asc" },
    });
    const shown = "Tôi đồng ý để xã dùng họ tên và số điện thoại của tôi cho lớp học.";
    const r = await asFormState(
      registerForClass(
        communeId,
        RegistrationInputSchema.parse({
          eventId: String(ev.id),
          fullName: "Đăng Ký Lớp",
          phone: "0977000002",
          villageId: "0",
          consent: "yes",
          idempotencyKey: randomUUID(),
        }),
        shown,
      ),
    );
    expect(r.ok).toBe(true);
    const reg = await t.db.registration.findFirstOrThrow({
      where: { eventId: ev.id, phone: "0977000002" },
      include: { consents: true },
    });
    expect(reg.consents).toMatchObject([{ purpose: "training_contact", granted: true, text: shown, withdrawnAt: null }]);
  });

  it("when an official adds a household member: recorded by the official, in person, with the member text", async () => {
    const official = await byUsername("official");
    const h = await t.db.household.findFirstOrThrow({ where: { communeId }, orderBy: { id: "asc" } });
    const m = await addMember(official, h.id, {
      fullName: "Thành Viên Mới",
      birthYear: 2001,
      gender: "female",
      phone: null,
      isHead: false,
      skills: [],
      skillsOnForm: false,
      consent: true,
    });
    const c = await t.db.consent.findFirstOrThrow({ where: { memberId: m.id } });
    expect(c).toMatchObject({
      purpose: "program_participation",
      method: "in_person",
      textKey: "member.v1",
      text: consentTextVi("member"),
      recordedById: official.id,
      communeId,
    });
  });
});

describe("withdrawing consent", () => {
  it("the resident withdraws their own: recorded on the row (when, by whom), audited, never deleted; twice changes nothing", async () => {
    const r = await registerResident(
      RegisterResidentSchema.parse({
        name: "Người Rút Lại",
        phone: "0977000003",
        password: "Hoa sen trong đầm",
        confirm: "Hoa sen trong đầm",
        communeId: String(communeId),
        consent: "yes",
      }),
    );
    if (r.userId === null) throw new Error("not registered");
    const me = as(await t.db.user.findUniqueOrThrow({ where: { id: r.userId } }));
    const [c] = await listMyConsents(me);
    expect(c.withdrawnAt).toBeNull();
    expect(await withdrawConsent(me, c.id)).toEqual({ changed: true });
    const row = await t.db.consent.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.withdrawnAt).toBeInstanceOf(Date);
    expect(row.withdrawnById).toBe(me.id);
    expect(row.granted).toBe(true);
    expect(await withdrawConsent(me, c.id)).toEqual({ changed: false });
    const log = await t.db.auditLog.findMany({ where: { action: "consent.withdraw", entityId: String(c.id) } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: me.id, before: { withdrawnAt: null } });
    // The export says so too.
    const data = await exportMyData(me);
    expect(data.consents).toMatchObject([{ textKey: "register.v1", withdrawnAt: row.withdrawnAt!.toISOString() }]);
  });

  it("a resident cannot withdraw someone else's consent (not found)", async () => {
    const resident = await byUsername("resident");
    const other = await t.db.consent.findFirstOrThrow({
      where: { communeId, memberId: { not: null }, NOT: { memberId: resident.memberId } },
    });
    expect(await httpError(withdrawConsent(resident, other.id))).toBe("404");
    expect((await t.db.consent.findUniqueOrThrow({ where: { id: other.id } })).withdrawnAt).toBeNull();
  });

  it("an official withdraws a member's consent on the member's behalf; another commune's official and a volunteer cannot", async () => {
    const official = await byUsername("official");
    const m = await t.db.member.findFirstOrThrow({ where: { fullName: "Thành Viên Mới" } });
    const [c] = await listMemberConsents(official, m.id);
    const stranger: CurrentUser = { ...official, id: official.id, communeId: otherCommuneId };
    expect(await httpError(withdrawConsent(stranger, c.id))).toBe("404");
    expect(await httpError(withdrawConsent(await byUsername("volunteer"), c.id))).toBe("403");
    expect(await withdrawConsent(official, c.id)).toEqual({ changed: true });
    const [after] = await listMemberConsents(official, m.id);
    expect(after.withdrawnAt).toBeInstanceOf(Date);
    expect(after.withdrawnBy?.name).toBe(official.name);
  });
});
