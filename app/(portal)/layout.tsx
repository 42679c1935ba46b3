import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { OfflineBar } from "@/components/offline/offline-bar";
import { can } from "@/lib/auth/capabilities";
import { getCurrentUser } from "@/lib/auth/session";
import { RequestDocument } from "@/components/layout/site-document";

export { generateMetadata, viewport } from "@/components/layout/site-document";

// A root layout (the document, per request). Field volunteers see, on every screen, how many
// visits recorded offline are not sent yet (components/offline). Other roles get nothing here:
// each area's own layout checks access.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const field = user !== null && can(user, "field:work");
  return (
    <RequestDocument>
      {field ? (
        <ClientMessages of={["OfflineBar"]}>
          <OfflineBar userId={user.id} />
        </ClientMessages>
      ) : null}
      {children}
    </RequestDocument>
  );
}
