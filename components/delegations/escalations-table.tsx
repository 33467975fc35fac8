import Link from "next/link";
import { linkClass, muted } from "@/components/ui/styles";
import { DataTable, td } from "@/components/ui/table";
import type { EscalatedEvent } from "@/lib/queries/delegations";
import { chainText, count, eventHref, formatTime, principalLabel, traceHref } from "./links";

// Events in the range whose chain escalates: which hop gained which scopes over which delegator,
// newest first, each linked to its event and its trace.

export function EscalationsTable({ events, total }: { events: EscalatedEvent[]; total: number }) {
  return (
    <DataTable
      caption="Events whose delegation chain escalates, newest first"
      columns={["Time", "Escalating hop", "Extra scopes", "Chain", "Links"]}
      footer={
        total > events.length && (
          <p className={`border-t border-slate-200 px-3 py-2 text-xs dark:border-slate-800 ${muted}`}>
            Showing the {count(events.length)} newest of {count(total)} escalating events.
          </p>
        )
      }
    >
      {events.flatMap((event) =>
        event.escalations.map((escalation) => {
          const hop = event.hops[escalation.hopIndex];
          const delegator = event.hops[escalation.delegatorIndex];
          return (
            <tr key={`${event.eventId}:${escalation.hopIndex}`}>
              <td className={`${td} whitespace-nowrap ${muted}`}>{formatTime(event.time)}</td>
              <th scope="row" className={`${td} text-left font-normal`}>
                <span className="font-mono text-xs">{hop?.id}</span>
                <span className={`block text-xs ${muted}`}>
                  hop {escalation.hopIndex} of {event.hops.length - 1}, delegated by{" "}
                  <span className="font-mono">{delegator?.id}</span>
                </span>
              </th>
              <td className={td}>
                <span className="flex flex-wrap gap-1">
                  {escalation.scopes.map((scope) => (
                    <code
                      key={scope}
                      className="rounded bg-red-100 px-1 text-xs text-red-800 dark:bg-red-500/15 dark:text-red-300"
                    >
                      {scope}
                    </code>
                  ))}
                </span>
                <span className="sr-only">
                  {`: ${hop ? principalLabel(hop) : "the hop"} holds scopes its delegator did not hold`}
                </span>
              </td>
              <td className={`${td} text-xs`}>{chainText(event.hops)}</td>
              <td className={`${td} text-xs`}>
                <Link href={eventHref(event.eventId)} className={`${linkClass} block`}>
                  Event <span className="font-mono">{event.type}</span>
                  <span className="sr-only"> at {formatTime(event.time)}</span>
                </Link>
                {event.correlationId && (
                  <Link href={traceHref(event.correlationId)} className={`${linkClass} block`}>
                    Trace<span className="sr-only"> of the event at {formatTime(event.time)}</span>
                  </Link>
                )}
              </td>
            </tr>
          );
        }),
      )}
    </DataTable>
  );
}
