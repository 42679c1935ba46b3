// How a figure reads: its value, its change against the previous period and its detail line, in
// the page's language. Shared by the official's home and the monthly report so both say the same.
import type { getFormatter, getTranslations } from "next-intl/server";
import type { Figure } from "@/lib/indicators/queries";
import { INDICATORS } from "@/lib/indicators/registry";

type Format = Awaited<ReturnType<typeof getFormatter>>;
type T = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

export function figureText(format: Format, t: T) {
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const isRate = (f: Figure) => INDICATORS[f.key].kind === "rate";

  const value = (f: Figure, side: "current" | "previous" = "current") => {
    const m = f[side];
    if (m.value === null) return t("noData");
    return isRate(f) ? pct(m.value) : format.number(m.value);
  };

  const change = (f: Figure) => {
    // No change when either side has no data: say which (a rate with no denominator this period).
    if (f.change === null) return f.current.value === null ? t("changeNoCurrent") : t("changeNone");
    if (Math.abs(f.change) < 1e-9) return t("noChange");
    const size = isRate(f)
      ? t("points", { points: format.number(Math.abs(f.change) * 100, { maximumFractionDigits: 1 }) })
      : format.number(Math.abs(f.change));
    return f.change > 0 ? t("changeUp", { change: size }) : t("changeDown", { change: size });
  };

  /** A signed change for tables: "+3", "−2,5 điểm %", "—". */
  const signedChange = (f: Figure) => {
    if (f.change === null) return "—";
    const sign = f.change > 0 ? "+" : f.change < 0 ? "−" : "±";
    const size = isRate(f)
      ? t("points", { points: format.number(Math.abs(f.change) * 100, { maximumFractionDigits: 1 }) })
      : format.number(Math.abs(f.change));
    return `${sign}${size}`;
  };

  const detail = (f: Figure) => {
    if (f.target !== null) {
      const toward = format.number(f.towardTarget ?? 0);
      return f.target > 0 ? t("ofTarget", { toward, target: format.number(f.target) }) : t("noTarget", { toward });
    }
    if (isRate(f) && f.current.denominator !== null && f.current.denominator > 0) {
      return t("ofDenominator", {
        numerator: format.number(f.current.numerator),
        denominator: format.number(f.current.denominator),
      });
    }
    return null;
  };

  return { value, change, signedChange, detail, pct };
}
