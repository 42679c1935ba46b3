import { z } from "zod";
import { NewPasswordSchema, passwordProblem } from "@/lib/auth/password";
import { PhoneSchema } from "@/lib/validation/phone";
import { plainText } from "@/lib/validation/text";

export const LoginSchema = z.object({
  login: z.string({ error: "required" }).trim().min(1, "required").max(100, "required"),
  password: z.string({ error: "required" }).min(1, "required").max(200, "required"),
  // The unlock code sent to the account's proven number while sign-in must wait (optional).
  code: z
    .string()
    .optional()
    .transform((v) => v?.replace(/\s/g, "") || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d{6}$/, "phoneCodeInvalid")
        .optional(),
    ),
});
export type LoginField = keyof z.infer<typeof LoginSchema>;

export const RegisterResidentSchema = z
  .object({
    name: plainText({ error: "required" }).min(2, "nameShort").max(100, "nameLong"),
    phone: PhoneSchema,
    // The policy's messages are keys in `passwordPolicy` (lib/auth/password.ts).
    password: NewPasswordSchema,
    confirm: z.string({ error: "required" }),
    communeId: z.coerce.number({ error: "communeInvalid" }).int("communeInvalid").positive("communeInvalid"),
    consent: z.literal("yes", { error: "consentRequired" }),
  })
  .refine((v) => passwordProblem(v.password, [v.phone]) === null, { path: ["password"], message: "passwordLikeLogin" })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "passwordMismatch",
    // Say so even while other fields have errors, so every message shows at once.
    when: (payload) => {
      const v = payload.value as { password?: unknown; confirm?: unknown };
      return typeof v.password === "string" && typeof v.confirm === "string";
    },
  });
export type RegisterResidentInput = z.infer<typeof RegisterResidentSchema>;
export type RegisterField = keyof RegisterResidentInput;
