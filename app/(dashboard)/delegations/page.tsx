import type { Metadata } from "next";
import Link from "next/link";
import { RankedBarChart } from "@/components/charts/ranked-bar-chart";
import { AgentsTable, HumansTable } from "@/components/delegations/by-principal";
import { ChainPathsTable } from "@/components/delegations/chain-paths-table";
import { DepthTable } from "@/components/delegations/depth-table";
import { EscalationsTable } from "@/components/delegations/escalations-table";
import { count, principalLabel } from "@/components/delegations/links";
import { RangePicker } from "@/components/overview/range-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass, sectionHeading } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { explorerHref, toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange, type TimeRange } from "@/lib/filters/time-range";
import { agentHref } from "@/lib/queries/agent-id";
import { delegationOverview } from "@/lib/queries/delegations";

export const metadata: Metadata = { title: "Delegations" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const MAX_PATHS = 100;

const rangeText = (range: TimeRange) =>
  range.preset === "custom"
    ? `${range.from.toISOString().slice(0, 16).replace("T", " ")} – ${range.to.toISOString().slice(0, 16).replace("T", " ")} UTC`
    : `the last ${range.preset}`;

export default async function DelegationsPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/delegations");
  const range = parseTimeRange(toSearchParams(await searchParams));
  const data = await delegationOverview(auth.tenant.id, range);
  const pathsByKey = new Map(data.paths.map((path) => [path.key, path]));

  return (
    <>
      <PageHeader
        title="Delegations"
        description={`Chains of authority, human → agent → agent, in ${rangeText(range)}.`}
        actions={<RangePicker path="/delegations" range={range} />}
      />
      {data.events === 0 ? (
        <EmptyState title="No delegated events in this range">
          No event in {rangeText(range)} carries a delegation chain (or an RFC 8693 <code>act</code> claim). Pick a
          longer range, or{" "}
          <Link href={explorerHref({ range })} className={linkClass}>
            open the explorer
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            {count(data.events)} delegated events on {count(data.paths.length)} chain paths, for{" "}
            {count(data.humans.length)} {data.humans.length === 1 ? "principal" : "principals"}.{" "}
            {data.escalatedEvents > 0 ? (
              <strong className="text-red-700 dark:text-red-400">
                {count(data.escalatedEvents)} {data.escalatedEvents === 1 ? "event" : "events"} escalated scope.
              </strong>
            ) : (
              "No chain escalated scope."
            )}
            {data.truncated && " This range holds very many chain variants: only the most recent are shown."}
          </p>

          <section aria-labelledby="escalations-heading">
            <h2 id="escalations-heading" className={sectionHeading}>
              Escalations
            </h2>
            {data.escalations.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No hop in this range held a scope its delegator did not hold.
              </p>
            ) : (
              <EscalationsTable events={data.escalations} total={data.escalatedEvents} />
            )}
          </section>

          <div className="grid gap-4 lg:grid-cols-2">
            <RankedBarChart
              id="chart-delegators"
              title="Top delegators"
              description="Agents that handed authority on to another agent, by delegated events passing through them."
              valueLabel="Delegated events"
              href={explorerHref({ range, types: ["token.exchanged"] })}
              hrefLabel="Token exchanges"
              items={data.delegators.slice(0, 10).map((d) => ({
                label: principalLabel(d.agent),
                value: d.events,
                href: explorerHref({ range, agent: d.agent.id }),
                secondary: { label: "Agent page", href: agentHref(d.agent.id) },
              }))}
            />
            <DepthTable byDepth={data.byDepth} />
          </div>

          <section aria-labelledby="paths-heading">
            <h2 id="paths-heading" className={sectionHeading}>
              Chain paths
            </h2>
            <ChainPathsTable paths={data.paths} range={range} limit={MAX_PATHS} />
          </section>

          <div className="space-y-8">
            <section aria-labelledby="humans-heading" className="min-w-0">
              <h2 id="humans-heading" className={sectionHeading}>
                By human
              </h2>
              <HumansTable humans={data.humans} paths={pathsByKey} range={range} />
            </section>
            <section aria-labelledby="agents-heading" className="min-w-0">
              <h2 id="agents-heading" className={sectionHeading}>
                By agent
              </h2>
              <AgentsTable agents={data.agents} />
            </section>
          </div>
        </div>
      )}
    </>
  );
}
