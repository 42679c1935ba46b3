import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { householdInScope } from "@/lib/households/queries";

// A household outside the user's commune (or none at all) answers 404 here, in a layout, so that
// the status is sent before any part of the page streams.
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireArea("households");
  if (!(await householdInScope(user, Number((await params).id)))) notFound();
  return children;
}
