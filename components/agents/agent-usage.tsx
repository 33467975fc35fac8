import Link from "next/link";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { DataTable } from "@/components/ui/table";
import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import type { RecentEvent, ToolUse } from "@/lib/queries/agent-activity";
import type { StatusChange } from "@/lib/queries/agent-detail";
import { AgentStatusBadge } from "./agent-status-badge";
import { formatTime } from "./labels";

// What the agent used and did: tools and scopes in the range, its latest events, and the
// record of its suspensions and reactivations. Every item links into the explorer.

const muted = "text-xs text-slate-600 dark:text-slate-400";

export function ToolsAndScopes({
  agentId,
  tools,
  scopes,
  range,
}: {
  agentId: string;
  tools: ToolUse[];
  scopes: { scope: string; events: number }[];
  range: TimeRange;
}) {
  return (
    <Card title="Tools and scopes used in this range">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Tools</h3>
      {tools.length === 0 ? (
        <p className={`${muted} mt-1`}>No tool calls.</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {tools.map((tool) => (
            <li key={tool.tool} className="flex items-baseline justify-between gap-3">
              <Link
                href={explorerHref({ range, agent: agentId, types: ["mcp.tool.called"], target: tool.tool })}
                className={`${linkClass} font-mono text-xs`}
              >
                {tool.tool}
              </Link>
              <span className={`${muted} tabular-nums`}>
                {tool.calls.toLocaleString("en-US")} calls{tool.denied > 0 ? `, ${tool.denied} denied` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Scopes</h3>
      {scopes.length === 0 ? (
        <p className={`${muted} mt-1`}>No scopes recorded.</p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-1.5">
          {scopes.map((scope) => (
            <li
              key={scope.scope}
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200"
            >
              {scope.scope} <span className="text-slate-600 dark:text-slate-300">×{scope.events}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RecentEvents({ events, agentId, range }: { events: RecentEvent[]; agentId: string; range: TimeRange }) {
  return (
    <Card
      title="Recent events in this range"
      action={
        <Link href={explorerHref({ range, agent: agentId })} className={`${linkClass} text-xs`}>
          All in explorer
        </Link>
      }
    >
      {events.length === 0 ? (
        <p className={muted}>No events in this range.</p>
      ) : (
        <DataTable
          caption="Latest events of this agent"
          columns={["Time (UTC)", "Type", "Outcome", "Target", "On behalf of"]}
          inCard
        >
          {events.map((event) => (
            <tr key={event.eventId}>
              <td className="whitespace-nowrap py-1.5 pr-3">
                <Link href={`/events/${encodeURIComponent(event.eventId)}`} className={`${linkClass} text-xs`}>
                  {event.time.toISOString().slice(5, 19).replace("T", " ")}
                </Link>
              </td>
              <td className="py-1.5 pr-3 font-mono text-xs">{event.type}</td>
              <td className="py-1.5 pr-3">
                <OutcomeBadge outcome={event.outcome} />
              </td>
              <td className="max-w-40 truncate py-1.5 pr-3 font-mono text-xs">{event.targetId ?? "—"}</td>
              <td className="max-w-36 truncate py-1.5 text-xs">{event.onBehalfOfId ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

export function StatusHistory({ changes }: { changes: StatusChange[] }) {
  if (changes.length === 0) return null;
  return (
    <Card title="Status changes">
      <ol className="space-y-2">
        {changes.map((change) => (
          <li key={change.eventId} className="text-sm">
            <AgentStatusBadge status={change.status} />{" "}
            <Link href={`/events/${encodeURIComponent(change.eventId)}`} className={`${linkClass} text-xs`}>
              {formatTime(change.time)}
            </Link>
            <span className={`block ${muted}`}>
              by {change.by}
              {change.reason ? ` — ${change.reason}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
