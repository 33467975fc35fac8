"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, linkClass, muted } from "@/components/ui/styles";
import type { ExportSummary } from "@/lib/exports/store";
import { bytesText, isActive, periodText, STATUS_LABEL } from "./format";
import { ExportProgress } from "./progress-bar";
import { useExports } from "./use-exports";

const STATUS_CLASS: Record<ExportSummary["status"], string> = {
  queued: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  running: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

function fileHref(id: string, name: string) {
  return `/api/v1/reports/${id}/files/${encodeURIComponent(name)}`;
}

function ExportItem({ item, titles }: { item: ExportSummary; titles: Record<string, string> }) {
  const title = titles[item.framework] ?? item.framework.toUpperCase();
  return (
    <li data-testid="export-row" data-export-id={item.id} className="flex items-start justify-between gap-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">
          {title} <span className={`font-normal ${muted}`}>{periodText(item.period)}</span>
        </p>
        <p className={`text-xs ${muted}`}>
          {item.formats.map((f) => f.toUpperCase()).join(", ")} · requested by {item.requestedBy} on{" "}
          {item.createdAt.slice(0, 16).replace("T", " ")} UTC
        </p>
        {item.status === "failed" && item.error && (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{item.error}</p>
        )}
        {item.status === "done" && (
          <ul className="mt-2 flex flex-wrap gap-2" aria-label={`Files of the ${title} export`}>
            {item.files.map((f) => (
              <li key={f.name}>
                <a className={buttonClass} href={fileHref(item.id, f.name)} download={f.name}>
                  {f.name} <span className={`text-xs ${muted}`}>{bytesText(f.bytes)}</span>
                </a>
              </li>
            ))}
            <li>
              <a className={buttonClass} href={fileHref(item.id, "manifest.json")} download="manifest.json">
                manifest.json <span className={`text-xs ${muted}`}>signed</span>
              </a>
            </li>
          </ul>
        )}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-2">
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_CLASS[item.status]}`}>
          {STATUS_LABEL[item.status]}
        </span>
        {isActive(item) && (
          <ExportProgress
            phase={item.status === "queued" ? "queued" : item.phase}
            progress={item.status === "queued" ? { done: 0, total: 0 } : item.progress}
            label={`Progress of the ${title} export`}
          />
        )}
      </div>
    </li>
  );
}

export function ExportsList({ initial, titles }: { initial: ExportSummary[]; titles: Record<string, string> }) {
  const { data, error, isFetching, refetch } = useExports(initial);
  const exports = data ?? [];
  return (
    <section aria-labelledby="exports-heading">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="exports-heading" className="text-base font-semibold">
          Recent exports
        </h2>
        {exports.some(isActive) && <span className={`text-xs ${muted}`}>Updating every second…</span>}
      </div>
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
          {error.message}{" "}
          <button type="button" className={linkClass} onClick={() => refetch()} disabled={isFetching}>
            Try again
          </button>
        </p>
      )}
      {exports.length === 0 ? (
        <EmptyState title="No exports yet">
          Choose a framework, a period and formats above, then Generate report. Exports run in the background and appear
          here with their progress.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white px-4 dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {exports.map((item) => (
            <ExportItem key={item.id} item={item} titles={titles} />
          ))}
        </ul>
      )}
    </section>
  );
}
