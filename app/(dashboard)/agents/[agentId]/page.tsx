import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgentStatusBadge } from "@/components/agents/agent-status-badge";
import { RecentEvents, StatusHistory, ToolsAndScopes } from "@/components/agents/agent-usage";
import { IdentityCard } from "@/components/agents/identity-card";
import { AgentStatusControl } from "@/components/agents/status-control";
import { StackedTimeChart } from "@/components/charts/stacked-time-chart";
import { RangePicker } from "@/components/overview/range-picker";
import { OUTCOME_SERIES } from "@/components/overview/series";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requirePageAuth } from "@/lib/auth/session";
import { explorerHref, toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange } from "@/lib/filters/time-range";
import { agentActivity } from "@/lib/queries/agent-activity";
import { agentIdentity } from "@/lib/queries/agent-detail";
import { agentHref, agentIdFromParam } from "@/lib/queries/agent-id";

type Props = {
  params: Promise<{ agentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Agent ${agentIdFromParam((await params).agentId)}` };
}

export default async function AgentPage({ params, searchParams }: Props) {
  const agentId = agentIdFromParam((await params).agentId);
  const auth = await requirePageAuth("data:read", agentHref(agentId));
  // Scoped to the signed-in tenant: another tenant's agent id is a 404, never a 403.
  const agent = await agentIdentity(auth.tenant.id, agentId);
  if (!agent) notFound();
  const range = parseTimeRange(toSearchParams(await searchParams));
  const activity = await agentActivity(auth.tenant.id, agentId, range);
  const displayName = agent.name ?? agent.agentId;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/agents" className={linkClass}>
          ← Agents
        </Link>
      </p>
      <PageHeader
        title={displayName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs">{agent.agentId}</code>
            <AgentStatusBadge status={agent.status} />
          </span>
        }
        actions={
          can(auth.role, "agents:manage") ? (
            <AgentStatusControl agentId={agent.agentId} agentName={displayName} status={agent.status} />
          ) : undefined
        }
      />
      {agent.status === "suspended" && (
        <div
          role="note"
          className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          <strong>This agent is suspended</strong>
          {agent.statusChangedAt
            ? ` since ${agent.statusChangedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
            : ""}
          {agent.statusChanges[0]?.status === "suspended" && agent.statusChanges[0].reason
            ? `: ${agent.statusChanges[0].reason}`
            : "."}
        </div>
      )}
      <div className="mb-4">
        <RangePicker path={agentHref(agent.agentId)} range={range} />
      </div>
      <div className="grid gap-4 xl:grid-cols-5">
        <div className="space-y-4 xl:col-span-2">
          <IdentityCard agent={agent} delegators={activity.delegators} range={range} />
          <StatusHistory changes={agent.statusChanges} />
        </div>
        <div className="min-w-0 space-y-4 xl:col-span-3">
          <StackedTimeChart
            id="chart-agent-activity"
            title="Activity"
            description={`This agent's events per ${activity.bucket}, stacked by outcome. Select a bar to open those events.`}
            data={activity.series}
            series={OUTCOME_SERIES}
            bucket={activity.bucket}
            href={explorerHref({ range, agent: agent.agentId })}
            filter={{ agent: agent.agentId }}
            seriesAreOutcomes
          />
          <ToolsAndScopes agentId={agent.agentId} tools={activity.tools} scopes={activity.scopes} range={range} />
          <RecentEvents events={activity.recent} agentId={agent.agentId} range={range} />
        </div>
      </div>
    </>
  );
}
