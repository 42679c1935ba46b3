import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { TIME_ZONE } from "@/lib/i18n/config";

const vi = createFormatter({ locale: "vi", timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });

describe("the portal's date formats", () => {
  it("shows a calendar day as dd/MM/yyyy, on its own day whatever the time zone", () => {
    const day = new Date("2026-05-31T00:00:00.000Z"); // a @db.Date
    expect(vi.dateTime(day, "day")).toBe("31/05/2026");
    expect(vi.dateTime(day, "month")).toBe("tháng 05, 2026");
  });

  it("shows an instant in Vietnam's time", () => {
    const at = new Date("2026-05-31T18:30:00.000Z"); // 01:30 on 1 June in Vietnam
    expect(vi.dateTime(at, "short")).toBe("01/06/2026");
    expect(vi.dateTime(at, "long")).toBe("01:30 Thứ Hai, 01/06/2026");
    expect(vi.dateTime(at, "hourMinute")).toBe("01:30");
    // Every stamp with a four-digit year (issue 16: "14:00 8/12/26" on /training).
    expect(vi.dateTime(at, "stamp")).toBe("01:30 01/06/2026");
    expect(vi.dateTime(at, "stampSeconds")).toBe("01:30:00 01/06/2026");
  });
});
