import { describe, expect, it } from "vitest";
import { RegisterResidentSchema } from "@/lib/auth/schemas";
import { CampaignInputSchema } from "@/lib/campaigns/schemas";
import { MemberSkillSchema } from "@/lib/families/schemas";
import { HouseholdInputSchema, MemberInputSchema } from "@/lib/households/schemas";
import { ErasureRejectSchema, ErasureRequestSchema } from "@/lib/privacy/erasure";
import { WalkInSchema } from "@/lib/training/attendance";
import { EventSchema } from "@/lib/training/schemas";
import { RegistrationInputSchema } from "@/lib/training/registrations";
import { TopicSchema } from "@/lib/training/topics";
import { plainText, withoutBidiControls } from "@/lib/validation/text";
import { VisitInputSchema } from "@/lib/visits/schemas";

const CONTROLS = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\u061C",
];

describe("bidirectional control characters", () => {
  it("are removed, every one of them, and nothing else (Vietnamese marks, other scripts, spaces inside)", () => {
    expect(withoutBidiControls(CONTROLS.join("x"))).toBe("x".repeat(CONTROLS.length - 1));
    expect(withoutBidiControls("Nguyễn Thị Ánh Dương, thôn Đông")).toBe("Nguyễn Thị Ánh Dương, thôn Đông");
    expect(withoutBidiControls("مرحبا שלום 你好 ‍")).toBe("مرحبا שלום 你好 ‍");
    expect(plainText().max(5).parse(" \u202Eab\u2066c\u2069 ")).toBe("abc");
    // Removed before the length rules: a name of controls only is empty.
    expect(plainText().min(2, "nameShort").safeParse("\u202E\u202E\u202Ea").error?.issues[0]?.message).toBe("nameShort");
  });

  // "Lê Văn An" with an override that would show it reversed, and an isolate around a word.
  const hostile = " \u202ELê Văn\u2066 An\u2069\u200F ";
  const fields = [
    ["registration (account)", RegisterResidentSchema.shape.name],
    ["household head", HouseholdInputSchema.shape.headName],
    ["household address", HouseholdInputSchema.shape.address],
    ["member", MemberInputSchema.shape.fullName],
    ["class sign-up", RegistrationInputSchema.shape.fullName],
    ["walk-in", WalkInSchema.shape.fullName],
    ["class title", EventSchema.shape.title],
    ["class description", EventSchema.shape.description],
    ["class place", EventSchema.shape.place],
    ["class organiser", EventSchema.shape.organiser],
    ["topic (vi)", TopicSchema.shape.nameVi],
    ["topic (en)", TopicSchema.shape.nameEn],
    ["skill (vi)", MemberSkillSchema.shape.nameVi],
    ["skill (en)", MemberSkillSchema.shape.nameEn],
    ["campaign", CampaignInputSchema.shape.name],
    ["campaign description", CampaignInputSchema.shape.description],
    ["visit notes", VisitInputSchema.shape.notes],
    ["erasure reason", ErasureRequestSchema.shape.reason],
    ["erasure refusal", ErasureRejectSchema.shape.reason],
  ] as const;

  it.each(fields)("are dropped from the %s field, the same way everywhere", (_, schema) => {
    expect(schema.parse(hostile)).toBe("Lê Văn An");
  });
});
