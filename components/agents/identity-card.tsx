import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import type { Delegator } from "@/lib/queries/agent-activity";
import type { AgentIdentity } from "@/lib/queries/agent-detail";
import { AgentStatusBadge } from "./agent-status-badge";
import { formatTime, kindLabel, registrationLabel } from "./labels";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2">
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="col-span-2 min-w-0 break-words text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

export function IdentityCard({
  agent,
  delegators,
  range,
}: {
  agent: AgentIdentity;
  delegators: Delegator[];
  range: TimeRange;
}) {
  return (
    <Card title="Identity">
      <dl className="divide-y divide-slate-100 dark:divide-slate-800">
        <Row term="Agent id">
          <code className="font-mono text-xs">{agent.agentId}</code>
        </Row>
        <Row term="Name">{agent.name ?? "—"}</Row>
        <Row term="Kind">{kindLabel(agent.kind)}</Row>
        <Row term="Registration">{registrationLabel(agent.registration)}</Row>
        <Row term="Status">
          <AgentStatusBadge status={agent.status} />
          {agent.statusChangedAt && (
            <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
              since {formatTime(agent.statusChangedAt)}
            </span>
          )}
        </Row>
        <Row term="OAuth clients">
          {agent.clients.length === 0 ? (
            "None seen"
          ) : (
            <ul className="space-y-1.5">
              {agent.clients.map((client) => (
                <li key={client.clientId}>
                  <Link
                    href={explorerHref({ range, client: client.clientId })}
                    className={`${linkClass} font-mono text-xs`}
                  >
                    {client.clientId}
                  </Link>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {client.name ? `${client.name} · ` : ""}
                    {kindLabel(client.kind)} · {registrationLabel(client.registration)}
                  </span>
                  {client.metadataUrl && client.metadataUrl !== client.clientId && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      Metadata document: <span className="font-mono break-all">{client.metadataUrl}</span>
                    </span>
                  )}
                  {client.metadataUrl === client.clientId && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      The client id is its metadata document URL.
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row term="Owner">
          {agent.owner ? (
            <>
              <Link href={explorerHref({ range, onBehalfOf: agent.owner.userId })} className={linkClass}>
                {agent.owner.name ?? agent.owner.userId}
              </Link>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                The first person to delegate to it{agent.owner.since ? `, ${formatTime(agent.owner.since)}` : ""}
              </span>
            </>
          ) : (
            "None (no human has delegated to it)"
          )}
        </Row>
        <Row term="Delegated by">
          {delegators.length === 0 ? (
            "Nobody in this range"
          ) : (
            <ul className="space-y-0.5">
              {delegators.map((person) => (
                <li key={person.userId}>
                  <Link
                    href={explorerHref({ range, agent: agent.agentId, onBehalfOf: person.userId })}
                    className={linkClass}
                  >
                    {person.name ?? person.userId}
                  </Link>{" "}
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {person.events.toLocaleString("en-US")} events
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row term="Consents">
          <Link href={`/consents?agent=${encodeURIComponent(agent.agentId)}`} className={linkClass}>
            Consent history
          </Link>
        </Row>
        <Row term="First seen">{formatTime(agent.firstSeen)}</Row>
        <Row term="Last seen">{formatTime(agent.lastSeen)}</Row>
        <Row term="Events (all time)">{agent.events.toLocaleString("en-US")}</Row>
      </dl>
    </Card>
  );
}
