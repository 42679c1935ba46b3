// The one list of the program's indicators. Every dashboard figure, its definition beside it, and
// the page that opens onto the records behind it come from here; the numbers themselves are
// computed in SQL by lib/indicators/queries.ts under the same keys. Texts are message keys in the
// `indicators` namespace (messages/<locale>/dashboard.json): `<key>.label`, `<key>.definition`,
// `<key>.numerator`, `<key>.denominator`.
import { periodSearch } from "@/lib/indicators/period";

/** The days a figure covers (for `week`, the week; for `asOfEnd`, the period it ends). */
export type Window = { from: Date; to: Date };

export const INDICATOR_KEYS = [
  "households_reached",
  "people_reached",
  "families_enrolled",
  "families_certified",
  "skill_adoption",
  "households_unvisited",
  "visits",
  "visits_week",
  "classes_held",
  "registrations",
  "attendance_rate",
  "people_trained",
  "business_adoption",
  "online_rate",
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** A count (value = numerator) or a rate (numerator / denominator, "no data" when the denominator is 0). */
export type IndicatorKind = "count" | "rate";

/**
 * - `asOfEnd`: the state on the period's last day (cumulative), compared with the previous period's last day;
 * - `inPeriod`: what happened between the first and last day;
 * - `week`: from the Monday of the week holding the period's last day (or today, if earlier) to that day, against
 *   the same weekdays of the week before;
 * - `months`: the calendar months overlapping the period that have figures entered.
 */
export type IndicatorPeriod = "asOfEnd" | "inPeriod" | "week" | "months";

/** `portal`: computed by the portal from its own records; `entered`: typed in from an official system. */
export type IndicatorSource = "portal" | "entered";

export type IndicatorDef = {
  key: IndicatorKey;
  kind: IndicatorKind;
  period: IndicatorPeriod;
  source: IndicatorSource;
  /** What the figure is held against, when it has a target. */
  target: "branchTargets" | null;
  /** Computed per skill (one figure per active skill of the commune). */
  perSkill: boolean;
  /** The page listing the records behind the figure over its window, or null when none lists them. */
  drill: (window: Window) => string | null;
};

const villages = (w: Window) => `/official/villages?${periodSearch(w)}`;
const branches = (w: Window) => `/official/branches?${periodSearch(w)}`;
const training = () => "/training";

export const INDICATORS: Record<IndicatorKey, IndicatorDef> = {
  households_reached: def("households_reached", "rate", "asOfEnd", villages),
  people_reached: def("people_reached", "rate", "asOfEnd", villages),
  families_enrolled: { ...def("families_enrolled", "count", "asOfEnd", branches), target: "branchTargets" },
  families_certified: { ...def("families_certified", "count", "asOfEnd", branches), target: "branchTargets" },
  skill_adoption: { ...def("skill_adoption", "rate", "asOfEnd", villages), perSkill: true },
  households_unvisited: def("households_unvisited", "count", "asOfEnd", () => "/official/unvisited"),
  visits: def("visits", "count", "inPeriod", villages),
  visits_week: def("visits_week", "count", "week", villages),
  classes_held: def("classes_held", "count", "inPeriod", training),
  registrations: def("registrations", "count", "inPeriod", training),
  attendance_rate: def("attendance_rate", "rate", "inPeriod", training),
  people_trained: def("people_trained", "count", "inPeriod", training),
  business_adoption: { ...def("business_adoption", "rate", "asOfEnd", () => null), perSkill: true },
  online_rate: { ...def("online_rate", "rate", "months", () => "/official/figures"), source: "entered" },
};

function def(key: IndicatorKey, kind: IndicatorKind, period: IndicatorPeriod, drill: IndicatorDef["drill"]): IndicatorDef {
  return { key, kind, period, source: "portal", target: null, perSkill: false, drill };
}

/** The message keys (namespace `indicators`) of an indicator's texts. */
export function indicatorText(key: IndicatorKey) {
  return {
    label: `${key}.label`,
    definition: `${key}.definition`,
    numerator: `${key}.numerator`,
    denominator: `${key}.denominator`,
  } as const;
}
