import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";
import { signInAs } from "./fixtures";
import { makeClass, makeMemberRegistration, uniqueTag, withDb } from "./training-db";

// Automated accessibility checks on the class pages and the outbox.
test("class pages and the outbox have no serious accessibility violations", async ({ page }) => {
  const tag = uniqueTag();
  const { eventId } = await withDb(async (c) => {
    const cls = await makeClass(c, `Lớp kiểm tra ${tag}`);
    await makeMemberRegistration(c, cls.communeId, cls.eventId, `Người kiểm tra ${tag}`);
    return cls;
  });
  await signInAs(page, "admin");
  for (const path of [
    "/training",
    "/training?when=past",
    "/training/new",
    "/training/topics",
    `/training/${eventId}`,
    `/training/${eventId}/check-in`,
    `/training/${eventId}/edit`,
    "/admin/outbox",
  ]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
