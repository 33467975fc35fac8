export function EventCount({ count, label }: { count: number; label: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-950">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd
        className="mt-1 font-mono text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50"
        data-testid="event-count"
      >
        {count.toLocaleString("en-US")}
      </dd>
    </div>
  );
}
