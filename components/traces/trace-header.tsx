import Link from "next/link";
import type { ReactNode } from "react";
import { formatEventTime } from "@/components/events/format";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { explorerHref } from "@/lib/filters/event-filters";
import { FLAG_LABELS, type FlagKind } from "@/lib/flags/types";
import { agentHref } from "@/lib/queries/agent-id";
import { TRACE_EVENT_CAP } from "@/lib/queries/trace";
import { formatDuration } from "@/lib/traces/duration";
import type { TraceView } from "@/lib/traces/view";

// The trace in a sentence, its findings, and the facts an investigator needs to go further:
// the ids, the time span, who took part (with links), the sessions and the explorer.

const mono = "font-mono text-xs break-all";
const MINUTE = 60_000;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function explorerLink(view: TraceView, correlationId: string): string {
  const range = {
    preset: "custom" as const,
    from: new Date(view.start.getTime() - MINUTE),
    to: new Date(view.end.getTime() + MINUTE),
  };
  return explorerHref({ correlationId, range });
}

function flagSummary(view: TraceView): string {
  const counts = new Map<FlagKind, number>();
  for (const flags of view.flags.values())
    for (const flag of flags) counts.set(flag.kind, (counts.get(flag.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${FLAG_LABELS[kind]} (${n})` : FLAG_LABELS[kind])).join(", ");
}

function Actors({ view }: { view: TraceView }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {view.actors.map((actor) => (
        <li key={`${actor.type}:${actor.id}`} className="text-sm">
          <span className="text-xs text-slate-500 dark:text-slate-400">{actor.type} </span>
          {actor.type === "agent" ? (
            <Link href={agentHref(actor.id)} className={linkClass}>
              {actor.name ?? actor.id}
            </Link>
          ) : (
            <span>{actor.name ?? actor.id}</span>
          )}
          {actor.name && <span className="font-mono text-xs text-slate-500 dark:text-slate-400"> {actor.id}</span>}
        </li>
      ))}
    </ul>
  );
}

export function TraceHeader({ view }: { view: TraceView }) {
  const duration = view.end.getTime() - view.start.getTime();
  return (
    <Card className="mb-4">
      <h2 className="sr-only">What happened</h2>
      <p className="text-base leading-relaxed text-slate-900 dark:text-slate-50" data-testid="trace-story">
        {view.story}
      </p>
      {view.flagCount > 0 && (
        <p
          role="note"
          className="mt-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          <span aria-hidden="true">⚠ </span>
          <strong>{view.flagCount === 1 ? "1 finding" : `${view.flagCount} findings`} in this trace:</strong>{" "}
          {flagSummary(view)}. The steps concerned are marked below.
        </p>
      )}
      {view.capped && (
        <p
          role="note"
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          This trace has more than {TRACE_EVENT_CAP.toLocaleString("en-US")} events; only the first{" "}
          {TRACE_EVENT_CAP.toLocaleString("en-US")} are shown. Use the explorer for the rest.
        </p>
      )}
      <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 xl:grid-cols-3">
        <Fact label={view.correlationIds.length > 1 ? "Correlation IDs" : "Correlation ID"}>
          {view.correlationIds.length === 0 ? (
            <span className="text-slate-500 dark:text-slate-400">none</span>
          ) : (
            <ul>
              {view.correlationIds.map((id) => (
                <li key={id}>
                  <span className={mono}>{id}</span>{" "}
                  <Link href={explorerLink(view, id)} className={`${linkClass} text-xs`}>
                    in the explorer
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={view.traceIds.length > 1 ? "Trace IDs" : "Trace ID"}>
          {view.traceIds.length === 0 ? (
            <span className="text-slate-500 dark:text-slate-400">none</span>
          ) : (
            <ul>
              {view.traceIds.map((id) => (
                <li key={id} className={mono}>
                  {id}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Time span">
          <time dateTime={view.start.toISOString()}>{formatEventTime(view.start.toISOString())}</time> –{" "}
          <time dateTime={view.end.toISOString()}>{formatEventTime(view.end.toISOString()).slice(11)}</time> UTC
          <span className="text-slate-600 dark:text-slate-400"> ({formatDuration(duration)})</span>
        </Fact>
        <Fact label="Events">{view.events.length.toLocaleString("en-US")}</Fact>
        <Fact label={view.sessionKeys.length > 1 ? "Sessions" : "Session"}>
          {view.sessionKeys.length === 0 ? (
            <span className="text-slate-500 dark:text-slate-400">none</span>
          ) : (
            <ul>
              {view.sessionKeys.map((key) => (
                <li key={key}>
                  <Link href={`/sessions/${encodeURIComponent(key)}`} className={`${linkClass} ${mono}`}>
                    {key}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Involved">
          <Actors view={view} />
        </Fact>
      </dl>
    </Card>
  );
}
