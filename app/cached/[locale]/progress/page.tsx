import type { Metadata } from "next";
import { ProgressView, progressMetadata } from "@/components/public/progress-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return progressMetadata();
}

export default async function CachedProgress({ params }: { params: Params }) {
  await routedLocale(params);
  return <ProgressView />;
}
