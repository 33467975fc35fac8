import type { Metadata } from "next";
import Link from "next/link";
import { AlertsKpi } from "@/components/alerts/alerts-kpi";
import { RankedBarChart } from "@/components/charts/ranked-bar-chart";
import { StackedTimeChart } from "@/components/charts/stacked-time-chart";
import { IntegrityCard } from "@/components/integrity/integrity-card";
import { KpiCard } from "@/components/overview/kpi-card";
import { RangePicker } from "@/components/overview/range-picker";
import { DECISION_SERIES, OUTCOME_SERIES } from "@/components/overview/series";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { explorerHref, toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange } from "@/lib/filters/time-range";
import { agentHref } from "@/lib/queries/agent-id";
import { overviewAggregates } from "@/lib/queries/overview";

export const metadata: Metadata = { title: "Overview" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/overview");
  const range = parseTimeRange(toSearchParams(await searchParams));
  const data = await overviewAggregates(auth.tenant.id, range);
  const { totals } = data;
  const rangeText =
    range.preset === "custom"
      ? `${range.from.toISOString().slice(0, 16).replace("T", " ")} – ${range.to.toISOString().slice(0, 16).replace("T", " ")} UTC`
      : `the last ${range.preset}`;

  return (
    <>
      <PageHeader
        title="Overview"
        description={`Activity in ${auth.tenant.name} over ${rangeText}.`}
        actions={<RangePicker path="/overview" range={range} />}
      />
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <AlertsKpi tenantId={auth.tenant.id} />
        <KpiCard
          testId="kpi-events"
          label="Events"
          value={totals.events}
          href={explorerHref({ range })}
          hint="All events"
        />
        <KpiCard
          testId="kpi-agents"
          label="Active agents"
          value={totals.activeAgents}
          href={`/agents?${new URLSearchParams({ status: "active", sort: "last_seen" })}`}
          hint="Agents acting, not suspended"
        />
        <KpiCard
          testId="kpi-denials"
          label="Denials"
          value={totals.denials}
          href={explorerHref({ range, outcomes: ["denied"] })}
          hint="Denied actions and policy denies"
          tone="alert"
        />
        <KpiCard
          testId="kpi-approvals"
          label="Pending approvals"
          value={totals.pendingApprovals}
          href={explorerHref({ range, types: ["approval.requested"] })}
          hint="Requested, not yet decided"
          tone="warn"
        />
        <KpiCard
          testId="kpi-token-rejections"
          label="Token rejections"
          value={totals.tokenRejections}
          href={explorerHref({ range, types: ["token.rejected"] })}
          hint="Expired, wrong audience, cross-tenant…"
          tone="alert"
        />
      </section>
      <IntegrityCard tenantId={auth.tenant.id} />

      {totals.events === 0 ? (
        <div className="mt-6">
          <EmptyState title="No events in this range">
            Nothing was recorded in {rangeText}. Pick a longer range, or{" "}
            <Link href={explorerHref({})} className={linkClass}>
              open the explorer
            </Link>{" "}
            to see the latest events.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-6 grid gap-4 lg:grid-cols-2">
          <StackedTimeChart
            id="chart-outcomes"
            title="Events over time"
            description={`Events per ${data.bucket}, stacked by outcome. Select a bar to open those events.`}
            data={data.series}
            series={OUTCOME_SERIES}
            bucket={data.bucket}
            href={explorerHref({ range })}
            seriesAreOutcomes
          />
          <StackedTimeChart
            id="chart-decisions"
            title="Policy decisions over time"
            description={`policy.evaluated decisions per ${data.bucket}: allow, deny, require approval.`}
            data={data.series}
            series={DECISION_SERIES}
            bucket={data.bucket}
            href={explorerHref({ range, types: ["policy.evaluated"] })}
            filter={{ types: ["policy.evaluated"] }}
          />
          <RankedBarChart
            id="chart-agents"
            title="Top agents"
            description="Agents and services with the most events in this range."
            valueLabel="Events"
            href={`/agents?${new URLSearchParams({ sort: "events" })}`}
            hrefLabel="All agents"
            flagLegend="Red: suspended agent"
            items={data.topAgents.map((agent) => ({
              label: agent.name ?? agent.agentId,
              value: agent.events,
              href: explorerHref({ range, agent: agent.agentId }),
              ...(agent.status === "suspended" ? { flag: "suspended" } : {}),
              secondary: { label: "Agent page", href: agentHref(agent.agentId) },
            }))}
          />
          <RankedBarChart
            id="chart-tools"
            title="Top tools"
            description="MCP tools called most in this range (mcp.tool.called)."
            valueLabel="Calls"
            href={explorerHref({ range, types: ["mcp.tool.called"] })}
            items={data.topTools.map((tool) => ({
              label: tool.tool,
              value: tool.calls,
              href: explorerHref({ range, types: ["mcp.tool.called"], target: tool.tool }),
              ...(tool.denied > 0 ? { detail: `${tool.denied} denied` } : {}),
            }))}
          />
        </div>
      )}
    </>
  );
}
