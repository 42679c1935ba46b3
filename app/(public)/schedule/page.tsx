import { connection } from "next/server";
import type { Metadata } from "next";
import { ScheduleView, scheduleMetadata } from "@/components/public/schedule-view";
import { firstParams, ScheduleFilterSchema } from "@/lib/training/schedule";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return scheduleMetadata();
}

export default async function SchedulePage({ searchParams }: { searchParams: SearchParams }) {
  const filter = ScheduleFilterSchema.parse(firstParams(await searchParams));
  return <ScheduleView filter={filter} />;
}
