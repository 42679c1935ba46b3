import type { ReactNode } from "react";
import { requireArea } from "@/lib/auth/session";
import { requireCan } from "@/lib/auth/capabilities";

// Volunteers cannot add or edit members: refused before anything streams (403).
export default async function Layout({ children }: { children: ReactNode }) {
  requireCan(await requireArea("households"), "registry:edit");
  return children;
}
