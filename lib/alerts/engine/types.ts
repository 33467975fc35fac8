import type pg from "pg";
import type { FlagEvent } from "../../flags/types";
import type { AlertRule, EventMatch } from "../rules/schema";

// The evaluation engine's contract. `evaluateTenant` (evaluate.ts) reads a batch of newly
// committed events (by seq, after the tenant's cursor) and hands it to one evaluator per
// enabled rule; each returns the alerts that batch raises. Alerts are stored with ON CONFLICT
// DO NOTHING on (tenant, rule, group, window), in the same transaction that moves the
// cursor, so a retry or a restart can never raise one twice.

/** A stored event as evaluators see it: the flag view plus the columns rules group and filter on. */
export type EngineEvent = FlagEvent & {
  targetType: string | null;
  targetId: string | null;
  policyDecision: string | null;
  reason: string | null;
};

export type Candidate = {
  ruleId: string;
  /** "agent:<id>", "user:<id>", "client:<id>", "tool:<id>", or "" when the rule does not group. */
  groupKey: string;
  /** Identifies the window within the rule and group; the same window always gives the same key. */
  windowKey: string;
  windowStart: Date;
  windowEnd: Date;
  /** One sentence with the numbers, e.g. "6 denials by billing-copilot within 5m (threshold 5)". */
  summary: string;
  /** The numbers, for the inbox: count and threshold, z-score, mean and sd, … */
  explanation: Record<string, unknown>;
  /** Event ids that prove it (at most 100). */
  evidenceIds: string[];
};

export type EvalContext = {
  tenantId: string;
  /** This batch's new events, in seq order. */
  events: readonly EngineEvent[];
  /** The evaluation's clock (tests pass a fixed one). */
  now: Date;
  /** The evaluation transaction: read through it, so the batch and its context agree. */
  db: pg.PoolClient;
  /**
   * Set when replaying history for "test this rule": nothing is stored, so evaluators keep
   * what they would have stored (e.g. threshold episodes) here, across batches, instead of
   * reading the alerts table.
   */
  replay?: { episodes: Map<string, number[]> };
};

export type Evaluator<R extends AlertRule = AlertRule> = (rule: R, context: EvalContext) => Promise<Candidate[]>;

/** Does the event match the rule's `match` and `scope`? Lists match any of their values. */
export function matches(event: EngineEvent, match: EventMatch | undefined, scope?: AlertRule["scope"]): boolean {
  if (match?.types && !match.types.includes(event.type)) return false;
  if (match?.outcomes && !(match.outcomes as readonly string[]).includes(event.outcome)) return false;
  if (
    match?.decisions &&
    !(event.policyDecision && (match.decisions as readonly string[]).includes(event.policyDecision))
  )
    return false;
  if (match?.reasons && !(event.reason && match.reasons.includes(event.reason))) return false;
  if (match?.targets && !(event.targetId && match.targets.includes(event.targetId))) return false;
  if (scope?.agents && !(event.agentId && scope.agents.includes(event.agentId))) return false;
  if (scope?.users && !(event.onBehalfOfId && scope.users.includes(event.onBehalfOfId))) return false;
  if (scope?.tools && !(event.targetType === "tool" && event.targetId && scope.tools.includes(event.targetId)))
    return false;
  return true;
}
