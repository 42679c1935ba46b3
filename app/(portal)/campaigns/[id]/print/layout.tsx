import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/user";
import { requireArea } from "@/lib/auth/session";
import { CAMPAIGN_MANAGE_ROLES } from "@/lib/campaigns/access";

// Managing a campaign is for officials, admins and branch leaders. Checked in a layout with no
// loading boundary above it, so a volunteer is answered 403, not a 200 page saying no.
export default async function Layout({ children }: { children: ReactNode }) {
  requireRole(await requireArea("campaigns"), CAMPAIGN_MANAGE_ROLES);
  return children;
}
