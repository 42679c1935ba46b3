import type { ReactNode } from "react";
import { RequestDocument } from "@/components/layout/site-document";

export { generateMetadata, viewport } from "@/components/layout/site-document";

// A root layout: the public pages rendered for each request (signed in, or with a query, or the
// forms). The same pages, anonymous and plain, are also served cached from app/cached/.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return <RequestDocument>{children}</RequestDocument>;
}
