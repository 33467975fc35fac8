import Link from "next/link";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td, thPlain } from "@/components/ui/table";
import { agentHref } from "@/lib/queries/agent-id";
import { type SessionSummary, sessionHref } from "@/lib/queries/session-events";

const muted = "text-xs text-slate-600 dark:text-slate-400";

export function SessionsTable({ sessions }: { sessions: SessionSummary[] }) {
  return (
    <DataTable
      caption="Sessions, most recent activity first"
      columns={["Session", "User", "Agents", "MCP", "Events", "Last seen (UTC)"]}
      headerCell={thPlain}
    >
      {sessions.map((s) => (
        <tr key={s.sessionKey} data-testid="session-row">
          <td className={td}>
            <Link href={sessionHref(s.sessionKey)} className={`${linkClass} font-mono text-xs`}>
              {s.sessionId}
              <span className="sr-only"> of {s.userName ?? s.userId}</span>
            </Link>
          </td>
          <td className={td}>
            <Link href={`/sessions?${new URLSearchParams({ user: s.userId })}`} className={linkClass}>
              {s.userName ?? s.userId}
              <span className="sr-only">: all sessions</span>
            </Link>
            {s.userName && <span className={`block font-mono ${muted}`}>{s.userId}</span>}
          </td>
          <td className={`${td} text-xs`}>
            {s.agentIds.length === 0
              ? "—"
              : s.agentIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ", "}
                    <Link href={agentHref(id)} className={`${linkClass} font-mono`}>
                      {id}
                    </Link>
                  </span>
                ))}
          </td>
          <td className={`${td} text-xs`}>
            {s.mcpSessionIds.length === 0
              ? "stateless or none"
              : `${s.mcpSessionIds.length} MCP ${s.mcpSessionIds.length === 1 ? "session" : "sessions"}`}
          </td>
          <td className={`${td} font-mono text-xs tabular-nums`}>{s.events.toLocaleString("en-US")}</td>
          <td className={`${td} whitespace-nowrap font-mono text-xs`}>{formatUtc(s.lastSeen)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
