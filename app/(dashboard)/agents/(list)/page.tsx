import type { Metadata } from "next";
import Link from "next/link";
import { AgentFilters } from "@/components/agents/agent-filters";
import { AgentsTable } from "@/components/agents/agents-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { toSearchParams } from "@/lib/filters/event-filters";
import { listAgents, parseAgentListParams } from "@/lib/queries/agents-list";

export const metadata: Metadata = { title: "Agents" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/agents");
  const urlParams = toSearchParams(await searchParams);
  const params = parseAgentListParams(urlParams);
  const { agents, total, page, pageSize } = await listAgents(auth.tenant.id, params);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (n: number) => {
    const next = new URLSearchParams(urlParams);
    next.set("page", String(n));
    return `/agents?${next}`;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;

  return (
    <>
      <PageHeader
        title="Agents"
        description="Every agent, app and service seen acting in this tenant, derived from its events."
      />
      <AgentFilters params={params} />
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {total === 0
          ? "No agents match."
          : `Showing ${first.toLocaleString("en-US")}–${(first + agents.length - 1).toLocaleString("en-US")} of ${total.toLocaleString("en-US")} agents.`}
      </p>
      {agents.length === 0 ? (
        <EmptyState title="No agents found">
          {params.q || params.kind || params.registration || params.status
            ? "No agent matches these filters. Clear them to see every agent."
            : "Agents appear here as soon as events that name them are collected."}
        </EmptyState>
      ) : (
        <AgentsTable agents={agents} caption={`Agents, sorted by ${params.sort.replace("_", " ")}`} />
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={pageHref(page - 1)} className={buttonClass}>
              Previous
            </Link>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={pageHref(page + 1)} className={buttonClass}>
              Next
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
