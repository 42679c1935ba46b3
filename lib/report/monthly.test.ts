import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { dayOf } from "@/lib/indicators/period";
import { monthlyReportDocx } from "@/lib/report/docx";
import { letterheadOf } from "@/lib/report/letterhead";
import { getMonthlyReport } from "@/lib/report/monthly";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { refused } from "@/lib/testing/refusals";

const TODAY = dayOf("2026-05-20");
const as = (role: Role, communeId: number | null): CurrentUser => ({
  id: 1,
  name: role,
  role,
  communeId,
  memberId: null,
  username: null,
  phone: null,
});

/** word/document.xml of a .docx, its runs' text joined (Word splits a line into runs). */
async function documentText(buf: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file("word/document.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  return { xml, text };
}

describe("the monthly report as an administrative document", () => {
  let t: TestDatabase;
  let tuKy: number;
  let other: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    // Tứ Kỳ as the demo sets it; another commune with nothing set, its letterhead derived from its name.
    tuKy = (
      await t.db.commune.create({
        data: {
          code: "tu-ky",
          name: "Xã Tứ Kỳ",
          province: "Thành phố Hải Phòng",
          docSuperior: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
          docSignerName: "Nguyễn Văn Chủ",
        },
      })
    ).id;
    other = (await t.db.commune.create({ data: { code: "an-lao", name: "Xã An Lão", province: "Thành phố Hải Phòng" } })).id;
    await ensureCommuneDefaults(t.db, tuKy);
    await ensureCommuneDefaults(t.db, other);
  });
  afterAll(() => t.drop());

  it("derives a letterhead from the commune's name and province", () => {
    const none = {
      docIssuer: null,
      docSuperior: null,
      docRecipient: null,
      docPlace: null,
      docSignerAuthority: null,
      docSignerPosition: null,
      docSignerName: null,
    };
    expect(letterheadOf({ name: "Xã Tứ Kỳ", province: "Thành phố Hải Phòng", ...none })).toEqual({
      superior: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
      issuer: "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
      recipient: "Ủy ban nhân dân thành phố Hải Phòng",
      place: "Tứ Kỳ",
      signerAuthority: "TM. ỦY BAN NHÂN DÂN",
      signerPosition: "CHỦ TỊCH",
      signerName: null,
    });
    expect(
      letterheadOf({ name: "Phường Lê Chân", province: "Thành phố Hải Phòng", ...none, docSignerPosition: "KT. CHỦ TỊCH" }),
    ).toMatchObject({
      issuer: "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN",
      place: "Lê Chân",
      signerPosition: "KT. CHỦ TỊCH",
    });
  });

  it("opens on the last complete month and carries every element of Decree 30's form", async () => {
    const r = await getMonthlyReport(as("official", tuKy), undefined, "vi", TODAY);
    expect(r.month).toBe("2026-04");
    expect(r.heading).toMatchObject({
      superior: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
      issuer: "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
      nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      motto: "Độc lập - Tự do - Hạnh phúc",
    });
    expect(r.heading.number).toMatch(/^Số:\s+\/BC-UBND$/);
    expect(r.heading.placeDate).toMatch(/^Tứ Kỳ, ngày\s+tháng\s+năm 2026$/);
    expect(r.title).toBe("Kết quả thực hiện Chương trình Công dân số tháng 04/2026");
    expect(r.addressee).toBe("Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.");
  });

  it("the .docx holds every element of item 1 in word/document.xml, A4 with the decree's margins", async () => {
    const r = await getMonthlyReport(as("official", tuKy), "2026-04", "vi", TODAY);
    const { xml, text } = await documentText(await monthlyReportDocx(r));
    for (const part of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
      "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
      "/BC-UBND",
      "Tứ Kỳ, ngày",
      "tháng",
      "năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện Chương trình Công dân số tháng 04/2026",
      "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.",
      "I. Các chỉ số chính",
      "Nơi nhận:",
      "- Như trên;",
      "- Lưu: VT.",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Nguyễn Văn Chủ",
    ]) {
      expect(text, part).toContain(part);
    }
    expect(text).toMatch(/Số:\s+\/BC-UBND/);
    // A4 (210 × 297 mm: 11907 × 16840 twips) with margins 20 / 20 / 30 / 15 mm, Times New Roman 14 pt.
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  it("another commune's report is headed with its own derived names", async () => {
    const r = await getMonthlyReport(as("official", other), "2026-04", "vi", TODAY);
    const { text } = await documentText(await monthlyReportDocx(r));
    expect(text).toContain("ỦY BAN NHÂN DÂN XÃ AN LÃO");
    expect(text).toContain("An Lão, ngày");
    expect(text).not.toContain("TỨ KỲ");
  });

  it("in English, the same form", async () => {
    const r = await getMonthlyReport(as("official", tuKy), "2026-04", "en", TODAY);
    expect(r.heading.nation).toBe("SOCIALIST REPUBLIC OF VIET NAM");
    expect(r.closing.recipientsLabel).toBe("Recipients:");
  });

  for (const role of ["volunteer", "resident", "branch_leader", "city"] as const) {
    it(`refuses the ${role} role`, async () => {
      expect(await refused(getMonthlyReport(as(role, role === "city" ? null : tuKy), undefined, "vi", TODAY))).toBe(true);
    });
  }
});
