import type { ReactNode } from "react";
import { requireArea } from "@/lib/auth/session";

// Checked in the layout as well as the page: the layout renders before any loading state is
// streamed, so a refusal still answers 403.
export default async function Layout({ children }: { children: ReactNode }) {
  await requireArea("training");
  return children;
}
