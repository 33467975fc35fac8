import path from "node:path";

// Where exports live and what they may be called. Every name is one of a fixed list, so no
// request, manifest or job ever builds a path from user input. The web server (downloads) and
// the worker (writes) must see the same ATTEST_EXPORT_DIR.

export const MANIFEST_NAME = "manifest.json";

/** The files a report may consist of (written by lib/reports), plus the manifest. */
export const EXPORT_FILE_NAMES = ["report.pdf", "report.csv", "report.json", "events.ndjson", MANIFEST_NAME] as const;
export type ExportFileName = (typeof EXPORT_FILE_NAMES)[number];

export function isExportFileName(name: unknown): name is ExportFileName {
  return typeof name === "string" && (EXPORT_FILE_NAMES as readonly string[]).includes(name);
}

const CONTENT_TYPES: Record<ExportFileName, string> = {
  "report.pdf": "application/pdf",
  "report.csv": "text/csv; charset=utf-8",
  "report.json": "application/json",
  "events.ndjson": "application/x-ndjson",
  "manifest.json": "application/json",
};

export function contentTypeOf(name: ExportFileName): string {
  return CONTENT_TYPES[name];
}

/** ATTEST_EXPORT_DIR, or `.data/exports` under the working directory. */
export function exportRoot(): string {
  // turbopackIgnore: a runtime data folder, not something the build should trace.
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.ATTEST_EXPORT_DIR || path.join(process.cwd(), ".data", "exports"),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** `<root>/<tenantId>/<exportId>`; both ids are UUIDs (checked), never names. */
export function exportDir(tenantId: string, exportId: string): string {
  if (!isUuid(tenantId) || !isUuid(exportId)) throw new Error("export ids must be UUIDs");
  return path.join(/*turbopackIgnore: true*/ exportRoot(), tenantId, exportId);
}

export function exportFilePath(tenantId: string, exportId: string, name: ExportFileName): string {
  return path.join(/*turbopackIgnore: true*/ exportDir(tenantId, exportId), name);
}
