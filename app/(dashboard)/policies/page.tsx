import type { Metadata } from "next";
import Link from "next/link";
import { RangePicker } from "@/components/overview/range-picker";
import { rangeText } from "@/components/policies/format";
import { PoliciesTable } from "@/components/policies/policies-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { explorerHref, toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange } from "@/lib/filters/time-range";
import { MAX_POLICIES, policyDecisions } from "@/lib/queries/policy-decisions";

export const metadata: Metadata = { title: "Policy decisions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PoliciesPage({ searchParams }: Props) {
  const auth = await requirePageAuth("data:read", "/policies");
  const range = parseTimeRange(toSearchParams(await searchParams));
  const { policies, capped } = await policyDecisions(auth.tenant.id, range);

  return (
    <>
      <PageHeader
        title="Policy decisions"
        description={`Decisions of each policy and version (policy.evaluated) over ${rangeText(range)}.`}
        actions={<RangePicker path="/policies" range={range} />}
      />
      {policies.length === 0 ? (
        <EmptyState title="No policy decisions in this range">
          No policy.evaluated events were recorded in {rangeText(range)}. Pick a longer range, or{" "}
          <Link href={explorerHref({ types: ["policy.evaluated"] })} className={linkClass}>
            look for policy evaluations in the explorer
          </Link>
          .
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            {policies.length.toLocaleString("en-US")} {policies.length === 1 ? "policy" : "policies"}, most evaluated
            first; versions newest first with the change from the version before. Counts open the range&apos;s policy
            evaluations in the explorer (it cannot filter by policy yet; denies open denied outcomes).
            {capped && ` Only the ${MAX_POLICIES} most evaluated policies are shown.`}
          </p>
          <PoliciesTable policies={policies} range={range} />
        </>
      )}
    </>
  );
}
