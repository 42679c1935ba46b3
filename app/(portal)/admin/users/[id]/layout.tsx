import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { getManagedUser } from "@/lib/users/manage";

// Another commune's account (or none at all) answers 404 here. The segment has no loading state:
// the page also refuses a missing or unknown ?action=, which a layout cannot see, and that 404
// must be sent before anything streams too.
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireArea("admin");
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  await getManagedUser(user, Number(id)); // notFound() when it is not the admin's commune's
  return children;
}
