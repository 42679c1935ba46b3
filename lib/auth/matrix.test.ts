// The permission matrix, exercised: every server action and route handler declared in
// lib/auth/permissions.ts is called as each role of the demo commune, as an anonymous visitor and
// as each role of ANOTHER commune (with the demo commune's ids: guessed ids of other people's
// records), and must be allowed or refused as declared. A refused call must leave every table as
// it was. The session is the only seam (lib/testing/next-fakes.ts); the database is real.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, admits, EXPORT_TABLE_ROLES, ROUTES, type Permission } from "@/lib/auth/permissions";
import { EXPORT_TABLES } from "@/lib/drilldown/exports";
import type { Role } from "@/lib/auth/roles";
import { CONSENT_KINDS } from "@/lib/consent/texts";
import {
  loadActionModule,
  loadRouteModule,
  changedTables,
  form,
  isGuardRefusal,
  isRefusal,
  outcome,
  tableFingerprint,
  type Outcome,
} from "@/lib/testing/calls";
import {
  adoptedFamily,
  buildWorld,
  freshEvent,
  freshHousehold,
  freshRegistration,
  inDaysVn,
  phone,
  todayVn,
  uniq,
  WORLD_A2_ROLES,
  WORLD_B_ROLES,
  type World,
} from "@/lib/testing/fixtures";
import { actAs, freshAddress } from "@/lib/testing/next-fakes";
import { gridStamp, storedResults } from "@/lib/contests/queries";
import { createTestDatabase } from "@/lib/testing/db";
import { issuePhoneCode } from "@/lib/users/phone-verification";
import { NO_PASSWORD } from "@/lib/auth/password";

vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());
// The save job's queue is pg-boss's: here the batch is only marked queued.
vi.mock("@/lib/onboarding/job", () => ({ sendImportJob: async () => {} }));

type Module = Record<string, (...args: never[]) => Promise<unknown>>;
// Entries the matrix test does not call, and why (each must be covered elsewhere).
const NOT_CALLED: Record<string, string> = {
  "GET /api/auth/[...nextauth]": "next-auth's own handlers; sign-in is covered by e2e/auth.spec.ts",
  "POST /api/auth/[...nextauth]": "next-auth's own handlers; sign-in is covered by e2e/auth.spec.ts",
  "POST /api/sms/receipt": "the provider's, not a user's: its token, not a session, admits it (lib/outbox/sms-http.test.ts)",
  "POST /api/zalo/events": "Zalo's, not a user's: its signature, not a session, admits it (lib/outbox/zalo.test.ts)",
};

/** A call ready to run: prepared (fresh records made) before the session is set. */
type Prepared = () => Promise<unknown>;
type Case = {
  prepare: (w: World, fn: Module[string], actor: Actor) => Promise<Prepared>;
  /** The payload names no record of the demo commune (another commune's user acts on its own). */
  noForeignIds?: true;
  /** As noForeignIds, for these roles only (their payload names only their own records). */
  noForeignIdsFor?: readonly Role[];
  /**
   * The payload names a record that belongs to one person or branch of the demo commune (the demo
   * volunteer's visit, the demo leader's branch, its families and campaigns): the same role of
   * another branch, or another resident, must be refused. A list names the only roles for which
   * that holds.
   */
  othersRecord?: true | readonly Role[];
};

let figureSeq = 0;
let contestSeq = 0;
const call =
  (fn: Module[string], ...args: unknown[]): Prepared =>
  () =>
    (fn as (...a: unknown[]) => Promise<unknown>)(...args);

const eventFields = (w: World, date = inDaysVn(10)) => ({
  topicId: w.topic,
  title: `Lớp ${uniq()}`,
  audience: "residents",
  description: "",
  place: "Nhà văn hóa",
  organiser: "Trung tâm Chính trị",
  partnerCommuneId: "",
  villageId: "",
  capacity: 30,
  date,
  startTime: "08:00",
  endTime: "10:00",
});

const campaignFields = (w: World) => ({
  name: `Đợt ra quân ${uniq()}`,
  kind: "volunteer_saturday",
  startsOn: inDaysVn(3),
  endsOn: inDaysVn(3),
  description: "",
  villageIds: [w.village],
  branchIds: [w.branch],
});

/** An import of one household in the demo commune, in the given state (lib/onboarding/batches.ts). */
async function freshImport(w: World, status: "staged" | "checked" | "saved") {
  const headName = `Chủ Hộ ${uniq()}`;
  const sheet = {
    header: ["Họ tên chủ hộ", "Năm sinh", "Giới tính", "Thôn"],
    rows: [{ row: 2, cells: [headName, "1970", "Nam", "Thôn"] }],
  };
  const person = { row: 2, fullName: headName, birthYear: 1970, gender: "male", phone: null, isHead: true };
  const item = { row: 2, rows: [2], villageId: w.village, headName, address: "Thôn", phone: null, people: [person] };
  const plan = { items: [item], problems: [], duplicates: [], counts: { rows: 1, items: 1, withProblems: 0 } };
  const official = await w.t.db.user.findFirstOrThrow({ where: { communeId: w.a, role: "official" }, select: { id: true } });
  return w.t.db.importBatch.create({
    data: {
      communeId: w.a,
      kind: "households",
      status,
      fileName: "ds.csv",
      fileHash: uniq(),
      file: new TextEncoder().encode(`${sheet.header.join(",")}\n${sheet.rows[0].cells.join(",")}`),
      sheet,
      mapping: ["headName", "birthYear", "gender", "village"],
      plan: status === "staged" ? undefined : plan,
      rowCount: 1,
      createdById: official.id,
      savedAt: status === "saved" ? new Date() : null,
    },
  });
}

const CASES: Record<string, Case> = {
  "app/(portal)/official/imports/actions.ts#stageImportAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => {
      const fd = form({ kind: "households" });
      fd.append("file", new File([`Họ tên chủ hộ,Năm sinh,Giới tính,Thôn\nChủ Hộ ${uniq()},1970,Nam,Thôn`], "ds.csv"));
      return call(fn, { ok: false }, fd);
    },
  },
  "app/(portal)/official/imports/actions.ts#confirmMappingAction": {
    prepare: async (w, fn) => {
      const b = await freshImport(w, "staged");
      return call(
        fn,
        { ok: false },
        form({
          id: b.id,
          columns: 4,
          "column-0": "headName",
          "column-1": "birthYear",
          "column-2": "gender",
          "column-3": "village",
        }),
      );
    },
  },
  "app/(portal)/official/imports/actions.ts#saveImportAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ id: (await freshImport(w, "checked")).id })),
  },
  "app/(portal)/official/imports/actions.ts#undoImportAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ id: (await freshImport(w, "saved")).id, confirm: "on" })),
  },
  "app/(portal)/official/imports/actions.ts#dropImportAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ id: (await freshImport(w, "checked")).id, confirm: "on" })),
  },
  "app/shell-actions.ts#setLocaleAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, form({ locale: "en", back: "/schedule" })),
  },
  "app/shell-actions.ts#signOutAction": { noForeignIds: true, prepare: async (_w, fn) => call(fn) },
  "app/(public)/login/actions.ts#signInAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, { ok: false }, form({ login: "official", password: "congdanso" })),
  },
  "app/(public)/register/actions.ts#registerResidentAction": {
    noForeignIds: true,
    prepare: async (w, fn) =>
      call(
        fn,
        { ok: false },
        form({
          name: "Nguyễn Thị Mới",
          phone: phone(),
          password: "mat-khau-dai",
          confirm: "mat-khau-dai",
          communeId: w.a,
          consent: "yes",
        }),
      ),
  },
  "app/(public)/activate/actions.ts#sendActivationCodeAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, { ok: false }, form({ phone: phone() })),
  },
  "app/(public)/activate/actions.ts#activateAccountAction": {
    // An account the youth union's list made (no password), and the code sent to its number.
    noForeignIds: true,
    prepare: async (w, fn) => {
      const number = phone();
      const u = await w.t.db.user.create({
        data: { communeId: w.a, unverifiedPhone: number, name: "Đoàn Viên Nhập", role: "volunteer", passwordHash: NO_PASSWORD },
      });
      await w.t.db.$transaction((tx) => issuePhoneCode(tx, { id: u.id, communeId: w.a, phone: number }));
      const sms = await w.t.db.outboxMessage.findFirstOrThrow({ where: { recipient: number }, orderBy: { id: "desc" } });
      const code = /\d{6}/.exec(sms.body)![0];
      const password = "Mật khẩu đoàn viên mới";
      return call(fn, { ok: false }, form({ phone: number, code, password, confirm: password }));
    },
  },
  "app/(public)/schedule/actions.ts#signUpForClassAction": {
    noForeignIds: true,
    prepare: async (w, fn) =>
      call(
        fn,
        { ok: false },
        form({
          eventId: w.futureEvent,
          fullName: "Trần Văn Học",
          phone: phone(),
          villageId: "0",
          consent: "yes",
          idempotencyKey: randomUUID(),
        }),
      ),
  },
  "app/(public)/schedule/actions.ts#signUpMeAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ eventId: w.futureEvent, idempotencyKey: randomUUID() })),
  },
  "app/(public)/schedule/actions.ts#cancelRegistrationAction": {
    noForeignIds: true,
    prepare: async (w, fn) => {
      const r = await freshRegistration(w, w.futureEvent);
      return call(fn, { ok: false }, form({ code: r.code, phone: r.phone }));
    },
  },
  "app/(portal)/admin/criteria/actions.ts#addCriterionAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ skillId: w.skill, level: "smart", rule: "any_adult" })),
  },
  "app/(portal)/admin/criteria/actions.ts#updateCriterionAction": {
    prepare: async (w, fn) => {
      const c = await w.t.db.familyCriterion.findFirstOrThrow({ where: { communeId: w.a }, orderBy: { id: "desc" } });
      return call(fn, { ok: false }, form({ id: c.id, level: c.level, rule: c.rule }));
    },
  },
  "app/(portal)/admin/criteria/actions.ts#removeCriterionAction": {
    prepare: async (w, fn) => {
      const c = await w.t.db.familyCriterion.findFirstOrThrow({ where: { communeId: w.a }, orderBy: { id: "desc" } });
      return call(fn, { ok: false }, form({ id: c.id }));
    },
  },
  "app/(portal)/admin/criteria/actions.ts#setSkillActiveAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ skillId: w.skill, active: "true" })),
  },
  "app/(portal)/admin/criteria/actions.ts#addSkillAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, { ok: false }, form({ key: `k_${uniq()}`, nameVi: "Kỹ năng thử", nameEn: "Test skill" })),
  },
  "app/(portal)/admin/villages/actions.ts#addVillageAliasAction": {
    prepare: async (w, fn) =>
      call(fn, { ok: false }, form({ villageId: w.village, oldCommune: "Xã Cũ", oldVillage: `Xóm ${uniq()}` })),
  },
  "app/(portal)/admin/villages/actions.ts#removeVillageAliasAction": {
    prepare: async (w, fn) => {
      const oldVillage = `Xóm ${uniq()}`;
      const alias = await w.t.db.villageAlias.create({
        data: { communeId: w.a, villageId: w.village, oldVillage, folded: `|${oldVillage.toLowerCase()}` },
      });
      return call(fn, { ok: false }, form({ aliasId: alias.id }));
    },
  },
  "app/(portal)/branch/actions.ts#setBranchTargetAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const b = await w.t.db.youthBranch.findUniqueOrThrow({ where: { id: w.branch } });
      return call(fn, { ok: false }, form({ branchId: b.id, target: b.targetFamilies + 1, version: b.version }));
    },
  },
  "app/(portal)/branch/actions.ts#adoptAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ householdId: (await freshHousehold(w)).id })),
  },
  "app/(portal)/branch/actions.ts#releaseAction": {
    othersRecord: true,
    prepare: async (w, fn) => call(fn, { ok: false }, form({ familyId: (await adoptedFamily(w)).family.id })),
  },
  "app/(portal)/branch/actions.ts#assignAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const { household } = await adoptedFamily(w);
      return call(fn, { ok: false }, form({ householdId: household.id, volunteerId: w.volunteer }));
    },
  },
  "app/(portal)/branch/actions.ts#reassignAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const { household } = await adoptedFamily(w);
      const a = await w.t.db.assignment.create({
        data: {
          communeId: w.a,
          householdId: household.id,
          volunteerId: w.volunteer,
          assignedById: w.users["A:branch_leader"]!.id,
        },
      });
      return call(fn, { ok: false }, form({ assignmentId: a.id, volunteerId: w.users["A:branch_leader"]!.id }));
    },
  },
  "app/(portal)/branch/actions.ts#unassignAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const { household } = await adoptedFamily(w);
      const a = await w.t.db.assignment.create({
        data: {
          communeId: w.a,
          householdId: household.id,
          volunteerId: w.volunteer,
          assignedById: w.users["A:branch_leader"]!.id,
        },
      });
      return call(fn, { ok: false }, form({ assignmentId: a.id }));
    },
  },
  "app/(portal)/campaigns/actions.ts#createCampaignAction": {
    othersRecord: true,
    prepare: async (w, fn) => call(fn, { ok: false }, form({ ...campaignFields(w), idempotencyKey: randomUUID() })),
  },
  "app/(portal)/campaigns/actions.ts#updateCampaignAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const c = await w.t.db.campaign.findUniqueOrThrow({ where: { id: w.campaign } });
      return call(fn, { ok: false }, form({ ...campaignFields(w), campaignId: c.id, version: c.version }));
    },
  },
  "app/(portal)/campaigns/actions.ts#buildWalkListsAction": {
    othersRecord: true,
    prepare: async (w, fn) => call(fn, { ok: false }, form({ campaignId: w.campaign })),
  },
  "app/(portal)/campaigns/actions.ts#startShiftAction": {
    othersRecord: true,
    prepare: async (w, fn) => call(fn, { ok: false }, form({ campaignId: w.todayCampaign })),
  },
  "app/(portal)/campaigns/actions.ts#finishShiftAction": {
    othersRecord: true,
    prepare: async (w, fn) => call(fn, { ok: false }, form({ campaignId: w.todayCampaign })),
  },
  "app/(portal)/households/actions.ts#createHouseholdAction": {
    prepare: async (w, fn) =>
      call(
        fn,
        { ok: false },
        form({
          villageId: w.village,
          headName: `Chủ Hộ ${uniq()}`,
          address: `Số ${uniq()}`,
          phone: "",
          headBirthYear: 1970,
          headGender: "male",
          consent: "yes",
          consentTextKey: "member.v1",
        }),
      ),
  },
  "app/(portal)/households/actions.ts#updateHouseholdAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      return call(
        fn,
        { ok: false },
        form({
          householdId: h.id,
          villageId: w.village,
          headName: h.headName,
          address: `${h.address} sửa`,
          phone: "",
          version: h.version,
        }),
      );
    },
  },
  "app/(portal)/households/actions.ts#addMemberAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      return call(
        fn,
        { ok: false },
        form({
          householdId: h.id,
          fullName: `Con ${uniq()}`,
          birthYear: 2001,
          gender: "male",
          phone: "",
          idempotencyKey: randomUUID(),
          consent: "yes",
          consentTextKey: "member.v1",
        }),
      );
    },
  },
  "app/(portal)/households/actions.ts#updateMemberAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w, 2);
      const m = h.members[1]!;
      return call(
        fn,
        { ok: false },
        form({
          householdId: h.id,
          memberId: m.id,
          fullName: m.fullName,
          birthYear: 1999,
          gender: "female",
          phone: "",
          version: m.version,
        }),
      );
    },
  },
  "app/(portal)/households/actions.ts#removeMemberAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w, 2);
      const m = h.members[1]!;
      return call(fn, { ok: false }, form({ householdId: h.id, memberId: m.id, version: m.version }));
    },
  },
  "app/(portal)/households/actions.ts#registerBusinessAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      return call(
        fn,
        { ok: false },
        form({ householdId: h.id, name: `Tạp hoá ${uniq()}`, sector: "Tạp hoá", skills: ["biz_cashless"] }),
      );
    },
  },
  "app/(portal)/households/actions.ts#updateBusinessAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      const b = await w.t.db.householdBusiness.create({
        data: { communeId: w.a, householdId: h.id, name: `Quán ăn ${uniq()}`, sector: "Quán ăn" },
      });
      return call(
        fn,
        { ok: false },
        form({ householdId: h.id, name: `${b.name} mới`, sector: "Quán ăn", skills: ["biz_einvoice"], version: b.version }),
      );
    },
  },
  "app/(portal)/official/figures/actions.ts#saveFigureAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => {
      // A month not entered yet (a new month needs no version).
      const month = `20${String(10 + (figureSeq % 15)).padStart(2, "0")}-0${1 + (figureSeq++ % 9)}`;
      return call(
        fn,
        { ok: false },
        form({ month, applicationsTotal: 100, applicationsOnline: 40, recordsDigitised: 5, version: "" }),
      );
    },
  },
  "app/(portal)/official/figures/actions.ts#importFiguresAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => {
      const month = `${2060 + (figureSeq++ % 40)}-11`;
      const fd = form({});
      fd.append("file", new File([`Tháng;Tổng số hồ sơ;Trực tuyến\n${month};100;40\n`], "so-lieu.csv", { type: "text/csv" }));
      return call(fn, { ok: false }, fd);
    },
  },
  "app/(portal)/official/contests/actions.ts#saveContestResultsAction": {
    // Names the demo commune's village: another commune's official is refused.
    prepare: async (w, fn) => {
      const contest = await w.t.db.contest.findFirstOrThrow({ orderBy: { id: "asc" } });
      const stamp = gridStamp(await storedResults(w.t.db, contest.id, w.a));
      const n = 100 + contestSeq++;
      return call(
        fn,
        { ok: false },
        form({ contestId: contest.id, stamp, [`participants-${w.village}`]: n, [`visits-${w.village}`]: n * 2 }),
      );
    },
  },
  "app/(portal)/official/contests/actions.ts#importContestResultsAction": {
    // Names the demo commune's village: in another commune it is unknown.
    prepare: async (w, fn) => {
      const contest = await w.t.db.contest.findFirstOrThrow({ orderBy: { id: "asc" } });
      const village = await w.t.db.village.findUniqueOrThrow({ where: { id: w.village } });
      const n = 100 + contestSeq++;
      const fd = form({ contestId: contest.id });
      fd.append("file", new File([`Thôn,Tham gia,Truy cập\n${village.name},${n},${n * 3}\n`], "ket-qua.csv"));
      return call(fn, { ok: false }, fd);
    },
  },
  "app/(portal)/training/actions.ts#createEventAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form(eventFields(w))),
  },
  "app/(portal)/training/actions.ts#updateEventAction": {
    prepare: async (w, fn) => {
      const starts = new Date(`${inDaysVn(12)}T01:00:00Z`);
      const e = await freshEvent(w, starts, new Date(starts.getTime() + 2 * 3_600_000));
      return call(fn, { ok: false }, form({ ...eventFields(w, inDaysVn(12)), id: e.id, version: e.version }));
    },
  },
  "app/(portal)/training/actions.ts#cancelEventAction": {
    prepare: async (w, fn) => {
      const starts = new Date(`${inDaysVn(12)}T01:00:00Z`);
      const e = await freshEvent(w, starts, new Date(starts.getTime() + 2 * 3_600_000));
      return call(fn, { ok: false }, form({ id: e.id, version: e.version, confirm: "yes" }));
    },
  },
  "app/(portal)/training/actions.ts#repeatEventAction": {
    prepare: async (w, fn) => call(fn, { ok: false }, form({ id: w.futureEvent, date: inDaysVn(20) })),
  },
  "app/(portal)/training/actions.ts#addTopicAction": {
    prepare: async (w, fn) =>
      call(fn, { ok: false }, form({ nameVi: `Chủ đề ${uniq()}`, nameEn: `Topic ${uniq()}`, skillId: w.skill })),
  },
  "app/(portal)/training/actions.ts#checkInCodeAction": {
    prepare: async (w, fn) => {
      const r = await freshRegistration(w, w.todayEvent);
      return call(fn, {}, form({ eventId: w.todayEvent, code: r.code }));
    },
  },
  "app/(portal)/training/actions.ts#checkInRegistrationAction": {
    prepare: async (w, fn) => call(fn, w.todayEvent, (await freshRegistration(w, w.todayEvent)).id),
  },
  "app/(portal)/training/actions.ts#searchRegistrationsAction": {
    prepare: async (w, fn) => {
      const r = await freshRegistration(w, w.todayEvent);
      return call(fn, w.todayEvent, r.fullName);
    },
  },
  "app/(portal)/training/actions.ts#walkInAction": {
    // The allowed call ticks the consent the official read aloud (issue 6).
    prepare: async (w, fn) =>
      call(
        fn,
        {},
        form({
          eventId: w.todayEvent,
          fullName: `Người Đến ${uniq()}`,
          phone: phone(),
          consent: "yes",
          consentTextKey: CONSENT_KINDS.signup.key,
        }),
      ),
  },
  "app/(portal)/admin/users/actions.ts#manageUserAction": {
    prepare: async (w, fn) => {
      const u = await w.t.db.user.create({
        data: { communeId: w.a, username: `u-${uniq()}`, name: "Đoàn Viên Thử", role: "volunteer", passwordHash: "x" },
      });
      return call(fn, form({ id: u.id, action: "revoke" }));
    },
  },
  "app/(portal)/admin/users/actions.ts#verifyPhoneInPersonAction": {
    prepare: async (w, fn) => {
      const u = await w.t.db.user.create({
        data: { communeId: w.a, unverifiedPhone: phone(), name: "Người Dân Chưa Xác Minh", role: "resident", passwordHash: "x" },
      });
      return call(fn, form({ id: u.id }));
    },
  },
  "app/(portal)/admin/erasure/actions.ts#carryOutErasureAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w, 2);
      const member = h.members[1]!;
      const u = await w.t.db.user.create({
        data: { communeId: w.a, phone: phone(), name: member.fullName, role: "resident", passwordHash: "x", memberId: member.id },
      });
      const r = await w.t.db.erasureRequest.create({ data: { communeId: w.a, userId: u.id, memberId: member.id } });
      return call(fn, form({ id: r.id }));
    },
  },
  "app/(portal)/admin/erasure/actions.ts#rejectErasureAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w, 2);
      const member = h.members[1]!;
      const u = await w.t.db.user.create({
        data: { communeId: w.a, phone: phone(), name: member.fullName, role: "resident", passwordHash: "x", memberId: member.id },
      });
      const r = await w.t.db.erasureRequest.create({ data: { communeId: w.a, userId: u.id, memberId: member.id } });
      return call(fn, { ok: false }, form({ id: r.id, reason: "Dữ liệu phải lưu theo quy định đến hết năm." }));
    },
  },
  "app/(portal)/households/[id]/members/[memberId]/edit/consent-actions.ts#withdrawMemberConsentAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      const member = h.members[0]!;
      const c = await w.t.db.consent.create({
        data: { communeId: w.a, memberId: member.id, purpose: "program_participation", granted: true, method: "paper" },
      });
      return call(fn, form({ consentId: c.id, householdId: h.id, memberId: member.id }));
    },
  },
  "app/(portal)/resident/actions.ts#withdrawMyConsentAction": {
    othersRecord: true,
    prepare: async (w, fn) => {
      const resident = await w.t.db.user.findUniqueOrThrow({ where: { id: w.users["A:resident"]!.id } });
      const c = await w.t.db.consent.create({
        data: {
          communeId: w.a,
          userId: resident.id,
          memberId: resident.memberId,
          purpose: "training_contact",
          granted: true,
          method: "online",
        },
      });
      return call(fn, form({ consentId: c.id }));
    },
  },
  "app/(portal)/resident/actions.ts#verifyMyPhoneAction": {
    noForeignIds: true,
    prepare: async (w, fn, actor) => {
      // A resident's number made unverified again, with a code sent to it; the right code proves it back.
      const code = actor.role === "resident" ? await unprovePhone(w, w.users[actor.key]!.id, { sendCode: true }) : "123456";
      return call(fn, { ok: false }, form({ code }));
    },
  },
  "app/(portal)/resident/actions.ts#sendMyPhoneCodeAction": {
    noForeignIds: true,
    prepare: async (w, fn, actor) => {
      if (actor.role !== "resident") return call(fn);
      const id = w.users[actor.key]!.id;
      const number = await unprovePhone(w, id, { sendCode: false });
      // Proven again afterwards: later cases need the resident's number.
      return async () => {
        try {
          return await fn();
        } finally {
          await w.t.db.user.update({ where: { id }, data: { phone: number, unverifiedPhone: null } });
        }
      };
    },
  },
  "app/(portal)/resident/actions.ts#setMyRemindersAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, form({ on: "0" })),
  },
  "app/(portal)/resident/actions.ts#requestErasureAction": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, { ok: false }, form({ reason: "Tôi chuyển đi nơi khác", confirm: "yes" })),
  },
  "app/(portal)/visits/actions.ts#recordVisitAction": {
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      return call(
        fn,
        { ok: false },
        form({ household: h.id, idempotencyKey: randomUUID(), visitedOn: todayVn(), outcome: "not_home" }),
      );
    },
  },
  "app/(portal)/visits/actions.ts#sendQueuedVisitsAction": {
    // The phone sends visits it kept, naming the user who recorded them: here, the caller.
    prepare: async (w, fn, actor) => {
      const h = await freshHousehold(w);
      const owner = actor.role === null ? 0 : w.users[actor.key]!.id;
      const visit = { household: String(h.id), idempotencyKey: randomUUID(), visitedOn: todayVn(), outcome: "not_home" };
      return call(fn, owner, [Object.entries(visit)]);
    },
  },
  "app/(portal)/visits/actions.ts#updateVisitAction": {
    // A branch leader corrects any visit of the commune (lib/visits/mutations.ts updateVisit).
    othersRecord: ["volunteer"],
    prepare: async (w, fn) => {
      const h = await freshHousehold(w);
      const v = await w.t.db.visit.create({
        data: {
          communeId: w.a,
          householdId: h.id,
          volunteerId: w.volunteer,
          visitedOn: new Date(`${todayVn()}T00:00:00Z`),
          outcome: "not_home",
          idempotencyKey: randomUUID(),
        },
      });
      return call(fn, { ok: false }, form({ visit: v.id, version: h.version, visitedOn: todayVn(), outcome: "no_smartphone" }));
    },
  },
};

type RouteCase = Case;
const req = (path: string) => new Request(`http://localhost${path}`, { headers: { "x-forwarded-for": "192.0.2.9" } });
const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/health": { noForeignIds: true, prepare: async (_w, fn) => call(fn, req("/api/health")) },
  "GET /calendar.ics": { noForeignIds: true, prepare: async (_w, fn) => call(fn, req("/calendar.ics")) },
  "GET /schedule/[id]/ics": {
    noForeignIds: true,
    prepare: async (w, fn) =>
      call(fn, req(`/schedule/${w.futureEvent}/ics`), { params: Promise.resolve({ id: String(w.futureEvent) }) }),
  },
  "GET /api/exports/[table]": {
    // Each role's own table: the branch leader exports their own branch's volunteers, a volunteer their own visits.
    noForeignIdsFor: ["branch_leader", "volunteer"],
    prepare: async (w, fn, actor) => {
      const table =
        actor.role === "branch_leader"
          ? "branch-volunteers"
          : actor.role === "volunteer"
            ? "visits"
            : actor.role === "city"
              ? "city-communes"
              : "village-households";
      const village = table === "village-households" ? `&village=${w.village}` : "";
      return call(fn, req(`/api/exports/${table}?format=csv${village}`), { params: Promise.resolve({ table }) });
    },
  },
  "GET /api/me/export": { noForeignIds: true, prepare: async (_w, fn) => call(fn, req("/api/me/export?format=csv")) },
  "GET /official/report/docx": {
    noForeignIds: true,
    prepare: async (_w, fn) => call(fn, req("/official/report/docx?month=2026-04")),
  },
  "GET /official/imports/[id]/errors": {
    prepare: async (w, fn) => {
      const b = await freshImport(w, "checked");
      return call(fn, req(`/official/imports/${b.id}/errors`), { params: Promise.resolve({ id: String(b.id) }) });
    },
  },
  "GET /api/volunteer/offline-pack": { noForeignIds: true, prepare: async (_w, fn) => call(fn) },
};

/**
 * Turns a resident's proven number back into an unverified one; with `sendCode`, sends a code to
 * it and returns the code (read from the outbox, as the person reads the message), otherwise the number.
 */
async function unprovePhone(w: World, id: number, { sendCode }: { sendCode: boolean }): Promise<string> {
  const u = await w.t.db.user.findUniqueOrThrow({
    where: { id },
    select: { phone: true, unverifiedPhone: true, communeId: true },
  });
  const number = u.phone ?? u.unverifiedPhone!;
  await w.t.db.user.update({ where: { id }, data: { phone: null, unverifiedPhone: number } });
  if (!sendCode) return number;
  await w.t.db.$transaction((tx) => issuePhoneCode(tx, { id, communeId: u.communeId!, phone: number }));
  const sms = await w.t.db.outboxMessage.findFirstOrThrow({
    where: { kind: "phone_code", recipient: number },
    orderBy: { id: "desc" },
  });
  return /\d{6}/.exec(sms.body)![0];
}

/** Every actor: anonymous, each role of the demo commune (A), each commune role of another (B). */
const A_ROLES: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin", "city"];
const B_ROLES = WORLD_B_ROLES;
// "A2": the same commune, but another branch's volunteer and leader, and another resident.
const A2_ROLES = WORLD_A2_ROLES;
type Actor = { key: string; role: Role | null; foreign: boolean; other: boolean };
const ACTORS: Actor[] = [
  { key: "anonymous", role: null, foreign: false, other: false },
  ...A_ROLES.map((role) => ({ key: `A:${role}`, role, foreign: false, other: false })),
  ...A2_ROLES.map((role) => ({ key: `A2:${role}`, role, foreign: false, other: true })),
  ...B_ROLES.map((role) => ({ key: `B:${role}`, role, foreign: true, other: false })),
];

/** What the matrix says this actor should get. */
function expected(p: Permission, actor: Actor, c: Case): "allowed" | "refused" {
  if (!admits(p.who, actor.role)) return "refused";
  // Another commune's user acting on this commune's records: refused unless the entry is public.
  const ownPayload = c.noForeignIds === true || (actor.role !== null && c.noForeignIdsFor?.includes(actor.role) === true);
  if (actor.foreign && !ownPayload && p.scope !== "public") return "refused";
  // Another branch's leader or volunteer, another resident: not their record.
  if (actor.other && (c.othersRecord === true || (c.othersRecord && c.othersRecord.includes(actor.role!)))) return "refused";
  return "allowed";
}

function describeOutcome(o: Outcome): string {
  if (o.kind === "returned") return `returned ${JSON.stringify(o.value)?.slice(0, 300)}`;
  if (o.kind === "redirect") return `redirect ${o.to}`;
  return `status ${o.status}`;
}

describe("the permission matrix, called", () => {
  let w: World;
  let cases = 0;

  beforeAll(async () => {
    w = await buildWorld(await createTestDatabase(), 40);
  }, 300_000);

  afterAll(async () => {
    console.log(`permission matrix: ${cases} (action or route) × actor cases called`);
    await w?.t.drop();
  });

  it("has a case for every declared action and route (derived from the matrix)", () => {
    const actions = Object.entries(ACTIONS).flatMap(([file, fns]) => Object.keys(fns).map((n) => `${file}#${n}`));
    expect(actions.filter((k) => !(k in CASES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !(k in ROUTE_CASES) && !(k in NOT_CALLED))).toEqual([]);
  });

  async function check(key: string, p: Permission, c: Case | RouteCase, fn: Module[string], actor: Actor) {
    const want = expected(p, actor, c);
    const run = await c.prepare(w, fn, actor);
    freshAddress();
    actAs(actor.role === null ? null : w.users[actor.key]!);
    const before = await tableFingerprint(w.t.db);
    const o = await outcome(run);
    actAs(null);
    cases++;
    const label = `${key} as ${actor.key}: ${describeOutcome(o)}`;
    if (process.env.MATRIX_VERBOSE) console.log(`${want.padEnd(7)} ${label}`);
    if (want === "allowed") {
      expect(isRefusal(o), label).toBe(false);
    } else {
      expect(isRefusal(o), label).toBe(true);
      // Roles the matrix does not admit are refused by the guard itself, not by a validation error.
      if (!admits(p.who, actor.role)) expect(isGuardRefusal(o), label).toBe(true);
      expect(changedTables(before, await tableFingerprint(w.t.db)), label).toEqual([]);
    }
  }

  for (const [file, fns] of Object.entries(ACTIONS)) {
    for (const [name, p] of Object.entries(fns)) {
      const key = `${file}#${name}`;
      it(`${key}: ${Array.isArray(p.who) ? p.who.join(", ") : p.who} (${p.scope})`, async () => {
        const c = CASES[key];
        if (!c) throw new Error(`no case for ${key}`);
        const mod = await loadActionModule(file);
        const fn = mod[name]!;
        expect(typeof fn, key).toBe("function");
        for (const actor of ACTORS) await check(key, p, c, fn, actor);
      });
    }
  }

  // Every table of GET /api/exports/[table], as every role of the commune: a file for the roles
  // of its screen (EXPORT_TABLE_ROLES), a refusal for the others.
  it("GET /api/exports/[table]: each table admits exactly its screen's roles", async () => {
    expect([...EXPORT_TABLES].sort()).toEqual(Object.keys(EXPORT_TABLE_ROLES).sort());
    const fn = (await loadRouteModule("/api/exports/[table]")).GET!;
    const contest = await w.t.db.contest.findFirstOrThrow({ orderBy: { id: "asc" } });
    for (const table of EXPORT_TABLES) {
      for (const actor of ACTORS.filter((a) => !a.foreign && !a.other)) {
        const want = actor.role !== null && EXPORT_TABLE_ROLES[table]!.includes(actor.role);
        const village =
          table === "village-households"
            ? `&village=${w.village}`
            : table === "contest-results"
              ? `&id=${contest.id}`
              : table === "training-roster"
                ? `&event=${w.futureEvent}`
                : table === "campaign-summary"
                  ? `&campaign=${w.campaign}&part=volunteers`
                  : "";
        freshAddress();
        actAs(actor.role === null ? null : w.users[actor.key]!);
        const o = await outcome(
          call(fn, req(`/api/exports/${table}?format=xlsx${village}`), { params: Promise.resolve({ table }) }),
        );
        actAs(null);
        cases++;
        const label = `${table} as ${actor.key}: ${describeOutcome(o)}`;
        if (process.env.MATRIX_VERBOSE) console.log(`${want ? "allowed" : "refused"} GET /api/exports/${label}`);
        expect(isRefusal(o), label).toBe(!want);
        if (want) expect(o.kind === "response" && o.status === 200, label).toBe(true);
      }
    }
  });

  for (const [key, p] of Object.entries(ROUTES)) {
    if (key in NOT_CALLED) continue;
    const [method, path] = key.split(" ") as [string, string];
    it(`${key}: ${Array.isArray(p.who) ? p.who.join(", ") : p.who} (${p.scope})`, async () => {
      const c = ROUTE_CASES[key];
      if (!c) throw new Error(`no case for ${key}`);
      const mod = await loadRouteModule(path);
      for (const actor of ACTORS) await check(key, p, c, mod[method]!, actor);
    });
  }
});
