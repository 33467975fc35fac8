import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td } from "@/components/ui/table";
import { agentHref } from "@/lib/queries/agent-id";
import type { AgentListItem } from "@/lib/queries/agents-list";
import { AgentStatusBadge } from "./agent-status-badge";
import { formatTime, kindLabel, registrationLabel } from "./labels";

export function AgentsTable({ agents, caption }: { agents: AgentListItem[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={[
        "Agent",
        "Kind",
        "Registration",
        "Status",
        { label: "Events", numeric: true },
        "First seen",
        "Last seen",
      ]}
    >
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
          <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>{formatTime(agent.lastSeen)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
