import type { Metadata } from "next";
import { LoginView, loginMetadata } from "@/components/public/login-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return loginMetadata();
}

// With no query only: ?next=, ?registered= and ?activated= go to app/(public)/login.
export default async function CachedLogin({ params }: { params: Params }) {
  await routedLocale(params);
  return <LoginView />;
}
