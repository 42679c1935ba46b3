import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import { jwtCallback, sessionCallback, sessionMaxSeconds, type PortalToken } from "@/lib/auth/session-lifetime";
import { endSession } from "@/lib/auth/ended-session";
import { clientIp } from "@/lib/security/rate-limit";

// Credentials sign-in uses JWT sessions. The token carries the user id, role, commune and session
// version; lib/auth/session.ts re-reads the user from the database on every request, so a role
// change or deactivation takes effect at once.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A session ends SESSION_MAX_HOURS (8, a working day) after sign-in, however often the token is
  // renewed (lib/auth/session-lifetime.ts); the admin can end it sooner (sessionVersion).
  session: { strategy: "jwt", maxAge: sessionMaxSeconds() },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { login: {}, password: {}, code: {} },
      async authorize(credentials, request) {
        const login = typeof credentials?.login === "string" ? credentials.login : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const code = typeof credentials?.code === "string" ? credentials.code : undefined;
        const claims = await authenticate(login, password, clientIp(request.headers), new Date(), code);
        if (!claims) return null;
        return {
          id: String(claims.id),
          name: claims.name,
          role: claims.role,
          communeId: claims.communeId,
          sessionVersion: claims.sessionVersion,
        };
      },
    }),
  ],
  // Every sign-out ends the session on the server (lib/auth/ended-session.ts), next-auth's own
  // route (/api/auth/signout) included. signOutAction also ends it before calling signOut: an
  // error here is only logged by next-auth, there it stops the sign-out and shows.
  events: {
    signOut: async (message) => {
      if ("token" in message) await endSession(message.token as PortalToken | null);
    },
  },
  callbacks: {
    // Typed loosely here: next-auth's JWT type does not know the portal's claims.
    jwt: ({ token, user }) => jwtCallback({ token, user }) as never,
    session: ({ session, token }) => sessionCallback({ session, token }) as never,
  },
});
