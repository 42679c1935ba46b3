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

/**
 * A form that sets a password for a phone number (registering, activating an imported account):
 * the policy of lib/auth/password.ts (its messages are keys in `passwordPolicy`), not like the
 * number, and typed twice.
 */
export function withNewPassword<S extends z.ZodRawShape>(shape: S) {
  type Typed = { phone: string; password: string; confirm: string };
  return z
    .object({ ...shape, password: NewPasswordSchema, confirm: z.string({ error: "required" }) })
    .refine((v) => passwordProblem((v as unknown as Typed).password, [(v as unknown as Typed).phone]) === null, {
      path: ["password"],
      message: "passwordLikeLogin",
    })
    .refine((v) => (v as unknown as Typed).password === (v as unknown as Typed).confirm, {
      path: ["confirm"],
      message: "passwordMismatch",
      // Say so even while other fields have errors, so every message shows at once.
      when: (payload) => {
        const v = payload.value as { password?: unknown; confirm?: unknown };
        return typeof v.password === "string" && typeof v.confirm === "string";
      },
    });
}

export const RegisterResidentSchema = withNewPassword({
  name: plainText({ error: "required" }).min(2, "nameShort").max(100, "nameLong"),
  phone: PhoneSchema,
  communeId: z.coerce.number({ error: "communeInvalid" }).int("communeInvalid").positive("communeInvalid"),
  consent: z.literal("yes", { error: "consentRequired" }),
});
export type RegisterResidentInput = z.infer<typeof RegisterResidentSchema>;
export type RegisterField = Extract<keyof RegisterResidentInput, string>;
