import type { DuplicateCandidate } from "@/lib/households/mutations";
import type { BusinessField, HouseholdField, MemberField } from "@/lib/households/schemas";
import type { FormState } from "@/lib/validation/form-state";

/** The household form's state: probable duplicates come back as its data, for the "create anyway" warning. */
export type HouseholdFormState = FormState<HouseholdField, DuplicateCandidate[]>;

/** The member form's state; `values.skills` echoes the ticked skill keys, comma-separated. */
export type MemberFormState = FormState<MemberField | "skills">;

/** The business form's state; `values.skills` echoes the ticked skill keys, comma-separated. */
export type BusinessFormState = FormState<BusinessField>;
