import { pool } from "../db";

// Policy decisions in a time range, from `policy.evaluated` events: counts per policy id and
// version and decision, the most frequent reasons per decision, and when each version was
// first and last evaluated. Both statements are scoped `tenant_id = $1 AND type =
// 'policy.evaluated' AND time in range`, which the (tenant_id, type, time) index serves.
// Versions of one policy are returned together, newest first, so a change (v6 → v7) reads as one group.

export const DECISIONS = ["allow", "deny", "require_approval"] as const;
export type Decision = (typeof DECISIONS)[number];

export type Range = { from: Date; to: Date };
export type DecisionCounts = Record<Decision, number>;
export type ReasonCount = { reason: string; count: number };

export type PolicyVersionStats = {
  /** null when the events named no version. */
  version: string | null;
  counts: DecisionCounts;
  total: number;
  firstEvaluated: Date;
  lastEvaluated: Date;
  /** Top reasons per decision, most frequent first (at most REASONS_PER_DECISION each). */
  reasons: Record<Decision, ReasonCount[]>;
};

export type PolicyStats = {
  policyId: string;
  counts: DecisionCounts;
  total: number;
  lastEvaluated: Date;
  /** Newest version first (numeric when versions are numbers, else by last evaluation). */
  versions: PolicyVersionStats[];
};

export const REASONS_PER_DECISION = 3;
/** Policies beyond this many (by evaluations) are left out; the page says so. */
export const MAX_POLICIES = 200;

const SCOPE = "tenant_id = $1 AND type = 'policy.evaluated' AND time >= $2 AND time < $3";
const POLICY_ID = "data->'policy'->>'id'";
const VERSION = "data->'policy'->>'version'";
const DECISION = "data->'policy'->>'decision'";
// The contract puts the reason on the policy; some senders only set the event's own reason.
const REASON = "coalesce(nullif(data->'policy'->>'reason', ''), nullif(data->>'reason', ''))";

const COUNTS = `
  SELECT ${POLICY_ID} AS policy_id, ${VERSION} AS version,
    count(*) FILTER (WHERE ${DECISION} = 'allow') AS allow,
    count(*) FILTER (WHERE ${DECISION} = 'deny') AS deny,
    count(*) FILTER (WHERE ${DECISION} = 'require_approval') AS require_approval,
    count(*) AS total, min(time) AS first_evaluated, max(time) AS last_evaluated
  FROM events WHERE ${SCOPE} AND ${POLICY_ID} IS NOT NULL
  GROUP BY 1, 2`;

const REASONS = `
  SELECT policy_id, version, decision, reason, n FROM (
    SELECT ${POLICY_ID} AS policy_id, ${VERSION} AS version, ${DECISION} AS decision, ${REASON} AS reason,
      count(*) AS n,
      row_number() OVER (PARTITION BY ${POLICY_ID}, ${VERSION}, ${DECISION} ORDER BY count(*) DESC, ${REASON}) AS rank
    FROM events WHERE ${SCOPE} AND ${POLICY_ID} IS NOT NULL AND ${REASON} IS NOT NULL
    GROUP BY 1, 2, 3, 4
  ) ranked
  WHERE rank <= $4`;

type Count = string | number;
type CountRow = {
  policy_id: string;
  version: string | null;
  allow: Count;
  deny: Count;
  require_approval: Count;
  total: Count;
  first_evaluated: Date;
  last_evaluated: Date;
};
type ReasonRow = { policy_id: string; version: string | null; decision: string; reason: string; n: Count };

const zero = (): DecisionCounts => ({ allow: 0, deny: 0, require_approval: 0 });
const versionKey = (policyId: string, version: string | null) => `${policyId}\u0000${version ?? ""}`;

/** Newest first: numeric versions by value ("10" after "9"), then anything else by last evaluation. */
export function compareVersions(a: PolicyVersionStats, b: PolicyVersionStats): number {
  const na = a.version !== null && /^\d+(\.\d+)*$/.test(a.version) ? a.version.split(".").map(Number) : null;
  const nb = b.version !== null && /^\d+(\.\d+)*$/.test(b.version) ? b.version.split(".").map(Number) : null;
  if (na && nb) {
    for (let i = 0; i < Math.max(na.length, nb.length); i++) {
      const diff = (nb[i] ?? 0) - (na[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  }
  return b.lastEvaluated.getTime() - a.lastEvaluated.getTime();
}

export async function policyDecisions(
  tenantId: string,
  range: Range,
): Promise<{ policies: PolicyStats[]; capped: boolean }> {
  const params = [tenantId, range.from, range.to];
  const [counts, reasons] = await Promise.all([
    pool().query<CountRow>(COUNTS, params),
    pool().query<ReasonRow>(REASONS, [...params, REASONS_PER_DECISION]),
  ]);

  const versions = new Map<string, PolicyVersionStats>();
  const policies = new Map<string, PolicyStats>();
  for (const row of counts.rows) {
    const stats: PolicyVersionStats = {
      version: row.version,
      counts: { allow: Number(row.allow), deny: Number(row.deny), require_approval: Number(row.require_approval) },
      total: Number(row.total),
      firstEvaluated: row.first_evaluated,
      lastEvaluated: row.last_evaluated,
      reasons: { allow: [], deny: [], require_approval: [] },
    };
    versions.set(versionKey(row.policy_id, row.version), stats);
    let policy = policies.get(row.policy_id);
    if (!policy) {
      policy = { policyId: row.policy_id, counts: zero(), total: 0, lastEvaluated: stats.lastEvaluated, versions: [] };
      policies.set(row.policy_id, policy);
    }
    policy.versions.push(stats);
    policy.total += stats.total;
    for (const decision of DECISIONS) policy.counts[decision] += stats.counts[decision];
    if (stats.lastEvaluated > policy.lastEvaluated) policy.lastEvaluated = stats.lastEvaluated;
  }
  for (const row of reasons.rows) {
    const stats = versions.get(versionKey(row.policy_id, row.version));
    if (stats && (DECISIONS as readonly string[]).includes(row.decision))
      stats.reasons[row.decision as Decision].push({ reason: row.reason, count: Number(row.n) });
  }
  for (const stats of versions.values())
    for (const decision of DECISIONS)
      stats.reasons[decision].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const sorted = [...policies.values()]
    .map((policy) => ({ ...policy, versions: policy.versions.sort(compareVersions) }))
    .sort((a, b) => b.total - a.total || a.policyId.localeCompare(b.policyId));
  return { policies: sorted.slice(0, MAX_POLICIES), capped: sorted.length > MAX_POLICIES };
}
