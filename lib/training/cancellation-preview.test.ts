import { describe, expect, it } from "vitest";
import { cancellationPreview } from "@/lib/training/mutations";
import { smsParts } from "@/lib/outbox/sms-text";

describe("a class cancellation's preview", () => {
  it("shows the text as sent, its parts, and the parts for everyone told", () => {
    const registrations = [
      ...Array.from({ length: 70 }, () => ({ status: "confirmed" })),
      ...Array.from({ length: 10 }, () => ({ status: "waitlist" })),
      ...Array.from({ length: 5 }, () => ({ status: "cancelled" })),
    ];
    const title = "Lớp Bình dân học vụ số: dùng VNeID mức 2 và Smart Hải Phòng cho người cao tuổi thôn Đông";
    const p = cancellationPreview({ title, startsAt: new Date("2026-12-12T01:00:00Z"), registrations });
    // As sent: no tone marks (GSM-7), the time in Vietnam.
    expect(p.text).toContain("Lop Binh dan hoc vu so");
    expect(p.text).toContain("08:00 12/12/2026");
    expect(p.text).not.toMatch(/[ớìụ]/);
    expect(p.encoding).toBe("gsm7");
    expect(p.parts).toBe(smsParts(p.text).parts);
    expect(p.parts).toBe(2); // over 160 characters
    expect(p.recipients).toBe(80); // the cancelled ones are not told again
    expect(p.totalParts).toBe(160);
  });
});
