import { progressText } from "./format";

// A real progress bar: the ARIA values are the phase's counts, and the text says what is
// happening ("Writing events 12,000 of 48,210"). Without a total it is indeterminate.
export function ExportProgress({
  phase,
  progress,
  label,
}: {
  phase: string | null;
  progress: { done: number; total: number };
  label: string;
}) {
  const text = progressText(phase, progress);
  const known = progress.total > 0;
  const percent = known ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <div className="min-w-56">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? progress.total : undefined}
        aria-valuenow={known ? progress.done : undefined}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full bg-sky-600 transition-[width] ${known ? "" : "w-1/3 animate-pulse"}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {text}
      </p>
    </div>
  );
}
