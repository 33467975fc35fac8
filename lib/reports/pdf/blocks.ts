import type PDFDocument from "pdfkit";
import type { Figure, ReportSection } from "../types";
import { drawTable, ensureSpace } from "./table";
import { COLORS, pdfText } from "./text";

// The building blocks every section of the PDF is made of: a title, key figures, notes, tables.

type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 48;

/** Key figures in two columns of label and value; a long label wraps and its row grows. */
export function figures(doc: Doc, list: Figure[]): void {
  if (list.length === 0) return;
  const width = doc.page.width - 2 * MARGIN;
  const colWidth = width / 2;
  const labelWidth = colWidth * 0.6;
  const valueWidth = colWidth * 0.36;
  doc.fontSize(8.5);
  for (let i = 0; i < list.length; i += 2) {
    const pair = list.slice(i, i + 2);
    const height =
      Math.max(
        ...pair.map((f) =>
          Math.max(
            doc.font("Helvetica").heightOfString(pdfText(f.label), { width: labelWidth }),
            doc.font("Helvetica-Bold").heightOfString(pdfText(f.value, 80), { width: valueWidth }),
          ),
        ),
      ) + 4;
    ensureSpace(doc, height);
    const y = doc.y;
    pair.forEach((f, j) => {
      const x = MARGIN + j * colWidth;
      doc.font("Helvetica").fillColor(COLORS.muted).text(pdfText(f.label), x, y, { width: labelWidth });
      doc
        .font("Helvetica-Bold")
        .fillColor(COLORS.ink)
        .text(pdfText(f.value, 80), x + labelWidth + 4, y, { width: valueWidth });
    });
    doc.y = y + height;
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

export function sectionTitle(doc: Doc, title: string): void {
  ensureSpace(doc, 110);
  doc.moveDown(0.4);
  const y = doc.y;
  doc.rect(MARGIN, y, 3, 14).fill(COLORS.accent);
  doc
    .font("Helvetica-Bold")
    .fontSize(13)
    .fillColor(COLORS.ink)
    .text(pdfText(title), MARGIN + 9, y, {
      width: doc.page.width - 2 * MARGIN - 9,
    });
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

export function notes(doc: Doc, list: string[]): void {
  for (const note of list) {
    ensureSpace(doc, 24);
    doc
      .font("Helvetica-Oblique")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(pdfText(note, 2_000), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
    doc.moveDown(0.4);
  }
}

export function renderSection(doc: Doc, section: ReportSection): void {
  sectionTitle(doc, section.title);
  figures(doc, section.figures);
  notes(doc, section.notes);
  if (section.notes.length) doc.moveDown(0.4);
  for (const t of section.tables) drawTable(doc, t);
}
