import Link from "next/link";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable } from "@/components/ui/table";
import { agentHref } from "@/lib/queries/agent-id";
import type { McpGroup, SessionEvent } from "@/lib/queries/session-events";
import { mcpLabel, mcpTint, STATELESS_LABEL } from "./mcp-label";

// Everything done under one human session, oldest first. Each MCP session (stateful clients)
// gets a coloured edge and its id on the row; stateless calls say so in words.

/** Tighter than the shared `thPlain` and `td` (px-2, not px-3); header and cells keep the same padding. */
const th = "px-2 py-2 text-left text-xs font-medium text-slate-600 dark:text-slate-400";
const td = "px-2 py-1.5 align-top";
const muted = "text-slate-500 dark:text-slate-400";
/** MCP session ids are long random strings; the row shows enough to tell them apart (full id in the title). */
const shortId = (id: string) => (id.length > 16 ? `${id.slice(0, 14)}…` : id);
/** "stateless (MCP 2026-07-28)" on two lines, to keep the column narrow; it reads as one phrase. */
function statelessParts(label: string | null) {
  const match = label?.match(/^(stateless) (\(.*\))$/);
  if (!match) return label;
  return (
    <>
      {match[1]} <span className="block text-slate-600 dark:text-slate-400">{match[2]}</span>
    </>
  );
}

export function McpGroups({ groups }: { groups: McpGroup[] }) {
  if (groups.length === 0)
    return <p className={`text-sm ${muted}`}>No MCP calls in this session (consents, tokens and other events only).</p>;
  let stateful = 0;
  return (
    <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
      {groups.map((group) => {
        const index = group.mcpSessionId ? stateful++ : undefined;
        return (
          <li
            key={group.mcpSessionId ?? "stateless"}
            className={`rounded-md border border-l-4 border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900 ${mcpTint(index)}`}
          >
            <span className="block break-all font-mono text-xs text-slate-900 dark:text-slate-100">
              {group.mcpSessionId ?? STATELESS_LABEL}
            </span>
            <span className={`block text-xs ${muted}`}>
              {group.events.toLocaleString("en-US")} {group.events === 1 ? "call" : "calls"}, {formatUtc(group.first)} –{" "}
              {formatUtc(group.last).slice(11)} · {group.agentIds.join(", ")}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function SessionTimeline({ events, groups }: { events: SessionEvent[]; groups: McpGroup[] }) {
  const tintOf = new Map<string, number>();
  for (const group of groups) if (group.mcpSessionId) tintOf.set(group.mcpSessionId, tintOf.size);
  return (
    <DataTable
      caption="Events of this session, oldest first"
      columns={["Time (UTC)", "MCP session", "Type", "Outcome", "Actor", "Target", "Request"]}
      headerCell={th}
    >
      {events.map((event) => {
        const label = mcpLabel(event);
        return (
          <tr
            key={event.eventId}
            data-testid="session-event"
            className={`border-l-4 ${mcpTint(event.mcpSessionId ? tintOf.get(event.mcpSessionId) : undefined)}`}
          >
            <td className={`${td} whitespace-nowrap`}>
              <Link
                href={`/events/${encodeURIComponent(event.eventId)}`}
                className={`${linkClass} font-mono text-xs`}
                title={`${formatUtc(event.time)} UTC`}
              >
                {/* The year is in the header's first/last seen; rows keep month-day and time. */}
                {formatUtc(event.time).slice(5)}
                <span className="sr-only"> {event.type}</span>
              </Link>
            </td>
            <td className={`${td} whitespace-nowrap font-mono text-xs`} title={label ?? undefined}>
              {event.mcpSessionId ? (
                <>
                  <span aria-hidden="true">{shortId(event.mcpSessionId)}</span>
                  <span className="sr-only">{event.mcpSessionId}</span>
                </>
              ) : (
                (statelessParts(label) ?? (
                  <span className={muted}>
                    —<span className="sr-only">not an MCP call</span>
                  </span>
                ))
              )}
            </td>
            <td className={`${td} font-mono text-xs`}>{event.type}</td>
            <td className={td}>
              <OutcomeBadge outcome={event.outcome} />
            </td>
            <td className={`${td} whitespace-nowrap text-xs`}>
              {event.agentId ? (
                <Link href={agentHref(event.agentId)} className={linkClass}>
                  {event.actorName ?? event.agentId}
                </Link>
              ) : (
                (event.actorName ?? event.actorId)
              )}
            </td>
            <td className={`${td} max-w-48 truncate font-mono text-xs`} title={event.targetId ?? undefined}>
              {event.targetId ?? <span className={muted}>—</span>}
            </td>
            <td className={`${td} whitespace-nowrap text-xs`}>
              {event.correlationId ? (
                <Link href={`/traces/${encodeURIComponent(event.correlationId)}`} className={linkClass}>
                  Trace<span className="sr-only"> of request {event.correlationId}</span>
                </Link>
              ) : (
                <span className={muted}>—</span>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
