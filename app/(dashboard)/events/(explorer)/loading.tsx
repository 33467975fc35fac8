// Shown while the explorer's first page loads: the same layout, in grey. It sits in the
// (explorer) group so /events/<id> has no loading boundary: an unknown id there is a real 404.
export default function EventsLoading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4">
      <div className="h-7 w-32 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-40 rounded-lg bg-slate-100 dark:bg-slate-900" />
      <div className="space-y-1 rounded-lg border border-slate-200 p-2 dark:border-slate-800">
        {Array.from({ length: 12 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <div key={i} className="h-8 rounded bg-slate-100 dark:bg-slate-900" />
        ))}
      </div>
      <span className="sr-only">Loading events…</span>
    </div>
  );
}
