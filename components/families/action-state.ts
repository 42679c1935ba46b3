/**
 * What the families, branches and assignments form actions return. `error` and the field errors
 * are message keys in `families.errors`; `params` fills the message (e.g. the branch's name).
 */
export type FamiliesFormState = {
  ok: boolean;
  error?: string;
  params?: Record<string, string | number>;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Partial<Record<string, string>>;
};

export const INITIAL_STATE: FamiliesFormState = { ok: false };
