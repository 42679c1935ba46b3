import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { dayOf } from "@/lib/indicators/period";
import { figureText } from "@/lib/indicators/figure-text";
import type { Figure, Measure } from "@/lib/indicators/queries";
import { loadMessages } from "@/lib/i18n/messages";
import { TIME_ZONE } from "@/lib/i18n/config";

// How a figure reads beside it: the change line names the side that has no data, and a figure
// held against the branches' targets says how much of it counts toward them.
async function words(locale: "vi" | "en") {
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages, namespace: "dashboard" });
  const format = createFormatter({ locale, timeZone: TIME_ZONE });
  return figureText(format as unknown as Parameters<typeof figureText>[0], t as unknown as Parameters<typeof figureText>[1]);
}

const w = { from: dayOf("2026-05-01"), to: dayOf("2026-05-31") };
const rate = (n: number, d: number): Measure => ({ value: d > 0 ? n / d : null, numerator: n, denominator: d });
const fig = (over: Partial<Figure>): Figure => ({
  key: "attendance_rate",
  current: rate(1, 2),
  previous: rate(1, 2),
  change: 0,
  target: null,
  towardTarget: null,
  window: w,
  previousWindow: w,
  ...over,
});

describe("a figure's words", () => {
  it("says which period has no data", async () => {
    const vi = await words("vi");
    expect(vi.change(fig({ current: rate(0, 0), previous: rate(3, 4), change: null }))).toBe("kỳ này chưa có dữ liệu");
    expect(vi.change(fig({ current: rate(3, 4), previous: rate(0, 0), change: null }))).toBe("kỳ trước chưa có dữ liệu");
    const en = await words("en");
    expect(en.change(fig({ current: rate(0, 0), previous: rate(3, 4), change: null }))).toBe("no data for this period");
  });

  it("holds only the families a branch adopted against the targets", async () => {
    const families = fig({
      key: "families_enrolled",
      current: { value: 30, numerator: 30, denominator: null },
      target: 25,
      towardTarget: 11,
    });
    expect((await words("vi")).detail(families)).toBe("11 do chi đoàn nhận đỡ đầu / chỉ tiêu 25");
    expect((await words("en")).detail({ ...families, target: 0 })).toBe("11 adopted by branches; no target set");
  });
});
