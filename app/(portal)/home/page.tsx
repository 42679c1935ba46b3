import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/roles";

/** After sign-in: each role lands on its own home page. */
export default async function Home() {
  const user = await requireUser();
  redirect(ROLE_HOME[user.role]);
}
