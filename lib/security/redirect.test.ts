import { describe, expect, it } from "vitest";
import { backWithNotice, sameOriginPath } from "@/lib/security/redirect";

describe("a way back the client posted", () => {
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
      expect(sameOriginPath(back, "/home"), String(back)).toBe("/home");
    }
  });
});

describe("an action's way back with a notice", () => {
  it("keeps a path inside the area, replacing an older notice", () => {
    expect(backWithNotice("/branch?village=3&notice=old#x", "/branch", { notice: "adopted", name: "An" })).toBe(
      "/branch?village=3&notice=adopted&name=An",
    );
  });

  it("falls back to the area for another area or another site", () => {
    for (const back of [
      "/admin",
      "/branch/../admin",
      "//evil.example/branch",
      "/\\evil.example",
      "https://evil.example/branch",
      null,
    ]) {
      expect(backWithNotice(back, "/branch", { notice: "released" }), String(back)).toBe("/branch?notice=released");
    }
  });
});
