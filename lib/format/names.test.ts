import { describe, expect, it } from "vitest";
import { withoutToneMarks } from "@/lib/format/names";

describe("Vietnamese text without tone marks", () => {
  it("drops every mark and maps đ, keeping case", () => {
    expect(withoutToneMarks("Nguyễn Văn Đức")).toBe("Nguyen Van Duc");
    expect(withoutToneMarks("Thôn Đông, đường Lê Lợi")).toBe("Thon Dong, duong Le Loi");
    expect(withoutToneMarks("plain text 123")).toBe("plain text 123");
  });
});
