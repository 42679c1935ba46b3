"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { publicPagesChanged } from "@/lib/cache/public-pages";
import { requireUser } from "@/lib/auth/session";
import { importFigures, saveFigure } from "@/lib/figures/mutations";
import { FIGURE_FIELDS, type FigureField } from "@/lib/figures/schemas";
import { echoValues, formAction, type FormState } from "@/lib/validation/form-state";

export async function saveFigureAction(_prev: FormState<FigureField>, formData: FormData): Promise<FormState<FigureField>> {
  const user = await requireUser();
  const values = echoValues(formData, FIGURE_FIELDS);
  return formAction(async () => {
    const { month } = await saveFigure(user, values);
    revalidatePath("/official/figures");
    revalidatePath("/official");
    publicPagesChanged();
    redirect(`/official/figures?saved=${month}`);
  }, values);
}

export async function importFiguresAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  return formAction(async () => {
    const res = await importFigures(user, formData.get("file"));
    revalidatePath("/official/figures");
    revalidatePath("/official");
    publicPagesChanged();
    // `at` remounts the upload form, so an earlier refusal's messages do not linger.
    redirect(`/official/figures?imported=${res.count}&at=${Date.now()}`);
  });
}
