"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { carryOutErasure } from "@/lib/privacy/erasure";

const CarryOutSchema = z.object({ id: z.coerce.number().int().positive() });

/** The confirmation step's form: carry out one erasure request by anonymising. */
export async function carryOutErasureAction(formData: FormData): Promise<void> {
  const user = await requireArea("admin");
  const parsed = CarryOutSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/erasure");
  const result = await carryOutErasure(user, parsed.data.id);
  revalidatePath("/admin/erasure");
  redirect(`/admin/erasure?done=${result.erased ? "erased" : "already"}`);
}
