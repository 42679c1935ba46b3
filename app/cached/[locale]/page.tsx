import { HomeView } from "@/components/public/home-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

export default async function CachedHome({ params }: { params: Promise<{ locale: string }> }) {
  await routedLocale(params);
  return <HomeView />;
}
