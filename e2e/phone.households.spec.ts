import { expect, test } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { withoutToneMarks } from "@/lib/format/names";

test("on a 360-pixel phone, a volunteer finds a household by typing its head's name without diacritics", async ({ page }) => {
  await signInAs(page, "volunteer");
  await page.goto("/households?village=&sort=head");
  await expectHeading(page, "Hộ gia đình");
  // A real head's name from the registry, typed the way people type on a phone: no tone marks.
  const name = (await page.getByRole("main").getByRole("listitem").getByRole("link").nth(3).textContent())!.trim();
  const plain = withoutToneMarks(name).toLowerCase();
  expect(plain).not.toBe(name);

  await page.goto("/households");
  await page.getByLabel("Tìm hộ").fill(plain);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/q=/);
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first.getByRole("link")).toHaveText(name);
  // Nothing overflows sideways on a narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await first.getByRole("link").click();
  await expectHeading(page, name);
});
