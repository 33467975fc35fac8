import type PDFDocument from "pdfkit";
import type { ReportTable } from "../types";
import { COLORS, pdfText } from "./text";

// A table that wraps its cells, breaks across pages and repeats its header row on each page.

type Doc = InstanceType<typeof PDFDocument>;

const FONT_SIZE = 7.5;
const PAD = 3;

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** A page like the current one (the appendix is landscape, the rest portrait). */
export function newPage(doc: Doc): void {
  const { size, layout, margins } = doc.page;
  doc.addPage({ size, layout: layout as "portrait" | "landscape", margins: { ...margins } });
}

/** Starts a new page unless `needed` points fit below the cursor. */
export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > pageBottom(doc)) newPage(doc);
}

/** Caps on how wide a column's longest word may make it, tried from the widest down. */
const WORD_CAPS = [140, 110, 90, 70];
/** Cells up to this wide are kept on one line when the table has room. */
const SHORT_CELL = 60;

/**
 * Column widths: by the columns' weights, but widened so the longest word of each column fits
 * (a timestamp, an id, an email) where the other columns have room to give. When they have not,
 * long words are allowed less room (and break) before the weights alone decide.
 */
function columnWidths(doc: Doc, table: ReportTable, rows: string[][], width: number): number[] {
  const totalWeight = table.columns.reduce((s, c) => s + c.width, 0);
  const byWeight = table.columns.map((c) => (c.width / totalWeight) * width);
  // What a cell needs to avoid breaking inside a word; a short cell ("in force") would rather not wrap at all.
  const unbroken = (text: string, font: string) => {
    doc.font(font).fontSize(FONT_SIZE);
    const whole = doc.widthOfString(text);
    return whole <= SHORT_CELL ? whole : Math.max(0, ...text.split(/[ \t\n]+/).map((word) => doc.widthOfString(word)));
  };
  const longest = table.columns.map((c, i) => {
    let max = unbroken(pdfText(c.label), "Helvetica-Bold");
    for (const row of rows) max = Math.max(max, unbroken(row[i] as string, "Helvetica"));
    return max;
  });
  for (const cap of WORD_CAPS) {
    const needed = longest.map((w) => Math.min(w, cap) + 2 * PAD + 1);
    const widths = byWeight.map((w, i) => Math.max(w, needed[i] as number));
    const excess = widths.reduce((a, b) => a + b, 0) - width;
    if (excess <= 0) return widths;
    const slack = widths.map((w, i) => Math.max(0, w - (needed[i] as number)));
    const totalSlack = slack.reduce((a, b) => a + b, 0);
    if (totalSlack >= excess) return widths.map((w, i) => w - ((slack[i] as number) / totalSlack) * excess);
  }
  return byWeight;
}

export function drawTable(doc: Doc, table: ReportTable): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const cellRows = table.rows.map((row) => table.columns.map((c) => pdfText(row[c.key], 300)));
  const widths = columnWidths(doc, table, cellRows, width);

  doc.font("Helvetica-Bold").fontSize(9).fillColor(COLORS.ink);
  ensureSpace(doc, 60);
  const shown =
    table.rows.length < table.totalRows
      ? ` (top ${table.rows.length} of ${table.totalRows.toLocaleString("en-US")})`
      : "";
  doc.text(pdfText(`${table.caption}${shown}`), left, doc.y, { width });
  doc.moveDown(0.3);

  if (table.rows.length === 0) {
    doc
      .font("Helvetica-Oblique")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text("None in this period.", left, doc.y, { width });
    doc.moveDown(0.8);
    return;
  }

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(FONT_SIZE);
    return (
      Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: (widths[i] as number) - 2 * PAD }))) +
      2 * PAD
    );
  };
  const drawRow = (cells: string[], y: number, height: number, font: string, fill: string | null) => {
    if (fill) doc.rect(left, y, width, height).fill(fill);
    doc.font(font).fontSize(FONT_SIZE).fillColor(COLORS.ink);
    let x = left;
    cells.forEach((text, i) => {
      const w = widths[i] as number;
      const align = table.columns[i]?.align === "right" ? "right" : "left";
      doc.text(text, x + PAD, y + PAD, { width: w - 2 * PAD, align, lineBreak: true });
      x += w;
    });
  };
  const headerCells = table.columns.map((c) => pdfText(c.label));
  const headerHeight = rowHeight(headerCells, "Helvetica-Bold");
  const drawHeader = () => {
    const y = doc.y;
    drawRow(headerCells, y, headerHeight, "Helvetica-Bold", COLORS.header);
    doc.y = y + headerHeight;
  };

  ensureSpace(doc, headerHeight * 3);
  drawHeader();
  cellRows.forEach((cells, index) => {
    const height = rowHeight(cells, "Helvetica");
    if (doc.y + height > pageBottom(doc)) {
      newPage(doc);
      drawHeader();
    }
    const y = doc.y;
    drawRow(cells, y, height, "Helvetica", index % 2 === 1 ? COLORS.zebra : null);
    doc.y = y + height;
  });
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke();
  doc.x = left;
  doc.moveDown(0.8);
}
