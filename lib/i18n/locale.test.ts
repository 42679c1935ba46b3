import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/i18n/locale";

describe("the language switch's way back", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(sameOriginPath("/visits/new?household=12")).toBe("/visits/new?household=12");
    expect(sameOriginPath("/official/report#thang")).toBe("/official/report#thang");
    expect(sameOriginPath("/")).toBe("/");
  });

  it("sends anything that could leave the site home instead", () => {
    for (const back of [
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
      42,
    ]) {
      expect(sameOriginPath(back), String(back)).toBe("/");
    }
  });
});
