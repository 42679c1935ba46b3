import type { ConsentPurpose } from "@/lib/generated/prisma/enums";
import vi from "@/messages/vi/privacy.json";

/**
 * The consent sentences the portal shows, each with a versioned key stored beside the text on the
 * consent row (change a sentence in messages/<locale>/privacy.json → bump its version here).
 */
export const CONSENT_KINDS = {
  register: { key: "register.v1", purpose: "data_processing" },
  member: { key: "member.v1", purpose: "program_participation" },
} as const satisfies Record<string, { key: string; purpose: ConsentPurpose }>;

export type ConsentKind = keyof typeof CONSENT_KINDS;

/** The Vietnamese text of a consent sentence, for rows recorded where no locale is at hand. */
export function consentTextVi(kind: ConsentKind): string {
  return vi.privacy.consentText[kind];
}
