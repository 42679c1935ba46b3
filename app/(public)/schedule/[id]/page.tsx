import type { Metadata } from "next";
import { ClassView, classMetadata } from "@/components/public/class-view";
import { getCurrentUser } from "@/lib/auth/session";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return classMetadata((await params).id);
}

export default async function ClassPage({ params }: { params: Params }) {
  const [{ id }, user] = await Promise.all([params, getCurrentUser()]);
  return <ClassView id={id} user={user} />;
}
