import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type ClientComponentName } from "@/lib/i18n/client-messages";

/**
 * Gives the client components `of` their messages, and no others (lib/i18n/client-messages.ts):
 * wrap each client component that translates where a server component renders it.
 */
export async function ClientMessages({ of, children }: { of: ClientComponentName[]; children: ReactNode }) {
  const all = await getMessages();
  return <NextIntlClientProvider messages={clientMessages(all, of)}>{children}</NextIntlClientProvider>;
}
