import type { ReactNode } from "react";
import { PrintButton } from "@/components/print/print-button";
import { PrintTable } from "@/components/print/print-table";
import type { MonthlyReport, ReportTable } from "@/lib/report/monthly";

// A4 with Decree 30/2020/NĐ-CP's margins (top and bottom 20 mm, left 30 mm, right 15 mm) and its
// type (Times New Roman, 14 pt body, 13 pt for the heading's bodies); on paper no site header,
// banner, navigation or on-screen controls. The same layout as the .docx (lib/report/docx.ts).
const PRINT_CSS = `@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@media print {
  body > header, body > p, nav { display: none !important; }
  body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .admin-doc { font-size: 14pt; }
}
.admin-doc { font-family: "Times New Roman", Times, "Liberation Serif", serif; }`;

function DataTable({ table }: { table: ReportTable }) {
  return (
    <PrintTable
      caption={table.caption}
      columns={table.columns.map((c) => ({ label: c.label, className: c.numeric ? "text-right" : undefined }))}
    >
      {table.rows.map((r) => (
        <tr key={r.key} className="border-b border-slate-300" data-row={r.key}>
          {r.cells.map((cell, i) =>
            i === 0 ? (
              <th key={i} scope="row" className="px-2 py-1 font-normal">
                {cell}
                {r.note ? <span className="block text-xs italic text-slate-600">{r.note}</span> : null}
              </th>
            ) : (
              <td key={i} className={table.columns[i]?.numeric ? "px-2 py-1 text-right tabular-nums" : "px-2 py-1"}>
                {cell}
              </td>
            ),
          )}
        </tr>
      ))}
    </PrintTable>
  );
}

/**
 * The monthly report laid out as an administrative document: issuing body and national title,
 * number, place and date, kind and title, addressee, body, recipients and signature.
 */
export function AdminDocument({
  report,
  printLabel,
  signingSpace,
  controls,
  notice,
  annex,
}: {
  report: MonthlyReport;
  printLabel: string;
  /** The hint in the signing space, on screen only. */
  signingSpace: string;
  controls: ReactNode;
  notice: ReactNode;
  /** After the signature, from a new sheet (charts). */
  annex: ReactNode;
}) {
  const h = report.heading;
  const c = report.closing;
  return (
    <article className="admin-doc text-slate-900 leading-snug">
      <style>{PRINT_CSS}</style>
      <div className="mb-6 flex flex-wrap items-end gap-3 font-sans print:hidden">
        {controls}
        <PrintButton label={printLabel} />
      </div>
      {notice ? <div className="font-sans print:hidden">{notice}</div> : null}
      {/* 42/58: the national title (13 pt bold, about 95 mm) keeps to one line on A4's 165 mm. */}
      <header className="grid grid-cols-[42%_58%] text-center" data-testid="doc-heading">
        <div className="text-[13pt]">
          {h.superior ? <p className="uppercase">{h.superior}</p> : null}
          <p className="font-bold uppercase">{h.issuer}</p>
          <p aria-hidden="true" className="mx-auto mt-0.5 w-1/3 border-t border-slate-900" />
          <p className="mt-2 whitespace-pre-wrap print:whitespace-pre">{h.number}</p>
        </div>
        <div>
          <p className="text-[13pt] font-bold">{h.nation}</p>
          <p className="font-bold">
            <span className="border-b border-slate-900 pb-0.5">{h.motto}</span>
          </p>
          <p className="mt-4 whitespace-pre-wrap italic print:whitespace-pre">{h.placeDate}</p>
        </div>
      </header>
      <h1 className="mt-8 text-center font-bold">
        <span className="block">{report.kind}</span>
        <span className="block">{report.title}</span>
      </h1>
      <p className="my-4 text-center">{report.addressee}</p>
      <p className="mb-4 indent-[10mm] text-justify">{report.intro}</p>
      {report.sections.map((s) => (
        <section key={s.id} aria-labelledby={`r-${s.id}`} className="mb-5 print:break-inside-avoid">
          <h2 id={`r-${s.id}`} className="mb-2 font-bold">
            {s.heading}
          </h2>
          <DataTable table={s.table} />
        </section>
      ))}
      <section aria-labelledby="r-defs" className="mb-6 text-[13pt]">
        <h2 id="r-defs" className="mb-2 font-bold">
          {report.definitions.heading}
        </h2>
        <dl>
          {report.definitions.items.map((d) => (
            <div key={d.key} className="mb-1 text-justify">
              <dt className="inline font-bold">{d.label}: </dt>
              <dd className="inline">{d.text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <footer className="mt-8 grid grid-cols-2 print:break-inside-avoid" data-testid="doc-closing">
        <div>
          <p className="text-[12pt] font-bold italic">{c.recipientsLabel}</p>
          <ul className="text-[11pt]">
            {c.recipients.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
        <div className="text-center">
          <p className="font-bold">{c.authority}</p>
          <p className="font-bold">{c.position}</p>
          <p className="flex h-[30mm] items-center justify-center text-xs italic text-slate-500 print:invisible">
            {signingSpace}
          </p>
          <p className="font-bold">{c.signerName}</p>
        </div>
      </footer>
      {annex ? <div className="mt-10 font-sans print:break-before-page">{annex}</div> : null}
    </article>
  );
}
