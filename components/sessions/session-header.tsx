import Link from "next/link";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { explorerHref } from "@/lib/filters/event-filters";
import { agentHref } from "@/lib/queries/agent-id";
import type { SessionSummary } from "@/lib/queries/session-events";

// Who the session belongs to and what took part in it, as the registry recorded it.

const dt = "text-xs font-medium text-slate-600 dark:text-slate-400";
const dd = "mt-0.5 text-sm text-slate-900 dark:text-slate-100";

export function SessionHeader({ session }: { session: SessionSummary }) {
  return (
    <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
      <div>
        <dt className={dt}>User</dt>
        <dd className={dd}>
          {session.userName && <span className="block">{session.userName}</span>}
          <Link
            href={`/sessions?${new URLSearchParams({ user: session.userId })}`}
            className={`${linkClass} font-mono text-xs`}
          >
            {session.userId}
            <span className="sr-only">: all sessions of this user</span>
          </Link>
        </dd>
      </div>
      <div>
        <dt className={dt}>Session id</dt>
        <dd className={`${dd} break-all font-mono text-xs`}>{session.sessionId}</dd>
      </div>
      <div>
        <dt className={dt}>First seen / last seen (UTC)</dt>
        <dd className={`${dd} font-mono text-xs`}>
          {formatUtc(session.firstSeen)}
          <span className="block">{formatUtc(session.lastSeen)}</span>
        </dd>
      </div>
      <div>
        <dt className={dt}>Events</dt>
        <dd className={`${dd} font-mono tabular-nums`}>{session.events.toLocaleString("en-US")}</dd>
      </div>
      <div>
        <dt className={dt}>Agents</dt>
        <dd className={dd}>
          {session.agentIds.length === 0 ? (
            "—"
          ) : (
            <ul className="space-y-0.5">
              {session.agentIds.map((id) => (
                <li key={id}>
                  <Link href={agentHref(id)} className={`${linkClass} font-mono text-xs`}>
                    {id}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt className={dt}>Clients</dt>
        <dd className={dd}>
          {session.clientIds.length === 0 ? (
            "—"
          ) : (
            <ul className="space-y-0.5">
              {session.clientIds.map((id) => (
                <li key={id}>
                  <Link href={explorerHref({ client: id })} className={`${linkClass} break-all font-mono text-xs`}>
                    {id}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className={dt}>MCP sessions</dt>
        <dd className={dd}>
          {session.mcpSessionIds.length === 0 ? (
            <span className="text-xs">None: every MCP call was stateless, or none was made.</span>
          ) : (
            <ul className="space-y-0.5">
              {session.mcpSessionIds.map((id) => (
                <li key={id} className="break-all font-mono text-xs">
                  {id}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}
