// Refusing an erasure request: only the commune's admin, only a pending request, with a required
// reason the resident then reads; audited; a request refused or carried out cannot be acted on again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  carryOutErasure,
  ErasureRejectSchema,
  getMyErasureRequest,
  listErasureRequests,
  rejectErasure,
  requestErasure,
} from "@/lib/privacy/erasure";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { httpError } from "@/lib/testing/refusals";
import { currentUserByUsername, currentUserOf } from "@/lib/testing/users";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
const byUsername = (username: string) => currentUserByUsername(t.db, username);
const REASON = "Dữ liệu lượt hỗ trợ phải lưu theo quy định của thành phố đến hết năm.";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { households: 10 });
}, 120_000);
afterAll(async () => t?.drop());

/** A fresh resident of the demo commune with a pending request. */
async function pendingRequest() {
  const admin = await byUsername("admin");
  const row = await t.db.user.create({
    data: {
      communeId: admin.communeId,
      phone: `09${String(Date.now() + Math.floor(Math.random() * 1e6)).slice(-8)}`,
      name: "Người Yêu Cầu",
      role: "resident",
      passwordHash: "x",
    },
  });
  const resident = currentUserOf(row);
  const request = await requestErasure(resident, { reason: "Tôi chuyển đi nơi khác", confirm: "yes" });
  return { admin, resident, request };
}

describe("rejecting an erasure request", () => {
  it("requires a reason, with a message for the field", () => {
    const issue = (input: unknown) => ErasureRejectSchema.safeParse(input).error?.issues.map((i) => [i.path[0], i.message]);
    expect(issue({ id: "3" })).toEqual([["reason", "rejectReasonRequired"]]);
    expect(issue({ id: "3", reason: "   " })).toEqual([["reason", "rejectReasonRequired"]]);
    expect(issue({ id: "3", reason: "abc" })).toEqual([["reason", "rejectReasonShort"]]);
    expect(issue({ id: "3", reason: "x".repeat(501) })).toEqual([["reason", "rejectReasonLong"]]);
    expect(ErasureRejectSchema.parse({ id: "3", reason: `  ${REASON} ` })).toEqual({ id: 3, reason: REASON });
  });

  it("sets the status and reason, audits it, and the resident sees the outcome and the reason", async () => {
    const { admin, resident, request } = await pendingRequest();
    expect(await rejectErasure(admin, { id: request.id, reason: REASON })).toEqual({ changed: true });
    const row = await t.db.erasureRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "rejected", rejectionReason: REASON, handledById: admin.id });
    expect(row.handledAt).toBeInstanceOf(Date);
    expect(await getMyErasureRequest(resident)).toMatchObject({ id: request.id, status: "rejected", rejectionReason: REASON });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "erasure.reject", entityId: String(request.id) } });
    expect(log).toMatchObject({
      actorId: admin.id,
      before: { status: "pending" },
      after: { status: "rejected", rejectionReason: REASON },
    });
    expect((await listErasureRequests(admin, "rejected")).rows.map((r) => r.id)).toContain(request.id);
    // The account and its data are untouched.
    expect(await t.db.user.findUniqueOrThrow({ where: { id: resident.id } })).toMatchObject({
      active: true,
      name: "Người Yêu Cầu",
    });
  });

  it("a rejected or carried-out request cannot be acted on again, and a double click rejects once", async () => {
    const { admin, resident, request } = await pendingRequest();
    const both = await Promise.all([
      rejectErasure(admin, { id: request.id, reason: REASON }),
      rejectErasure(admin, { id: request.id, reason: `${REASON} (lần hai)` }),
    ]);
    expect(both.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await t.db.auditLog.count({ where: { action: "erasure.reject", entityId: String(request.id) } })).toBe(1);
    // Not carried out afterwards: the account stays as it was.
    expect(await carryOutErasure(admin, request.id)).toEqual({ erased: false });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: resident.id } })).toMatchObject({ active: true });
    expect(await t.db.erasureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "rejected" });

    const done = await pendingRequest();
    expect(await carryOutErasure(done.admin, done.request.id)).toEqual({ erased: true });
    expect(await rejectErasure(done.admin, { id: done.request.id, reason: REASON })).toEqual({ changed: false });
    expect(await t.db.erasureRequest.findUniqueOrThrow({ where: { id: done.request.id } })).toMatchObject({
      status: "done",
      rejectionReason: null,
    });
  });

  it("after a rejection the resident may ask again", async () => {
    const { admin, resident, request } = await pendingRequest();
    await rejectErasure(admin, { id: request.id, reason: REASON });
    const again = await requestErasure(resident, { reason: "", confirm: "yes" });
    expect(again.id).not.toBe(request.id);
    expect(await getMyErasureRequest(resident)).toMatchObject({ id: again.id, status: "pending" });
  });

  it("only the admin of the request's commune", async () => {
    const { request } = await pendingRequest();
    for (const role of ["resident", "volunteer", "official", "branch_leader"]) {
      const u = await t.db.user.findFirst({ where: { role: role as never, communeId: { not: null } } });
      if (u) expect(await httpError(rejectErasure(currentUserOf(u), { id: request.id, reason: REASON })), role).toBe("403");
    }
    const admin = await byUsername("admin");
    const other = await t.db.commune.findFirstOrThrow({ where: { id: { not: admin.communeId! } } });
    const foreignAdmin = currentUserOf({ ...admin, id: admin.id, communeId: other.id });
    expect(await httpError(rejectErasure(foreignAdmin, { id: request.id, reason: REASON }))).toBe("404");
    expect(await t.db.erasureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "pending" });
  });
});
