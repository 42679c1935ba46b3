import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { OfflineApp } from "@/components/offline/offline-app";
import { requireArea } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offline"))("title") };
}

// The volunteer's screen that works with no connection. The service worker keeps this page (it
// holds no personal data: the households come from the phone's IndexedDB, client-side) and opens
// it for any page asked for offline. Served from the worker's cache, the page keeps the
// Content-Security-Policy header it was fetched with, whose nonce matches its own scripts.
export default async function OfflinePage() {
  const user = await requireArea("volunteer");
  return (
    <ClientMessages of={["OfflineApp"]}>
      <OfflineApp userId={user.id} />
    </ClientMessages>
  );
}
