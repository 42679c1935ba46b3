import type { ReactNode } from "react";
import { requireCan } from "@/lib/auth/capabilities";
import { requireArea } from "@/lib/auth/session";

// Managing a campaign is for officials, admins and branch leaders. Checked in a layout with no
// loading boundary above it, so a volunteer is answered 403, not a 200 page saying no.
export default async function Layout({ children }: { children: ReactNode }) {
  requireCan(await requireArea("campaigns"), "campaign:manage");
  return children;
}
