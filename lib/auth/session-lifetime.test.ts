import { decode, encode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { jwtCallback, sessionCallback, sessionMaxSeconds, type PortalToken } from "@/lib/auth/session-lifetime";

const HOUR = 60 * 60 * 1000;
const signIn = new Date("2026-03-02T01:00:00Z");
const user = { id: "42", role: "official", communeId: 7, sessionVersion: 3 };
const at = (hours: number) => new Date(signIn.getTime() + hours * HOUR);
const session = { user: { name: "Cán Bộ" }, expires: at(8).toISOString() };

/** The token next-auth keeps after a sign-in at `signIn`. */
const signedIn = (): PortalToken => jwtCallback({ token: { name: "Cán Bộ" }, user }, signIn, 8 * 3600)!;

describe("absolute session lifetime", () => {
  it("records the sign-in time and the claims at sign-in", () => {
    expect(signedIn()).toMatchObject({ uid: 42, role: "official", communeId: 7, sv: 3, signedInAt: signIn.getTime() / 1000 });
    // Each sign-in is a session of its own, which signing out ends (lib/auth/ended-session.ts).
    expect(signedIn().sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(signedIn().sid).not.toBe(signedIn().sid);
  });

  it("gives no session to a token signed in 9 hours ago", () => {
    const token = signedIn();
    expect(jwtCallback({ token }, at(9), 8 * 3600)).toBeNull();
    expect(sessionCallback({ session, token }, at(9), 8 * 3600)).toBeNull();
    // With the default limit too (SESSION_MAX_HOURS unset in tests).
    expect(jwtCallback({ token }, at(9))).toBeNull();
    expect(sessionCallback({ session, token }, at(9))).toBeNull();
  });

  it("keeps a session within the limit, with the claims lib/auth/session.ts re-checks", () => {
    const token = signedIn();
    expect(jwtCallback({ token }, at(7.9), 8 * 3600)).toEqual(token);
    expect(sessionCallback({ session, token }, at(7.9), 8 * 3600)).toMatchObject({
      uid: 42,
      sv: 3,
      sid: token.sid,
      role: "official",
      communeId: 7,
    });
  });

  it("does not restart the limit when the token is renewed, through real JWT encoding", async () => {
    const secret = "a-test-secret-of-enough-length-0123456789";
    const salt = "authjs.session-token";
    let cookie = await encode({ token: signedIn(), secret, salt });
    // Renewed every half hour, as an active user's requests do.
    for (let h = 0.5; h < 8; h += 0.5) {
      const token = (await decode({ token: cookie, secret, salt })) as PortalToken;
      const renewed = jwtCallback({ token }, at(h), 8 * 3600);
      expect(renewed, `at ${h} h`).not.toBeNull();
      cookie = await encode({ token: renewed!, secret, salt });
    }
    const last = (await decode({ token: cookie, secret, salt })) as PortalToken;
    expect(last.signedInAt).toBe(signIn.getTime() / 1000);
    expect(jwtCallback({ token: last }, at(8), 8 * 3600)).toBeNull();
  });

  it("refuses a token without a sign-in time (issued before the limit existed, or forged)", () => {
    const { signedInAt: _at, ...old } = signedIn();
    expect(jwtCallback({ token: old }, at(0.1), 8 * 3600)).toBeNull();
    expect(sessionCallback({ session, token: old }, at(0.1), 8 * 3600)).toBeNull();
  });

  it("reads SESSION_MAX_HOURS, falling back to 8 hours", () => {
    expect(sessionMaxSeconds({})).toBe(8 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "" })).toBe(8 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "abc" })).toBe(8 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "0" })).toBe(8 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "-3" })).toBe(8 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "4" })).toBe(4 * 3600);
    expect(sessionMaxSeconds({ SESSION_MAX_HOURS: "0.5" })).toBe(1800);
    const token = signedIn();
    expect(jwtCallback({ token }, at(5), sessionMaxSeconds({ SESSION_MAX_HOURS: "4" }))).toBeNull();
    expect(jwtCallback({ token }, at(5), sessionMaxSeconds({ SESSION_MAX_HOURS: "12" }))).not.toBeNull();
  });
});
