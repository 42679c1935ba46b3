import type { ReactNode } from "react";
import { requireArea } from "@/lib/auth/session";
import { requireRole } from "@/lib/auth/user";
import { REGISTRY_ROLES } from "@/lib/households/scope";

// Volunteers may read the registry but not add to it: refused here, before anything streams (403).
export default async function Layout({ children }: { children: ReactNode }) {
  requireRole(await requireArea("households"), REGISTRY_ROLES);
  return children;
}
