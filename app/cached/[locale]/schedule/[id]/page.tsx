import type { Metadata } from "next";
import { ClassView, classMetadata } from "@/components/public/class-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

type Params = Promise<{ locale: string; id: string }>;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return classMetadata((await params).id);
}

export default async function CachedClass({ params }: { params: Params }) {
  await routedLocale(params);
  return <ClassView id={(await params).id} user={null} />;
}
