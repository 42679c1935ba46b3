import { connection } from "next/server";
import { HomeView } from "@/components/public/home-view";

export default async function PublicHome() {
  // Read at request time, never prerendered at build (there is no database then).
  await connection();
  return <HomeView />;
}
