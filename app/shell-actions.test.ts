import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outcome } from "@/lib/testing/calls";
import { actAs, currentSession, freshAddress, replaySession } from "@/lib/testing/next-fakes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());

const { getCurrentUser } = await import("@/lib/auth/session");
const { signOutAction } = await import("@/app/shell-actions");

let t: TestDatabase;
let user: { id: number; sessionVersion: number };

beforeAll(async () => {
  t = await createTestDatabase();
  const communeId = (await t.db.commune.create({ data: { code: "so", name: "Xã Đăng Xuất", province: "Hải Phòng" } })).id;
  user = await t.db.user.create({
    data: { communeId, username: "dangxuat", name: "Người Đăng Xuất", role: "resident", passwordHash: "x" },
  });
  freshAddress();
});
afterAll(() => t?.drop());

describe("signing out", () => {
  it("ends the session on the server: a copy of the cookie taken before opens nothing after", async () => {
    actAs(user);
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    const copied = currentSession();
    expect(await outcome(signOutAction())).toEqual({ kind: "redirect", to: "/login", status: 303 });
    replaySession(copied);
    expect(await getCurrentUser()).toBeNull();
    expect(await t.db.endedSession.count({ where: { id: copied!.sid } })).toBe(1);
  });

  it("ends only that session: the same user's session on another device goes on", async () => {
    actAs(user);
    const phone = currentSession();
    actAs(user);
    await outcome(signOutAction());
    replaySession(phone);
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion);
  });

  it("refuses a token without a session id (issued before sign-out ended sessions)", async () => {
    replaySession({ uid: user.id, sv: user.sessionVersion } as never);
    expect(await getCurrentUser()).toBeNull();
  });
});
