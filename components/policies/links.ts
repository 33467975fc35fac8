import { explorerHref } from "@/lib/filters/event-filters";
import type { TimeRange } from "@/lib/filters/time-range";
import type { Decision } from "@/lib/queries/policy-decisions";

// Where a policy count leads. The explorer has no policy or decision filter yet (its filters
// are typed columns; the policy lives in the event's JSON), so a count opens the range's
// policy evaluations, narrowed to denied outcomes for denies. Once the explorer can filter by
// policy id, version and decision, only this function changes.
export function decisionHref(range: TimeRange, _policyId: string, decision?: Decision): string {
  return explorerHref({
    range,
    types: ["policy.evaluated"],
    ...(decision === "deny" ? { outcomes: ["denied"] } : {}),
  });
}
