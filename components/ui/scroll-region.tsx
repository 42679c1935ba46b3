"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A region wider than the screen that scrolls sideways on its own, so the page itself never does.
 * The keyboard can reach it (axe: scrollable-region-focusable) and a screen reader names it by
 * `label`. While its content is wider than it, a line above says so, and an edge shadow marks the
 * side that has more (the shadows are CSS alone: they work before and without JavaScript).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const t = useTranslations("table");
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div>
      {overflows ? (
        <p aria-hidden="true" className="mb-1 text-xs text-slate-600 print:hidden">
          {t("scrollHint")} <span className="text-sm">→</span>
        </p>
      ) : null}
      {/* relative: an absolutely placed child (a visually hidden header) is clipped here too,
          instead of widening the page. */}
      <div ref={ref} className="scroll-shadows relative overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
    </div>
  );
}
