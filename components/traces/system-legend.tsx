import type { LegendEntry } from "@/lib/traces/systems";
import { OUTCOME_SHAPES, outcomeMarker, systemChip, waitSwatch } from "./palette";

// What the colours and shapes of the waterfall mean, always visible above it.

export function SystemLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <section aria-labelledby="trace-legend-heading" className="mb-3 text-xs text-slate-700 dark:text-slate-300">
      <h2 id="trace-legend-heading" className="sr-only">
        Legend
      </h2>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-medium text-slate-500 dark:text-slate-400">Reported by</span>
        <ul aria-label="Systems" className="flex flex-wrap gap-2">
          {entries.map((entry) => (
            <li key={entry.kind} className={`rounded px-1.5 py-0.5 ${systemChip[entry.kind]}`}>
              <span className="font-medium">{entry.label}</span>
              {entry.services.length > 0 && <span>: {entry.services.join(", ")}</span>}
              <span className="sr-only">
                , {entry.events} {entry.events === 1 ? "event" : "events"}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium text-slate-500 dark:text-slate-400">Outcome</span>
        <ul aria-label="Outcome markers" className="flex flex-wrap gap-3">
          {OUTCOME_SHAPES.map(([outcome, shape]) => (
            <li key={outcome} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={`inline-block size-2.5 ${outcomeMarker[outcome]}`} />
              {outcome} <span className="text-slate-500 dark:text-slate-400">({shape})</span>
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-5 ${waitSwatch}`} />
            long wait, shortened on the axis
          </li>
        </ul>
      </div>
    </section>
  );
}
