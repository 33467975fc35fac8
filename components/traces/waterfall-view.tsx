import { OutcomeBadge } from "@/components/events/outcome-badge";
import { FLAG_LABELS, type FlagMap } from "@/lib/flags/types";
import type { TraceEvent } from "@/lib/queries/trace";
import { formatDuration, formatOffset } from "@/lib/traces/duration";
import { actorName } from "@/lib/traces/people";
import { stepWhat } from "@/lib/traces/step-label";
import { systemOf } from "@/lib/traces/systems";
import type { Gap, Waterfall, WaterfallRow } from "@/lib/traces/waterfall";
import { breakBand, outcomeMarker, systemBar, systemChip, waitSwatch } from "./palette";
import { StepDetails } from "./step-details";
import { StepRow } from "./step-row";

// The waterfall: one row per event on a shared, compressed time axis, nested by span as a
// real nested list (so the tree is in the markup, not only in the indentation).

type Row = WaterfallRow<TraceEvent>;
const pct = (value: number) => `${(value * 100).toFixed(3)}%`;

function Bands({ gaps }: { gaps: Gap[] }) {
  return gaps.map((gap) => (
    <span
      key={gap.beforeEventId}
      aria-hidden="true"
      className={`absolute inset-y-0 ${breakBand}`}
      style={{ left: pct(gap.start), width: pct(gap.end - gap.start) }}
    />
  ));
}

function Axis({ row, gaps }: { row: Row; gaps: Gap[] }) {
  const system = systemOf(row.event);
  return (
    <div className="absolute inset-y-0 right-5 left-3">
      <Bands gaps={gaps} />
      {row.until > row.from && (
        <span
          aria-hidden="true"
          className={`absolute top-1/2 h-1.5 -translate-y-1/2 rounded-full ${systemBar[system.kind]}`}
          style={{ left: pct(row.from), width: pct(row.until - row.from) }}
        />
      )}
      <span
        aria-hidden="true"
        className={`absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 ${outcomeMarker[row.event.outcome] ?? outcomeMarker.pending}`}
        style={{ left: pct(row.at) }}
      />
    </div>
  );
}

function Summary({ row, flags }: { row: Row; flags: FlagMap }) {
  const system = systemOf(row.event);
  const found = flags.get(row.event.eventId) ?? [];
  return (
    <div className="mt-0.5 space-y-1 text-xs text-slate-600 dark:text-slate-400">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className={`rounded px-1 py-px font-medium ${systemChip[system.kind]}`}>{system.name}</span>
        <OutcomeBadge outcome={row.event.outcome} />
        <span className="font-mono">{formatOffset(row.offsetMs)}</span>
        <span className="truncate">{actorName(row.event)}</span>
      </div>
      {row.waitBefore && (
        <p className="font-medium text-slate-800 dark:text-slate-200">
          <span aria-hidden="true" className={`mr-1 inline-block h-2.5 w-4 align-middle ${waitSwatch}`} />
          {row.waitBefore.label}
        </p>
      )}
      {found.length > 0 && (
        <ul aria-label="Findings" className="flex flex-wrap gap-1">
          {found.map((flag, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: one event may carry the same kind twice
              key={`${flag.kind}-${index}`}
              className="rounded border border-red-300 bg-red-50 px-1.5 py-px font-medium text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
            >
              <span aria-hidden="true">⚠ </span>
              {FLAG_LABELS[flag.kind]}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Steps({
  rows,
  byParent,
  gaps,
  flags,
  label,
}: {
  rows: Row[];
  byParent: Map<string | null, Row[]>;
  gaps: Gap[];
  flags: FlagMap;
  label?: string;
}) {
  return (
    <ol aria-label={label}>
      {rows.map((row) => {
        const children = byParent.get(row.event.eventId) ?? [];
        const what = stepWhat(row.event);
        return (
          <li key={row.event.eventId} data-event-type={row.event.type} data-depth={row.depth}>
            <StepRow
              depth={row.depth}
              title={
                <>
                  <span className="font-mono">{row.event.type}</span>
                  {what && <span className="font-normal text-slate-700 dark:text-slate-300"> {what}</span>}
                </>
              }
              summary={<Summary row={row} flags={flags} />}
              axis={<Axis row={row} gaps={gaps} />}
              details={
                <StepDetails
                  event={row.event}
                  offsetMs={row.offsetMs}
                  system={systemOf(row.event)}
                  flags={flags.get(row.event.eventId) ?? []}
                />
              }
            />
            {children.length > 0 && <Steps rows={children} byParent={byParent} gaps={gaps} flags={flags} />}
          </li>
        );
      })}
    </ol>
  );
}

function AxisHeader({ waterfall }: { waterfall: Waterfall<TraceEvent> }) {
  return (
    <div className="grid grid-cols-[minmax(0,26rem)_minmax(0,1fr)] border-b border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
      <div className="px-1 py-2 font-medium">Step, reported by, outcome, time from the first event</div>
      <div className="relative min-h-12">
        <div className="absolute inset-y-0 right-5 left-3">
          <Bands gaps={waterfall.gaps} />
          <span className="absolute top-1 left-0 font-mono">0</span>
          {waterfall.totalMs > 0 && (
            <span className="absolute top-1 -right-4 font-mono">{formatOffset(waterfall.totalMs)}</span>
          )}
          {waterfall.gaps.map((gap) => (
            <span
              key={gap.beforeEventId}
              className="absolute bottom-1 -translate-x-1/2 whitespace-nowrap rounded bg-white/90 px-1 font-medium text-slate-800 dark:bg-slate-900/90 dark:text-slate-200"
              style={{ left: pct((gap.start + gap.end) / 2) }}
            >
              ≈ {formatDuration(gap.durationMs)}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}

export function WaterfallView({ waterfall, flags }: { waterfall: Waterfall<TraceEvent>; flags: FlagMap }) {
  const byParent = new Map<string | null, Row[]>();
  for (const row of waterfall.rows) {
    const siblings = byParent.get(row.parentEventId);
    if (siblings) siblings.push(row);
    else byParent.set(row.parentEventId, [row]);
  }
  const waits = waterfall.gaps.map((gap) => gap.label);
  return (
    <section aria-labelledby="waterfall-heading" className="overflow-x-auto">
      <h2 id="waterfall-heading" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
        Steps on one time axis
      </h2>
      {waits.length > 0 && (
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
          Long waits are shortened on the axis (hatched) and labelled: {waits.join("; ")}.
        </p>
      )}
      <div className="min-w-[48rem] rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <AxisHeader waterfall={waterfall} />
        <Steps
          rows={byParent.get(null) ?? []}
          byParent={byParent}
          gaps={waterfall.gaps}
          flags={flags}
          label="Trace steps"
        />
      </div>
    </section>
  );
}
