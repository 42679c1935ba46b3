import type { Metadata } from "next";
import { ScheduleView, scheduleMetadata } from "@/components/public/schedule-view";
import { routedLocale } from "@/lib/i18n/routed-locale";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await routedLocale(params);
  return scheduleMetadata();
}

// The first page, unfiltered; a query goes to app/(public)/schedule.
export default async function CachedSchedule({ params }: { params: Params }) {
  await routedLocale(params);
  return <ScheduleView filter={{}} />;
}
