"use client";

// The live-tail switch: a real button with aria-pressed, and its state in words, not only colour.
export function LiveToggle({ live, onToggle, status }: { live: boolean; onToggle: () => void; status: string }) {
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        aria-pressed={live}
        onClick={onToggle}
        className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium shadow-sm ${
          live
            ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:border-emerald-500 dark:bg-emerald-500/15 dark:text-emerald-200"
            : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
        }`}
      >
        <span
          aria-hidden="true"
          className={`h-2 w-2 rounded-full ${live ? "animate-pulse bg-emerald-500" : "bg-slate-400"}`}
        />
        Live tail
      </button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {status}
      </span>
    </div>
  );
}
