import type { ReactNode } from "react";
import { requireArea } from "@/lib/auth/session";
import { requireCan } from "@/lib/auth/capabilities";

// Only the commune's staff register and edit a household's business: refused before anything streams (403).
export default async function Layout({ children }: { children: ReactNode }) {
  requireCan(await requireArea("households"), "business:edit");
  return children;
}
