import path from "node:path";
import { assembleContent, sectionSteps } from "./content";
import { csvHeader, csvRows } from "./csv";
import { countEvidence, type EvidenceRow, evidenceBatches } from "./evidence";
import { ndjsonLines } from "./ndjson";
import { openScope, scopeEventRange } from "./scope";
import { FileSink } from "./sink";
import type {
  IntegrityStatus,
  ReportFormat,
  ReportProgress,
  ReportRequest,
  ReportSection,
  WrittenReport,
} from "./types";

// Compliance reports (issue 6): SOX, HIPAA, PCI DSS and GDPR/CCPA, as PDF, CSV and JSON.
// Stages: pin the report to the tenant's current seq → count the evidence per category →
// aggregate sections in SQL → stream the evidence by keyset into report.csv / events.ndjson →
// report.json → report.pdf (its appendix holds the first rows of the evidence).

export { frameworkInfo } from "./frameworks";
export { globToLike } from "./phi";
export { reportEventRange } from "./scope";
export * from "./types";

/** Evidence rows printed in the PDF appendix; the complete evidence is in the CSV and NDJSON. */
export const PDF_APPENDIX_ROWS = 150;

/** Writes the report files into `dir` (exists, empty): report.pdf / report.csv / report.json + events.ndjson. */
export async function writeReport(
  req: ReportRequest,
  formats: ReportFormat[],
  dir: string,
  opts: { integrity: IntegrityStatus; onProgress?: ReportProgress },
): Promise<WrittenReport> {
  const progress = opts.onProgress ?? (() => {});
  const scope = await openScope(req);
  const eventRange = await scopeEventRange(scope);
  const categories = await countEvidence(scope);
  const total = categories.reduce((s, c) => s + c.count, 0);

  const steps = sectionSteps(scope, categories);
  const sections: ReportSection[] = [];
  for (const [i, step] of steps.entries()) {
    await progress({ phase: "summary", done: i, total: steps.length });
    sections.push(await step.run());
  }
  await progress({ phase: "summary", done: steps.length, total: steps.length });

  const files: WrittenReport["files"] = [];
  const csv = formats.includes("csv") ? new FileSink(path.join(dir, "report.csv")) : null;
  const ndjson = formats.includes("json") ? new FileSink(path.join(dir, "events.ndjson")) : null;
  // A PDF alone needs only the appendix's rows, except GDPR's, whose flagged uses are counted on the way.
  const readAll = csv !== null || ndjson !== null || req.framework === "gdpr";
  const appendix: EvidenceRow[] = [];
  let streamed = 0;
  let flaggedUses = 0;
  try {
    await csv?.write(csvHeader());
    await progress({ phase: "events", done: 0, total });
    for await (const batch of evidenceBatches(scope, readAll ? {} : { limit: PDF_APPENDIX_ROWS })) {
      if (csv) await csv.write(csvRows(batch));
      if (ndjson) await ndjson.write(ndjsonLines(batch));
      for (const row of batch) if (row.consentFinding) flaggedUses++;
      if (appendix.length < PDF_APPENDIX_ROWS) appendix.push(...batch.slice(0, PDF_APPENDIX_ROWS - appendix.length));
      streamed += batch.length;
      await progress({ phase: "events", done: streamed, total });
    }
    await csv?.close();
    await ndjson?.close();
  } catch (error) {
    csv?.destroy();
    ndjson?.destroy();
    throw error;
  }
  if (readAll && streamed !== total)
    throw new Error(`evidence changed while the report ran: counted ${total}, streamed ${streamed}`);
  if (!readAll) await progress({ phase: "events", done: total, total });
  if (csv) files.push({ name: "report.csv", bytes: csv.bytes });
  if (ndjson) files.push({ name: "events.ndjson", bytes: ndjson.bytes });

  const content = await assembleContent(
    {
      scope,
      eventRange,
      categories,
      integrity: opts.integrity,
      flaggedUses: req.framework === "gdpr" ? flaggedUses : null,
    },
    sections,
  );
  if (formats.includes("json")) {
    const json = new FileSink(path.join(dir, "report.json"));
    await json.write(`${JSON.stringify(content, null, 2)}\n`);
    await json.close();
    files.unshift({ name: "report.json", bytes: json.bytes });
  }
  if (formats.includes("pdf")) {
    await progress({ phase: "pdf", done: 0, total: 1 });
    // Loaded on use: the pages that list frameworks import this module and need no PDF library.
    const { renderPdf } = await import("./pdf/render");
    const bytes = await renderPdf(content, appendix, path.join(dir, "report.pdf"));
    files.unshift({ name: "report.pdf", bytes });
    await progress({ phase: "pdf", done: 1, total: 1 });
  }
  return { files, eventRange, evidenceCount: total };
}
