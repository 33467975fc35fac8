import type { ExportStatus, ExportSummary } from "@/lib/exports/store";

// Words for an export's state, shared by the list and its progress bar.

const PHASES: Record<string, string> = {
  queued: "Waiting for a worker (npm run worker)",
  starting: "Starting",
  summary: "Writing the summary sections",
  checkpoint: "Signing a checkpoint of the chain head",
  verifying: "Verifying events",
  counting: "Counting events",
  events: "Writing events",
  evidence: "Writing evidence",
  sections: "Writing the sections",
  pdf: "Writing the PDF",
  csv: "Writing the CSV",
  json: "Writing the JSON",
  ndjson: "Writing events.ndjson",
  manifest: "Signing the manifest",
  done: "Done",
};

const count = (n: number) => n.toLocaleString("en-US");

/** "Writing events 12,000 of 48,210", or the phase alone when it has no count. */
export function progressText(phase: string | null, progress: { done: number; total: number }): string {
  const key = phase ?? "starting";
  const label = PHASES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
  return progress.total > 0 ? `${label} ${count(progress.done)} of ${count(progress.total)}` : label;
}

export const STATUS_LABEL: Record<ExportStatus, string> = {
  queued: "Queued",
  running: "Running",
  done: "Ready",
  failed: "Failed",
};

export function isActive(e: Pick<ExportSummary, "status">): boolean {
  return e.status === "queued" || e.status === "running";
}

/** "2026-10-29 – 2026-11-27 (UTC)": `to` is exclusive, so the last day shown is the day before. */
export function periodText(period: { from: string; to: string }): string {
  const last = new Date(new Date(period.to).getTime() - 1).toISOString().slice(0, 10);
  return `${period.from.slice(0, 10)} – ${last} (UTC)`;
}

export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
