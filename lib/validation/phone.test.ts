import { describe, expect, it } from "vitest";
import { PhoneSchema, normalizePhone } from "@/lib/validation/phone";

describe("Vietnamese mobile numbers", () => {
  it("normalise spaces, dots and the +84 prefix", () => {
    expect(normalizePhone("0912 345 678")).toBe("0912345678");
    expect(normalizePhone("+84 912.345.678")).toBe("0912345678");
    expect(normalizePhone("84912345678")).toBe("0912345678");
  });
  it("accept mobile prefixes and refuse the rest with a message key", () => {
    expect(PhoneSchema.parse("0387654321")).toBe("0387654321");
    const bad = PhoneSchema.safeParse("0212345678");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("phoneInvalid");
    expect(PhoneSchema.safeParse("").error?.issues[0]?.message).toBe("required");
    expect(PhoneSchema.safeParse("091234567").success).toBe(false);
  });
});
