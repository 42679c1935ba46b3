import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { getVisitSummary } from "@/lib/visits/queries";
import { toDbId } from "@/lib/validation/db-id";

// A visit the user may not see (another commune's, another volunteer's, or none at all) answers
// 404 here, in a layout with no loading boundary above it, before the page's loading state streams.
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireArea("visits");
  const id = toDbId((await params).id);
  if (id === null || !(await getVisitSummary(user, id))) notFound();
  return children;
}
