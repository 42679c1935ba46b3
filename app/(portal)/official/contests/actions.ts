"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { importContestResults, saveContestResults } from "@/lib/contests/mutations";
import { formAction, type FormState } from "@/lib/validation/form-state";

/** The form's text fields (the first of each name); files and repeated names are not numbers. */
function textFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !(k in out) && k.length <= 40) out[k] = v;
  return out;
}

function revalidate(contestId: number) {
  revalidatePath("/official/contests");
  revalidatePath(`/official/contests/${contestId}`);
  revalidatePath("/official");
  revalidatePath("/progress");
  revalidatePath("/city");
}

export async function saveContestResultsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = textFields(formData);
  return formAction(async () => {
    const { contestId } = await saveContestResults(user, values);
    revalidate(contestId);
    redirect(`/official/contests/${contestId}?saved=1`);
  }, values);
}

export async function importContestResultsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const contestId = formData.get("contestId");
  return formAction(async () => {
    const res = await importContestResults(user, contestId, formData.get("file"));
    revalidate(Number(contestId));
    // `at` remounts the upload form, so an earlier refusal's messages do not linger.
    redirect(`/official/contests/${Number(contestId)}?imported=${res.count}&at=${Date.now()}`);
  });
}
