import Link from "next/link";
import { linkClass, muted } from "@/components/ui/styles";
import { DataTable, td } from "@/components/ui/table";
import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import { agentHref } from "@/lib/queries/agent-id";
import type { AgentDelegations, ChainPath, HumanDelegations } from "@/lib/queries/delegations";
import { EscalationBadge } from "./escalation-badge";
import { chainText, count, formatTime, principalLabel } from "./links";

// The same chains seen from each end: per human, which agents act for them and through whom;
// per agent, for whom it acts and which delegators handed it the authority.

const MAX_ITEMS = 6;

function More({ total }: { total: number }) {
  return total > MAX_ITEMS ? <li className={muted}>and {count(total - MAX_ITEMS)} more</li> : null;
}

function Who({ id, name }: { id: string; name?: string | undefined }) {
  return (
    <>
      <span className="font-medium">{name ?? id}</span>
      {name && <span className={`block font-mono text-xs ${muted}`}>{id}</span>}
    </>
  );
}

export function HumansTable({
  humans,
  paths,
  range,
}: {
  humans: HumanDelegations[];
  paths: Map<string, ChainPath>;
  range: TimeRange;
}) {
  return (
    <DataTable
      caption="Who delegated: each originating human and the chains acting for them"
      columns={["Human", "Agents acting for them, and through whom", { label: "Events", numeric: true }, "Last seen"]}
    >
      {humans.map((human) => (
        <tr key={`${human.root.type}:${human.root.id}`}>
          <th scope="row" className={`${td} text-left font-normal`}>
            {human.root.type === "user" ? (
              <Link
                href={explorerHref({ range, onBehalfOf: human.root.id })}
                className={`${linkClass} font-medium`}
                title="Events on behalf of this person"
              >
                {principalLabel(human.root)}
              </Link>
            ) : (
              <Who id={human.root.id} name={human.root.name} />
            )}
            {human.root.type === "user" && human.root.name && (
              <span className={`block font-mono text-xs ${muted}`}>{human.root.id}</span>
            )}
            {human.root.type !== "user" && <span className={`block text-xs ${muted}`}>({human.root.type})</span>}
          </th>
          <td className={td}>
            <ul className="space-y-1 text-xs">
              {human.paths.slice(0, MAX_ITEMS).map((key) => {
                const path = paths.get(key);
                if (!path) return null;
                return (
                  <li key={key}>
                    {chainText(path.hops.slice(1))} <span className={muted}>({count(path.events)})</span>
                    {path.escalatedEvents > 0 && (
                      <>
                        {" "}
                        <EscalationBadge events={path.escalatedEvents} />
                      </>
                    )}
                  </li>
                );
              })}
              <More total={human.paths.length} />
            </ul>
          </td>
          <td className={`${td} text-right font-mono tabular-nums`}>{count(human.events)}</td>
          <td className={`${td} whitespace-nowrap ${muted}`}>{formatTime(human.lastSeen)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function AgentsTable({ agents }: { agents: AgentDelegations[] }) {
  return (
    <DataTable
      caption="Delegated agents: for whom each acts, and via which delegators"
      columns={["Agent", "Acts for, via", { label: "Events", numeric: true }, "Last seen"]}
    >
      {agents.map((entry) => (
        <tr key={`${entry.agent.type}:${entry.agent.id}`}>
          <th scope="row" className={`${td} text-left font-normal`}>
            {entry.agent.type === "user" ? (
              <Who id={entry.agent.id} name={entry.agent.name} />
            ) : (
              <Link href={agentHref(entry.agent.id)} className={`${linkClass} font-medium`}>
                {principalLabel(entry.agent)}
              </Link>
            )}
            {entry.agent.name && <span className={`block font-mono text-xs ${muted}`}>{entry.agent.id}</span>}
          </th>
          <td className={td}>
            <ul className="space-y-1 text-xs">
              {entry.principals.slice(0, MAX_ITEMS).map((item) => (
                <li key={`${item.root.id}|${item.via.map((v) => v.id).join(">")}`}>
                  <span className="font-medium">{principalLabel(item.root)}</span>{" "}
                  <span className={muted}>
                    {item.via.length ? `via ${chainText(item.via)}` : "directly"} ({count(item.events)})
                  </span>
                </li>
              ))}
              <More total={entry.principals.length} />
            </ul>
          </td>
          <td className={`${td} text-right font-mono tabular-nums`}>{count(entry.events)}</td>
          <td className={`${td} whitespace-nowrap ${muted}`}>{formatTime(entry.lastSeen)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
