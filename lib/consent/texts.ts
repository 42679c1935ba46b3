import type { ConsentPurpose } from "@/lib/generated/prisma/enums";
import vi from "@/messages/vi/privacy.json";
import viSchedule from "@/messages/vi/schedule.json";

/**
 * The consent sentences the portal shows, each with a versioned key stored beside the text on the
 * consent row (change a sentence in messages/<locale>/privacy.json, or the class sign-up sentence
 * schedule.class.consent in messages/<locale>/schedule.json → bump its version here).
 */
export const CONSENT_KINDS = {
  register: { key: "register.v1", purpose: "data_processing" },
  member: { key: "member.v1", purpose: "program_participation" },
  // A class sign-up (public form, one-tap) and a walk-in at check-in: the same sentence.
  signup: { key: "signup.v1", purpose: "training_contact" },
  // A person imported from the commune's own list (lib/onboarding): no consent was asked; the row
  // records the legal basis instead (docs/decisions/0018), with method "list".
  list: { key: "list.v1", purpose: "program_participation" },
} as const satisfies Record<string, { key: string; purpose: ConsentPurpose }>;

export type ConsentKind = keyof typeof CONSENT_KINDS;

/** The Vietnamese text of a consent sentence, for rows recorded where no locale is at hand. */
export function consentTextVi(kind: ConsentKind): string {
  return kind === "signup" ? viSchedule.schedule.class.consent : vi.privacy.consentText[kind];
}
