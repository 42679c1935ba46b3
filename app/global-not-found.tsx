import { NotFoundView } from "@/components/layout/not-found-view";
import { RequestDocument } from "@/components/layout/site-document";

export { generateMetadata, viewport } from "@/components/layout/site-document";

// An address no route matches. The site has several root layouts (docs/decisions/0025), so the
// page draws its own document.
export default function GlobalNotFound() {
  return (
    <RequestDocument>
      <NotFoundView />
    </RequestDocument>
  );
}
