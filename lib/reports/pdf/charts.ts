import type PDFDocument from "pdfkit";
import type { ChartSeries } from "../types";
import { ensureSpace } from "./table";
import { COLORS, pdfText } from "./text";

// Charts drawn with pdfkit's own primitives (rectangles, lines, text), each followed by a text
// equivalent so the numbers are readable without the picture (and by pdftotext).

type Doc = InstanceType<typeof PDFDocument>;

/** 0, a round step, …: ticks that cover `max`. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

function title(doc: Doc, text: string, width: number): void {
  const left = doc.page.margins.left;
  doc.font("Helvetica-Bold").fontSize(9).fillColor(COLORS.ink).text(pdfText(text), left, doc.y, { width });
  doc.moveDown(0.3);
}

function textEquivalent(doc: Doc, series: ChartSeries, width: number): void {
  const left = doc.page.margins.left;
  const body = series.map((p) => `${p.label}: ${p.value.toLocaleString("en-US")}`).join("; ");
  doc
    .font("Helvetica")
    .fontSize(7)
    .fillColor(COLORS.muted)
    .text(pdfText(`Text equivalent: ${body}.`, 2_000), left, doc.y, { width });
  doc.moveDown(0.8);
}

/** Vertical bars over time, y axis with ticks, x labels thinned to fit. */
export function columnChart(doc: Doc, heading: string, series: ChartSeries, axes: { x: string; y: string }): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const plotHeight = 130;
  ensureSpace(doc, plotHeight + 90);
  title(doc, heading, width);
  const top = doc.y + 4;
  const axisX = left + 44;
  const plotWidth = width - 54;
  const bottom = top + plotHeight;
  const scale = ticks(Math.max(0, ...series.map((p) => p.value)));
  const max = scale[scale.length - 1] as number;

  doc.font("Helvetica").fontSize(7).fillColor(COLORS.muted);
  for (const tick of scale) {
    const y = bottom - (tick / max) * plotHeight;
    doc
      .moveTo(axisX, y)
      .lineTo(axisX + plotWidth, y)
      .lineWidth(0.3)
      .strokeColor(COLORS.rule)
      .stroke();
    doc.text(tick.toLocaleString("en-US"), left, y - 3, { width: 40, align: "right", lineBreak: false });
  }
  const slot = plotWidth / Math.max(1, series.length);
  const barWidth = Math.min(36, Math.max(1, slot * 0.7));
  const every = Math.max(1, Math.ceil(series.length / Math.floor(plotWidth / 34)));
  series.forEach((point, i) => {
    const h = (point.value / max) * plotHeight;
    const x = axisX + i * slot + (slot - barWidth) / 2;
    if (h > 0) doc.rect(x, bottom - h, barWidth, h).fill(COLORS.accent);
    if (i % every === 0) {
      const label = point.label.length === 10 ? point.label.slice(5) : point.label;
      doc
        .font("Helvetica")
        .fontSize(6.5)
        .fillColor(COLORS.muted)
        .text(label, axisX + i * slot + slot / 2 - 20, bottom + 3, { width: 40, align: "center", lineBreak: false });
    }
  });
  doc
    .moveTo(axisX, top)
    .lineTo(axisX, bottom)
    .lineTo(axisX + plotWidth, bottom)
    .lineWidth(0.8)
    .strokeColor(COLORS.ink)
    .stroke();
  if (series.every((p) => p.value === 0))
    doc
      .font("Helvetica-Oblique")
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text("No events in this period", axisX, top + plotHeight / 2 - 5, {
        width: plotWidth,
        align: "center",
        lineBreak: false,
      });
  doc
    .font("Helvetica")
    .fontSize(7.5)
    .fillColor(COLORS.ink)
    .text(pdfText(axes.x), axisX, bottom + 13, { width: plotWidth, align: "center", lineBreak: false });
  doc.save();
  doc.rotate(-90, { origin: [left + 4, top + plotHeight / 2] });
  doc.text(pdfText(axes.y), left + 4 - 40, top + plotHeight / 2 - 4, { width: 80, align: "center", lineBreak: false });
  doc.restore();
  doc.x = left;
  doc.y = bottom + 28;
  textEquivalent(doc, series, width);
}

/** Horizontal bars, one per labelled value, with the value printed at the end of the bar. */
export function barChart(doc: Doc, heading: string, series: ChartSeries, axis: string): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const rowHeight = 14;
  ensureSpace(doc, series.length * rowHeight + 70);
  title(doc, heading, width);
  const labelWidth = 150;
  const plotLeft = left + labelWidth + 6;
  const plotWidth = width - labelWidth - 60;
  const max = Math.max(1, ...series.map((p) => p.value));
  let y = doc.y + 2;
  series.forEach((point, i) => {
    doc
      .font("Helvetica")
      .fontSize(7.5)
      .fillColor(COLORS.ink)
      .text(pdfText(point.label), left, y + 3, { width: labelWidth, align: "right", lineBreak: false, ellipsis: true });
    const w = (point.value / max) * plotWidth;
    if (w > 0)
      doc.rect(plotLeft, y + 2, Math.max(w, 1), rowHeight - 4).fill(COLORS.bars[i % COLORS.bars.length] as string);
    doc
      .fillColor(COLORS.ink)
      .text(point.value.toLocaleString("en-US"), plotLeft + w + 4, y + 3, { width: 54, lineBreak: false });
    y += rowHeight;
  });
  doc.moveTo(plotLeft, doc.y).lineTo(plotLeft, y).lineWidth(0.8).strokeColor(COLORS.ink).stroke();
  doc
    .moveTo(plotLeft, y)
    .lineTo(plotLeft + plotWidth, y)
    .stroke();
  doc
    .font("Helvetica")
    .fontSize(7.5)
    .fillColor(COLORS.ink)
    .text(pdfText(axis), plotLeft, y + 3, { width: plotWidth, align: "center", lineBreak: false });
  doc.x = left;
  doc.y = y + 18;
  textEquivalent(doc, series, width);
}
