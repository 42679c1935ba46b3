import { expect, test, type Page } from "./test";
import { expectHeading, signInAs } from "./fixtures";
import { insertHousehold, uniqueTag, withDb } from "./training-db";

// A branch's adoptions, target and assignments change: each test signs in as a leader of its own,
// with a branch of its own (the `freshUser` fixture), so the demo branches stay as they were.

/** A household of the demo commune, adopted by the branch: one adult, a digital family. */
async function adoptedHousehold(branchId: number): Promise<string> {
  const head = `Ông Được Nhận ${uniqueTag()}`;
  await withDb(async (c) => {
    const commune = (await c.query(`SELECT commune_id FROM youth_branch WHERE id = $1`, [branchId])).rows[0].commune_id as number;
    await insertHousehold(c, {
      communeId: commune,
      address: "Số 5 thử",
      members: [{ name: head, birthYear: 1968, gender: "male" }],
      family: { branchId },
    });
  });
  return head;
}

async function adoptedCount(page: Page): Promise<number> {
  const text = await page.getByText(/^Đã nhận \d+ \/ chỉ tiêu \d+ gia đình số$/).textContent();
  return Number(/Đã nhận (\d+)/.exec(text ?? "")?.[1]);
}

test("a branch leader sets the target, adopts five households and sees the target met", async ({ page, freshUser }) => {
  await signInAs(page, await freshUser("branch_leader"));
  const adopted = await adoptedCount(page);
  const target = page.getByLabel(/^Chỉ tiêu của Chi đoàn/);

  // Below the program's floor: refused beside the field, nothing saved.
  await target.fill("3");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.getByText("Chỉ tiêu tối thiểu là 5 gia đình số.")).toBeVisible();
  await expect(target).toHaveAttribute("aria-invalid", "true");

  await target.fill(String(adopted + 5));
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu chỉ tiêu." })).toBeVisible();
  await expect(page.getByText("Còn 5 gia đình nữa để đạt chỉ tiêu")).toBeVisible();

  await page.getByRole("link", { name: "Nhận thêm hộ" }).click();
  await expectHeading(page, "Nhận đỡ đầu gia đình số");
  await page.getByLabel("Tình trạng gia đình số").selectOption({ label: "Chưa tham gia" });
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/family=none/);

  const names: string[] = [];
  for (let i = 0; i < 5; i++) {
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("button", { name: "Nhận hộ này" }) })
      .first();
    const name = (await row.locator("td").first().locator("span").first().textContent())?.trim() ?? "";
    await row.getByRole("button", { name: "Nhận hộ này" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Chi đoàn đã nhận hộ ${name}.` })).toBeVisible();
    names.push(name);
  }

  await page.getByRole("link", { name: "← Về trang chi đoàn" }).click();
  await expect(page.getByText("Đã đạt chỉ tiêu")).toBeVisible();
  await expect(page.getByText(`Đã nhận ${adopted + 5} / chỉ tiêu ${adopted + 5} gia đình số`)).toBeVisible();
  // Newest first, each with its status computed from its members' skills.
  const families = page.getByRole("table", { name: "Gia đình số chi đoàn đã nhận" });
  for (const name of names) await expect(families).toContainText(name);
});

test("a branch leader assigns, moves and ends an assignment of an adopted household", async ({ page, freshUser }) => {
  const leader = await freshUser("branch_leader");
  const branchId = leader.branch!.id;
  const [first, second] = [(await freshUser("volunteer", { branchId })).name, (await freshUser("volunteer", { branchId })).name];
  const name = await adoptedHousehold(branchId);
  await signInAs(page, leader);
  await page.goto("/branch/assign");
  await expectHeading(page, "Giao hộ cho đoàn viên");
  const adoptedTable = page.getByRole("table", { name: "Hộ chi đoàn đã nhận" });
  const row = adoptedTable.getByRole("row").filter({ hasText: name }).first();
  const picker = row.getByLabel(`Đoàn viên cho hộ ${name}`);
  await expect(picker.locator("option:not([disabled])", { hasText: first })).toHaveCount(1);
  await expect(picker.locator("option:not([disabled])", { hasText: second })).toHaveCount(1);

  await picker.selectOption({ label: first });
  await row.getByRole("button", { name: "Giao", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã giao hộ." })).toBeVisible();
  const holders = () => adoptedTable.getByRole("row").filter({ hasText: name }).first().locator("td").nth(1);
  await expect(holders()).toContainText(first);

  // The same volunteer again: refused with a message, nothing added.
  const again = adoptedTable.getByRole("row").filter({ hasText: name }).first();
  await again.getByLabel(`Đoàn viên cho hộ ${name}`).selectOption({ label: first });
  await again.getByRole("button", { name: "Giao", exact: true }).click();
  await expect(again.getByRole("alert")).toHaveText("Đoàn viên này đang được giao hộ này rồi.");

  // Move it to another volunteer, from the list of current assignments filtered by volunteer.
  await page.getByLabel("Đoàn viên", { exact: true }).selectOption({ label: first });
  await page.getByRole("button", { name: "Lọc" }).click();
  const current = page
    .getByRole("table", { name: /^Đang giao/ })
    .getByRole("row")
    .filter({ hasText: name })
    .first();
  await current.getByLabel(`Đoàn viên cho hộ ${name}`).selectOption({ label: second });
  await current.getByRole("button", { name: "Chuyển", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã chuyển hộ sang đoàn viên khác." })).toBeVisible();
  await expect(holders()).toContainText(second);
  await expect(holders()).not.toContainText(first);

  // End it, after confirming.
  await page.getByLabel("Đoàn viên", { exact: true }).selectOption({ label: second });
  await page.getByRole("button", { name: "Lọc" }).click();
  const moved = page
    .getByRole("table", { name: /^Đang giao/ })
    .getByRole("row")
    .filter({ hasText: name })
    .first();
  await moved.getByRole("button", { name: "Thôi giao" }).click();
  await moved.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã thôi giao hộ." })).toBeVisible();
  await expect(holders()).not.toContainText(second);
});

test("the admin sees the criteria; a duplicate criterion or a bad skill key is refused and nothing saved", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/criteria");
  await expectHeading(page, "Tiêu chí gia đình số");
  const digital = page.getByRole("table", { name: "Tiêu chí gia đình số", exact: true });
  await expect(digital).toContainText("Định danh điện tử VNeID mức 2");
  const rows = await digital.getByRole("row").count();

  await page.locator("#new-skill").selectOption({ label: "Định danh điện tử VNeID mức 2" });
  await page.locator("#new-level").selectOption({ label: "Gia đình số" });
  await page.getByRole("button", { name: "Thêm tiêu chí" }).click();
  await expect(page.getByText("Kỹ năng này đã là tiêu chí ở mức này (mỗi kỹ năng chỉ một lần mỗi mức).")).toBeVisible();
  await expect(digital.getByRole("row")).toHaveCount(rows);

  await page.getByLabel("Mã", { exact: true }).fill("Bad key!");
  await page.getByLabel("Tên tiếng Việt").fill("Dùng Zalo");
  await page.getByLabel("Tên tiếng Anh").fill("Uses Zalo");
  await page.getByRole("button", { name: "Thêm kỹ năng" }).click();
  await expect(page.getByText(/^Mã chỉ gồm chữ thường không dấu/)).toBeVisible();
  await expect(page.getByLabel("Tên tiếng Việt")).toHaveValue("Dùng Zalo");
  await expect(page.getByRole("table", { name: "Kỹ năng số của nhân khẩu" })).not.toContainText("Dùng Zalo");
});

test("a volunteer is refused the branch pages", async ({ page }) => {
  await signInAs(page, "volunteer");
  for (const path of ["/branch", "/branch/adopt", "/branch/assign", "/admin/criteria"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
});
