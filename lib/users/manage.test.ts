import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { outcome } from "@/lib/testing/calls";
import { actAs, freshAddress } from "@/lib/testing/next-fakes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { settled } from "@/lib/testing/refusals";
import { currentUserOf as current } from "@/lib/testing/users";
import { listUsers, manageUser } from "@/lib/users/manage";

// The one seam is next-auth's auth(): it returns the claims of a real user row (id, session
// version); lib/auth/session.ts re-reads that row from the database as in production.
vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());

const { getCurrentUser } = await import("@/lib/auth/session");
const { manageUserAction } = await import("@/app/(portal)/admin/users/actions");

let t: TestDatabase;
let communeId: number;
let otherCommuneId: number;
type Row = { id: number; sessionVersion: number; name: string; role: CurrentUser["role"]; communeId: number | null };
let admin: Row;
let volunteer: Row;
let stranger: Row;

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const reload = (u: Row) => t.db.user.findUniqueOrThrow({ where: { id: u.id } });

beforeAll(async () => {
  t = await createTestDatabase();
  communeId = (await t.db.commune.create({ data: { code: "us", name: "Xã Người Dùng", province: "Hải Phòng" } })).id;
  otherCommuneId = (await t.db.commune.create({ data: { code: "ot", name: "Xã Khác", province: "Hải Phòng" } })).id;
  const mk = (username: string, name: string, role: CurrentUser["role"], c = communeId) =>
    t.db.user.create({ data: { communeId: c, username, name, role, passwordHash: "x" } });
  admin = await mk("admin-us", "Quản Trị Viên", "admin");
  volunteer = await mk("tnv-us", "Nguyễn Văn Tình Nguyện", "volunteer");
  stranger = await mk("tnv-ot", "Người Xã Khác", "volunteer", otherCommuneId);
  for (let i = 0; i < 30; i++) await mk(`u${i}`, `Đỗ Thị Người ${String(i).padStart(2, "0")}`, "resident");
  freshAddress();
});
afterAll(() => t?.drop());

describe("the admin's user management", () => {
  it("lists the commune's users, paginated, searched by name with or without diacritics", async () => {
    const all = await listUsers(current(admin), {});
    expect(all.total).toBe(32);
    expect(all.pages).toBe(2);
    expect(all.rows).toHaveLength(25);
    expect(all.rows.some((r) => r.name === "Người Xã Khác")).toBe(false);
    const found = await listUsers(current(admin), { q: "nguyen van tinh" });
    expect(found.rows.map((r) => r.id)).toEqual([volunteer.id]);
    expect((await listUsers(current(admin), { q: "Nguyễn Văn" })).rows.map((r) => r.id)).toEqual([volunteer.id]);
    expect((await listUsers(current(admin), { q: "ng%" })).total).toBe(0);
  });

  it("revoking sessions makes getCurrentUser return null for the old session; a new sign-in works", async () => {
    actAs(volunteer);
    expect((await getCurrentUser())?.id).toBe(volunteer.id);

    actAs(admin);
    const o = await outcome(manageUserAction(form({ id: String(volunteer.id), action: "revoke" })));
    expect(o).toMatchObject({ kind: "redirect", to: "/admin/users?done=revoke" });

    actAs(volunteer); // the token issued before the revocation
    expect(await getCurrentUser()).toBeNull();
    const after = await reload(volunteer);
    expect(after.sessionVersion).toBe(volunteer.sessionVersion + 1);
    actAs(after); // a token from a fresh sign-in carries the new version
    expect((await getCurrentUser())?.id).toBe(volunteer.id);

    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.revoke", entityId: String(volunteer.id) } });
    expect(log).toMatchObject({
      actorId: admin.id,
      before: { sessionVersion: volunteer.sessionVersion, active: true },
      after: { sessionVersion: volunteer.sessionVersion + 1, active: true },
      ip: expect.any(String),
    });
  });

  it("deactivating ends the sessions and the account; activating lets the user back in", async () => {
    const v = await reload(volunteer);
    expect(await settled(manageUser(current(admin), v.id, "deactivate"))).toEqual({ ok: true });
    actAs(v);
    expect(await getCurrentUser()).toBeNull();
    const closed = await reload(v);
    expect(closed.active).toBe(false);
    await manageUser(current(admin), v.id, "activate");
    actAs(await reload(v));
    expect((await getCurrentUser())?.id).toBe(v.id);
  });

  it("an admin must confirm acting on themselves, and cannot reach another commune's user; other roles are refused", async () => {
    expect(await settled(manageUser(current(admin), admin.id, "revoke"))).toEqual({ ok: false, error: "confirmSelf" });
    expect((await reload(admin)).sessionVersion).toBe(admin.sessionVersion);
    actAs(admin);
    expect(await outcome(manageUserAction(form({ id: String(admin.id), action: "deactivate" })))).toMatchObject({
      kind: "redirect",
      to: `/admin/users/${admin.id}?action=deactivate&error=confirmSelf`,
    });
    expect((await reload(admin)).active).toBe(true);

    expect(await outcome(manageUserAction(form({ id: String(stranger.id), action: "revoke" })))).toMatchObject({
      kind: "status",
      status: 404,
    });
    expect((await reload(stranger)).sessionVersion).toBe(stranger.sessionVersion);

    const v = await reload(volunteer);
    actAs(v);
    expect(await outcome(manageUserAction(form({ id: String(admin.id), action: "revoke" })))).toMatchObject({
      kind: "status",
      status: 403,
    });
    actAs(null);
    expect(await outcome(manageUserAction(form({ id: String(admin.id), action: "revoke" })))).toMatchObject({
      kind: "redirect",
      to: "/login",
    });
    expect((await reload(admin)).sessionVersion).toBe(admin.sessionVersion);

    // With the confirmation, the admin's own sessions end too.
    expect(await settled(manageUser(current(admin), admin.id, "revoke", { confirmSelf: true }))).toEqual({ ok: true });
    actAs(admin);
    expect(await getCurrentUser()).toBeNull();
  });
});
