import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import { clientIp } from "@/lib/security/rate-limit";

// Credentials sign-in uses JWT sessions. The token carries the user id, role, commune and session
// version; lib/auth/session.ts re-reads the user from the database on every request, so a role
// change or deactivation takes effect at once.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A session ends 8 hours after sign-in (a working day); the admin can end it sooner (sessionVersion).
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(credentials, request) {
        const login = typeof credentials?.login === "string" ? credentials.login : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const claims = await authenticate(login, password, clientIp(request.headers));
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
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { role: string; communeId: number | null; sessionVersion: number };
        token.uid = Number(u.id);
        token.role = u.role;
        token.communeId = u.communeId;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, role: token.role, communeId: token.communeId };
    },
  },
});
