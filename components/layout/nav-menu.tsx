"use client";

// The phone's menu: a <details> (opens and closes without JavaScript), closed again when the page
// changes, since the root layout (and so this element) stays mounted across navigations.
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

export function NavMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details
      ref={ref}
      className="group"
      onKeyDown={(e) => {
        if (e.key === "Escape" && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm font-medium text-slate-800 hover:bg-slate-100 group-open:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="text-lg leading-none">
          ☰
        </span>
        {label}
      </summary>
      <div className="absolute inset-x-0 top-full z-20 border-b border-slate-200 bg-white shadow-lg">{children}</div>
    </details>
  );
}
