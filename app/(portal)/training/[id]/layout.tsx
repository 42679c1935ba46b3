import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { getEventForEdit } from "@/lib/training/queries";

// Another commune's class (or none at all) answers 404 here, in a layout with no loading boundary
// above it, so the status is sent before the loading state of the class pages streams.
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireArea("training");
  if (!(await getEventForEdit(user, Number((await params).id)))) notFound();
  return children;
}
