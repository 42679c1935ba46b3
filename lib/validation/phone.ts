import { z } from "zod";

/** Normalises a Vietnamese mobile number: spaces, dots and dashes dropped, +84/84 becomes 0. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) return "0" + digits.slice(3);
  if (/^84\d{9}$/.test(digits)) return "0" + digits.slice(2);
  return digits;
}

export const VN_MOBILE = /^0(3|5|7|8|9)\d{8}$/;

/** A Vietnamese mobile number; the message is a key in the `validation` messages. */
export const PhoneSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .transform(normalizePhone)
  .refine((p) => VN_MOBILE.test(p), "phoneInvalid");
