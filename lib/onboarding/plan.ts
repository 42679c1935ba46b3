// What an import batch will do once saved, as the preview shows it and the save job reads it. Made
// once when the official confirms the columns (lib/onboarding/batches.ts), stored on the batch
// (import_batch.plan), and the same for every kind of list: households, businesses, volunteers.
import type { ImportIssue } from "@/lib/imports/table";

/** What the official chooses for a group of probable duplicates. */
export const DUPLICATE_CHOICES = ["skip", "merge", "create"] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

/** A record already in the registry that a group of rows probably is. */
export type RegistryMatch = {
  id: number;
  /** The name shown (the head's name, the business's, the volunteer's). */
  name: string;
  /** Where it is (the village), for the official to tell two of the same name apart. */
  place: string;
  /** Why it matched: the same name, place and birth year, or the same phone. */
  reason: "name" | "phone";
};

/**
 * Rows that are probably one household (business, volunteer): twice in the file, or already in the
 * registry. `key` names the group in the official's choices; `items` are indexes into the plan's
 * items. The first item is the one kept when the rest are skipped.
 */
export type DuplicateGroup = {
  key: string;
  items: number[];
  /** The spreadsheet rows of the group's items, for the preview to show. */
  rows: number[];
  name: string;
  matches: RegistryMatch[];
  /** The choices this group offers ("merge" only when it matches one record of the registry). */
  choices: DuplicateChoice[];
};

/** One plan for any kind of list: T is what one item saves (a household with its members…). */
export type ImportPlan<T> = {
  /** Items that passed every check, in sheet order. Items with a problem are not here. */
  items: T[];
  /** Rows with a problem, each with the row number the spreadsheet shows; not saved. */
  problems: ImportIssue[];
  duplicates: DuplicateGroup[];
  /** The list's shape, for the preview to say how rows were read ("householdPerRow"…). */
  shape?: string;
  /** Set when no column said who the head is and each group's first row was taken. */
  headByOrder?: boolean;
  /** Rows read (people, businesses, volunteers), and items with a problem. */
  counts: { rows: number; items: number; withProblems: number };
};

/** The choices the official made, by group key; a group left out takes its first choice. */
export type DuplicateChoices = Record<string, DuplicateChoice>;

/** The choice of each group: the official's, or else the group's first (the safest: "skip"). */
export function choiceOf(group: DuplicateGroup, choices: DuplicateChoices | null | undefined): DuplicateChoice {
  const c = choices?.[group.key];
  return c && group.choices.includes(c) ? c : group.choices[0];
}
