import type { ReactNode } from "react";
import { requireArea } from "@/lib/auth/session";
import { requireCan } from "@/lib/auth/capabilities";

// Volunteers may read the registry but not add to it: refused here, before anything streams (403).
export default async function Layout({ children }: { children: ReactNode }) {
  requireCan(await requireArea("households"), "registry:edit");
  return children;
}
