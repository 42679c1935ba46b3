import { describe, expect, it } from "vitest";
import { smsParts, smsText } from "@/lib/outbox/sms-text";
import { sms as scheduleSms } from "@/lib/training/sms";

const gsm = (n: number, ch = "a") => ch.repeat(n);

describe("SMS parts", () => {
  it("GSM-7: 160 characters in one part, then 153 a part", () => {
    expect(smsParts("")).toEqual({ encoding: "gsm7", length: 0, parts: 1 });
    expect(smsParts(gsm(160))).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(smsParts(gsm(161))).toEqual({ encoding: "gsm7", length: 161, parts: 2 });
    expect(smsParts(gsm(306)).parts).toBe(2);
    expect(smsParts(gsm(307)).parts).toBe(3);
    // The extension table's characters count twice.
    expect(smsParts(gsm(80, "€"))).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(smsParts(gsm(79, "€") + "ab")).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(smsParts(gsm(80, "[") + "a").parts).toBe(2);
  });

  it("UCS-2 as soon as one character is outside GSM-7: 70 in one part, then 67 a part", () => {
    expect(smsParts(gsm(69) + "ố")).toEqual({ encoding: "ucs2", length: 70, parts: 1 });
    expect(smsParts(gsm(70) + "ố")).toEqual({ encoding: "ucs2", length: 71, parts: 2 });
    expect(smsParts(gsm(133) + "ố").parts).toBe(2);
    expect(smsParts(gsm(134) + "ố").parts).toBe(3);
    // A 147-character text with one accented name: 3 parts in UCS-2, 1 in GSM-7 once unmarked.
    const mixed = `Ban da dang ky lop "Bình dân học vụ số" ${gsm(147 - 40 - 1)}.`;
    expect(mixed.length).toBe(147);
    expect(smsParts(mixed)).toEqual({ encoding: "ucs2", length: 147, parts: 3 });
    expect(smsParts(smsText(mixed))).toEqual({ encoding: "gsm7", length: 147, parts: 1 });
  });
});

describe("the text an SMS is sent with", () => {
  it("has no tone marks (đ → d) and plain punctuation, and so is GSM-7", () => {
    expect(smsText("Đăng ký lớp “Bình dân học vụ số” – Thôn Ưu Ơn… ")).toBe('Dang ky lop "Binh dan hoc vu so" - Thon Uu On... ');
    expect(smsParts(smsText("Ỷ Ỹ ự ợ ắ ẫ ầ đ Đ ê ô ơ ư ă â")).encoding).toBe("gsm7");
    // An emoji stays: the message goes in UCS-2, and the count says so.
    expect(smsParts(smsText("Hẹn gặp 🙂")).encoding).toBe("ucs2");
  });

  it("sends a class's cancellation in one part", () => {
    const body = smsText(
      scheduleSms("cancelled", { title: "Bình dân học vụ số: An toàn thông tin trên mạng xã hội", when: "08:00 09/05/2026" }),
    );
    expect(body).not.toMatch(/[^\x20-\x7e]/);
    expect(smsParts(body).parts).toBe(1);
  });
});
