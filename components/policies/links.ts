import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import type { Decision } from "@/lib/queries/policy-decisions";

// Where a policy count leads: the range's evaluations of that policy, with that decision.
// The explorer has no version filter, so a version's count opens all versions of the policy.
export function decisionHref(range: TimeRange, policyId: string, decision?: Decision): string {
  return explorerHref({
    range,
    types: ["policy.evaluated"],
    policy: policyId,
    ...(decision ? { decision } : {}),
  });
}
