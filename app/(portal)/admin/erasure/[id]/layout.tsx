import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/session";
import { getErasureRequest } from "@/lib/privacy/erasure";

// Another commune's request (or none at all) answers 404 here, in a layout with no loading boundary
// above it, so the status is sent before the page's loading state streams.
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireArea("admin");
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  await getErasureRequest(user, Number(id)); // notFound() when it is not the admin's commune's
  return children;
}
