import Link from "next/link";
import { eventHref, traceHref } from "@/components/approvals/links";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td, thPlain } from "@/components/ui/table";
import type { EvidenceEvent } from "@/lib/alerts/inbox";

const muted = "text-xs text-slate-600 dark:text-slate-400";

// The events that prove the alert, oldest first, each linked to its detail and its request's trace.
export function EvidenceTable({ events }: { events: EvidenceEvent[] }) {
  return (
    <DataTable
      caption="Evidence events, oldest first"
      columns={["Time (UTC)", "Type", "Actor", "Target", "Outcome", "Trace"]}
      headerCell={thPlain}
    >
      {events.map((e) => (
        <tr key={e.eventId} data-testid="evidence-row">
          <td className={`${td} whitespace-nowrap`}>
            <Link href={eventHref(e.eventId)} className={`${linkClass} font-mono text-xs`}>
              {formatUtc(e.time)}
              <span className="sr-only"> event {e.eventId}</span>
            </Link>
          </td>
          <td className={`${td} font-mono text-xs`}>{e.type}</td>
          <td className={td}>
            {e.actorName ?? e.actorId}
            {e.actorName && <span className={`block font-mono ${muted}`}>{e.actorId}</span>}
          </td>
          <td className={`${td} font-mono text-xs`}>
            {e.targetId ? `${e.targetType ? `${e.targetType} ` : ""}${e.targetId}` : <span className={muted}>—</span>}
          </td>
          <td className={td}>
            <OutcomeBadge outcome={e.outcome} />
          </td>
          <td className={td}>
            {e.correlationId ? (
              <Link href={traceHref(e.correlationId)} className={`${linkClass} font-mono text-xs`}>
                {e.correlationId}
                <span className="sr-only"> (trace)</span>
              </Link>
            ) : (
              <span className={muted}>no correlation id</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
