import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import { agentHref } from "@/lib/queries/agent-id";
import type { AgentListItem } from "@/lib/queries/agents-list";
import { AgentStatusBadge } from "./agent-status-badge";
import { formatTime, kindLabel, registrationLabel } from "./labels";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const td = "px-3 py-2 align-top";

export function AgentsTable({ agents, caption }: { agents: AgentListItem[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Agent
            </th>
            <th scope="col" className={th}>
              Kind
            </th>
            <th scope="col" className={th}>
              Registration
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} text-right`}>
              Events
            </th>
            <th scope="col" className={th}>
              First seen
            </th>
            <th scope="col" className={th}>
              Last seen
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {agents.map((agent) => (
            <tr
              key={agent.agentId}
              className={agent.status === "suspended" ? "bg-red-50/60 dark:bg-red-950/20" : undefined}
            >
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={agentHref(agent.agentId)} className={`${linkClass} font-medium`}>
                  {agent.name ?? agent.agentId}
                </Link>
                <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{agent.agentId}</span>
              </th>
              <td className={td}>{kindLabel(agent.kind)}</td>
              <td className={td}>{registrationLabel(agent.registration)}</td>
              <td className={td}>
                <AgentStatusBadge status={agent.status} />
              </td>
              <td className={`${td} text-right font-mono tabular-nums`}>{agent.events.toLocaleString("en-US")}</td>
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                {formatTime(agent.firstSeen)}
              </td>
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                {formatTime(agent.lastSeen)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
