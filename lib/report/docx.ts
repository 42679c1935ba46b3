// The monthly report as a Word document (the `docx` package), from the same content as the page
// (lib/report/monthly.ts): the office numbers, edits and signs it. Layout per Decree 30/2020/NĐ-CP,
// Appendix I: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, 13–14 pt;
// the issuing body top left and the national title top right, both centred in their halves.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";
import type { MonthlyReport, ReportTable } from "@/lib/report/monthly";

const MM = 56.7; // twips per millimetre
export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
const FONT = "Times New Roman";
const BODY = 28; // half-points: 14 pt
const SMALL = 24; // 12 pt: the heading lines (Decree 30: 12–13 pt), so each keeps to one line
const TABLE = 24; // 12 pt in tables
const CONTENT_WIDTH = Math.round((210 - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right) * MM);

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, o: Omit<IRunOptions, "text"> = {}) => new TextRun({ text, font: FONT, size: BODY, ...o });
const line = (
  text: string,
  o: Omit<IRunOptions, "text"> = {},
  align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
) => new Paragraph({ alignment: align, children: [run(text, o)] });

/** A two-column block without borders (the heading, the signature). */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 0.45): Table {
  const lw = Math.round(CONTENT_WIDTH * leftShare);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [lw, CONTENT_WIDTH - lw],
    // Fixed: the columns keep these widths (Word and LibreOffice would otherwise fit them to the text).
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: lw, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: CONTENT_WIDTH - lw, type: WidthType.DXA }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

function dataTable(t: ReportTable): Table {
  const cell = (text: string, numeric: boolean, bold = false, note: string | null = null) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, { size: TABLE, bold })],
        }),
        ...(note ? [new Paragraph({ children: [run(note, { size: 20, italics: true })] })] : []),
      ],
    });
  // The first column (the figure's name and its note) takes 40 %, the numbers share the rest.
  const first = Math.round(CONTENT_WIDTH * 0.4);
  const rest = Math.floor((CONTENT_WIDTH - first) / Math.max(1, t.columns.length - 1));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: t.columns.map((_, i) => (i === 0 ? first : rest)),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c.label, c.numeric, true)) }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            children: r.cells.map((v, i) => cell(v, t.columns[i]?.numeric ?? false, false, i === 0 ? r.note : null)),
          }),
      ),
    ],
  });
}

/** The report as a .docx file. */
export async function monthlyReportDocx(report: MonthlyReport): Promise<Buffer> {
  const h = report.heading;
  // 42/58, 12 pt: the issuing body and the national title each keep to one line (checked in LibreOffice).
  const heading = twoColumns(
    [
      ...(h.superior ? [line(h.superior, { size: SMALL })] : []),
      line(h.issuer, { size: SMALL, bold: true }),
      line("―――――", { size: SMALL }),
      line(h.number, { size: SMALL }),
    ],
    [
      line(h.nation, { size: SMALL, bold: true }),
      line(h.motto, { bold: true, underline: {} }),
      new Paragraph({ children: [] }),
      line(h.placeDate, { italics: true }),
    ],
    0.42,
  );
  const body: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { before: 360 }, alignment: AlignmentType.CENTER, children: [run(report.kind, { bold: true })] }),
    line(report.title, { bold: true }),
    new Paragraph({ spacing: { before: 240, after: 240 }, alignment: AlignmentType.CENTER, children: [run(report.addressee)] }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: Math.round(10 * MM) },
      children: [run(report.intro)],
    }),
  ];
  for (const s of report.sections) {
    body.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(s.heading, { bold: true })] }));
    body.push(dataTable(s.table));
  }
  body.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(report.definitions.heading, { bold: true })] }));
  for (const d of report.definitions.items) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        children: [run(`${d.label}: `, { bold: true, size: SMALL }), run(d.text, { size: SMALL })],
      }),
    );
  }
  const c = report.closing;
  body.push(new Paragraph({ spacing: { before: 360 }, children: [] }));
  body.push(
    twoColumns(
      [
        new Paragraph({ children: [run(c.recipientsLabel, { bold: true, italics: true, size: 24 })] }),
        ...c.recipients.map((x) => new Paragraph({ children: [run(x, { size: 22 })] })),
      ],
      [
        line(c.authority, { bold: true }),
        line(c.position, { bold: true }),
        // The signing space: about 30 mm for signature and seal.
        ...Array.from({ length: 4 }, () => new Paragraph({ children: [] })),
        line(c.signerName ?? "", { bold: true }),
      ],
      0.5,
    ),
  );

  const doc = new Document({
    creator: h.issuer,
    title: `${report.kind} ${report.title}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(PAGE_MARGINS_MM.top * MM),
              bottom: Math.round(PAGE_MARGINS_MM.bottom * MM),
              left: Math.round(PAGE_MARGINS_MM.left * MM),
              right: Math.round(PAGE_MARGINS_MM.right * MM),
            },
          },
        },
        children: [heading, ...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
