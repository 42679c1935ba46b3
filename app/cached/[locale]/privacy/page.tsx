import type { Metadata } from "next";
import { PrivacyView, privacyMetadata } from "@/components/public/privacy-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return privacyMetadata();
}

export default async function CachedPrivacy({ params }: { params: Params }) {
  await routedLocale(params);
  return <PrivacyView />;
}
