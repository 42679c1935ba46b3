// What the phone can check before it keeps a visit recorded offline: the form's own schema and the
// rules that need no database (the date window, an item for "done", a person for each member
// skill). The server checks everything again when the visit is sent; what it refuses then stays on
// the phone with the reason (components/offline/sync.ts).
// It answers what it found, field by field; the offline app makes that the form's state.
import type { VisitField } from "@/lib/visits/errors";
import type { VisitFormData } from "@/lib/visits/queries";
import { visitFieldOf, visitFormInput, VisitInputSchema } from "@/lib/visits/schemas";

/** null if the visit may be kept; otherwise the message key to show beside each field, as the server would. */
export function checkOnPhone(
  formData: FormData,
  form: Pick<VisitFormData, "skills" | "today" | "minDate">,
): Partial<Record<VisitField, string>> | null {
  const parsed = VisitInputSchema.safeParse(visitFormInput(formData));
  const fieldErrors: Partial<Record<VisitField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[visitFieldOf(issue.path) as VisitField] ??= issue.message;
  } else {
    const day = parsed.data.visitedOn.toISOString().slice(0, 10);
    if (day > form.today) fieldErrors.visitedOn = "dateFuture";
    else if (day < form.minDate) fieldErrors.visitedOn = "dateTooOld";
    const scope = new Map(form.skills.map((s) => [s.id, s.scope]));
    if (parsed.data.outcome === "done" && parsed.data.items.length === 0) fieldErrors.items = "itemsRequired";
    else if (parsed.data.items.some((i) => !scope.has(i.skillId))) fieldErrors.items = "itemsInvalid";
    else if (parsed.data.items.some((i) => scope.get(i.skillId) === "member" && i.memberIds.length === 0))
      fieldErrors.items = "memberRequired";
  }
  return Object.keys(fieldErrors).length ? fieldErrors : null;
}
