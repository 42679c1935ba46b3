import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password";
import { RegisterResidentSchema } from "@/lib/auth/schemas";

describe("the password policy", () => {
  it.each([
    ["short1", "passwordShort"],
    ["1234567890123", "passwordDigits"],
    ["Password123", "passwordCommon"],
    ["matkhau123", "passwordCommon"],
    ["aaaaaaaaaaaa", "passwordCommon"],
    ["abababababab", "passwordCommon"],
    ["x".repeat(201), "passwordLong"],
  ])("refuses %j (%s)", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it("refuses the person's own login or phone number inside the password", () => {
    expect(passwordProblem("nguyenvana-2026", ["nguyenvana"])).toBe("passwordLikeLogin");
    expect(passwordProblem("toi0987654321", ["0987654321"])).toBe("passwordLikeLogin");
    expect(passwordProblem("so987654321ok", ["0987654321"])).toBe("passwordLikeLogin");
    expect(passwordProblem("Bến-Đò-Tứ-Kỳ-2026", ["0987654321", "admin"])).toBeNull();
  });

  it("accepts a long passphrase, and the demo password is not one a person may choose", () => {
    expect(passwordProblem("ca phe sua da 3 ly")).toBeNull();
    expect(passwordProblem("congdanso")).toBe("passwordShort");
  });

  it("is the schema /register uses: the message key sits beside the password field", () => {
    const base = { name: "Đỗ Thị Lan", phone: "0987654321", communeId: "1", consent: "yes" };
    const fieldError = (password: string) => {
      const r = RegisterResidentSchema.safeParse({ ...base, password, confirm: password });
      return r.success ? null : r.error.issues.find((i) => i.path[0] === "password")?.message;
    };
    expect(fieldError("12345678901")).toBe("passwordDigits");
    expect(fieldError("qwertyuiop")).toBe("passwordCommon");
    expect(fieldError("lan0987654321")).toBe("passwordLikeLogin");
    expect(fieldError("ngắn")).toBe("passwordShort");
    expect(fieldError("Hoa sen trong đầm")).toBeNull();
  });
});
