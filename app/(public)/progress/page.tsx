import { connection } from "next/server";
import type { Metadata } from "next";
import { ProgressView, progressMetadata } from "@/components/public/progress-view";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return progressMetadata();
}

export default async function ProgressPage() {
  // Read at request time, never prerendered at build (there is no database then).
  await connection();
  return <ProgressView />;
}
