import { redirect } from "next/navigation";
import { LoginView, loginMetadata } from "@/components/public/login-view";
import { ROLE_HOME } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";

export const generateMetadata = loginMetadata;

type SearchParams = Promise<{ next?: string; registered?: string; activated?: string }>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const [user, { next, registered, activated }] = await Promise.all([getCurrentUser(), searchParams]);
  if (user) redirect(ROLE_HOME[user.role]);
  return (
    <LoginView
      next={typeof next === "string" ? next : undefined}
      registered={Boolean(registered)}
      activated={Boolean(activated)}
    />
  );
}
