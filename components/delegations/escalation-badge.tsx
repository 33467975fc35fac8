// Whether a chain escalated, in words and a symbol as well as colour.
export function EscalationBadge({ events }: { events: number }) {
  if (events === 0) return <span className="text-slate-600 dark:text-slate-400">None</span>;
  return (
    <span className="inline-flex items-center gap-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-500/15 dark:text-red-300">
      <span aria-hidden="true">⚠</span>
      Escalated in {events.toLocaleString("en-US")} {events === 1 ? "event" : "events"}
    </span>
  );
}
