import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/print/print-button";
import { cn } from "@/components/ui/cn";

// On A4 paper: no site header, demo banner, navigation or on-screen controls; full page width.
const PRINT_CSS = `@page { size: A4; margin: 12mm; }
@media print {
  body > header, body > p, nav { display: none !important; }
  body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; }
}`;

type Props = {
  /** The commune the page is about, named at the top as on an official paper. */
  commune: { name: string; province: string };
  /** The page's one h1. */
  title: string;
  /** The date or period the page covers, under the title. */
  period: ReactNode;
  /** The print button's label; null for no button (nothing to print yet). */
  printLabel: string | null;
  /** On-screen controls beside the print button (a picker, a way back); left off the paper. */
  controls?: ReactNode;
  /** Shown between the controls and the header, on screen only (e.g. a message about the input). */
  notice?: ReactNode;
  /** Keeps each section on one sheet where it fits (short tables, charts). */
  keepSectionsWhole?: boolean;
  children: ReactNode;
};

/** A page meant for paper: controls on screen, then the commune, title and period; A4 print styles. */
export async function PrintLayout({ commune, title, period, printLabel, controls, notice, keepSectionsWhole, children }: Props) {
  const t = await getTranslations("printLayout");
  return (
    <article className={cn("text-slate-900", keepSectionsWhole && "print:[&_section]:break-inside-avoid")}>
      <style>{PRINT_CSS}</style>
      <div className="mb-6 flex flex-wrap items-end gap-3 print:hidden">
        {controls}
        {printLabel ? <PrintButton label={printLabel} /> : null}
      </div>
      {notice ? <div className="print:hidden">{notice}</div> : null}
      <header className="mb-6 text-center">
        <p className="text-sm font-semibold uppercase">{t("commune", { commune: commune.name, province: commune.province })}</p>
        <h1 className="mt-2 text-2xl font-bold print:text-xl">{title}</h1>
        <p className="mt-2 text-sm text-slate-700">{period}</p>
      </header>
      {children}
    </article>
  );
}
