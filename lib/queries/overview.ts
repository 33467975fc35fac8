import { pool } from "../db";
import { type BucketUnit, bucketUnitFor, fillBuckets } from "./overview-buckets";

// The overview's numbers for one tenant and time range, in four aggregate statements run in
// parallel, each scoped `tenant_id = $1 AND time >= $2 AND time < $3` so the (tenant_id, time)
// and (tenant_id, type, time) indexes bound the scan:
//   1. per-bucket counts by outcome and policy decision (the charts, and the event, denial and
//      token-rejection totals summed from them)
//   2. events per agent joined to the registry (top agents, active agents)
//   3. tool calls per tool (top tools)
//   4. approvals requested in the range with no granted/denied/expired event (pending)

export type Range = { from: Date; to: Date };

export type OverviewBucket = {
  /** Bucket start, epoch ms (UTC). */
  t: number;
  success: number;
  failure: number;
  denied: number;
  pending: number;
  allow: number;
  deny: number;
  require_approval: number;
};

export type TopAgent = { agentId: string; name: string | null; status: string; kind: string | null; events: number };
export type TopTool = { tool: string; calls: number; denied: number };

export type OverviewAggregates = {
  bucket: BucketUnit;
  totals: { events: number; activeAgents: number; denials: number; pendingApprovals: number; tokenRejections: number };
  series: OverviewBucket[];
  topAgents: TopAgent[];
  topTools: TopTool[];
};

const TOP = 10;

const BUCKETS = `
  SELECT extract(epoch FROM date_trunc($4, time, 'UTC')) * 1000 AS t, count(*) AS total,
    count(*) FILTER (WHERE outcome = 'success') AS success,
    count(*) FILTER (WHERE outcome = 'failure') AS failure,
    count(*) FILTER (WHERE outcome = 'denied') AS denied,
    count(*) FILTER (WHERE outcome = 'pending') AS pending,
    count(*) FILTER (WHERE policy_decision = 'allow') AS allow,
    count(*) FILTER (WHERE policy_decision = 'deny') AS deny,
    count(*) FILTER (WHERE policy_decision = 'require_approval') AS require_approval,
    count(*) FILTER (WHERE outcome = 'denied' OR policy_decision = 'deny') AS denials,
    count(*) FILTER (WHERE type = 'token.rejected') AS token_rejections
  FROM events
  WHERE tenant_id = $1 AND time >= $2 AND time < $3
  GROUP BY 1`;

// Window aggregates run before LIMIT, so one statement gives the top agents and the count of
// active agents among all agents seen in the range.
const AGENTS = `
  WITH per_agent AS (
    SELECT agent_id, count(*) AS events
    FROM events
    WHERE tenant_id = $1 AND time >= $2 AND time < $3 AND agent_id IS NOT NULL
    GROUP BY agent_id
  )
  SELECT p.agent_id, p.events, a.name, a.kind, COALESCE(a.status, 'active') AS status,
    count(*) FILTER (WHERE COALESCE(a.status, 'active') = 'active') OVER () AS active_agents
  FROM per_agent p
  LEFT JOIN agents a ON a.tenant_id = $1 AND a.agent_id = p.agent_id
  ORDER BY p.events DESC, p.agent_id
  LIMIT ${TOP}`;

const TOOLS = `
  SELECT target_id AS tool, count(*) AS calls, count(*) FILTER (WHERE outcome = 'denied') AS denied
  FROM events
  WHERE tenant_id = $1 AND type = 'mcp.tool.called' AND time >= $2 AND time < $3 AND target_id IS NOT NULL
  GROUP BY target_id
  ORDER BY calls DESC, tool
  LIMIT ${TOP}`;

// An approval is pending when it was requested in the range and nothing has decided it since,
// whenever that decision was recorded.
const PENDING_APPROVALS = `
  SELECT count(DISTINCT r.data #>> '{approval,id}') AS pending
  FROM events r
  WHERE r.tenant_id = $1 AND r.type = 'approval.requested' AND r.time >= $2 AND r.time < $3
    AND NOT EXISTS (
      SELECT 1 FROM events d
      WHERE d.tenant_id = $1
        AND d.type IN ('approval.granted', 'approval.denied', 'approval.expired')
        AND d.data #>> '{approval,id}' = r.data #>> '{approval,id}'
    )`;

type Count = string | number;
type BucketRow = Record<keyof OverviewBucket | "total" | "denials" | "token_rejections", Count>;
type AgentRow = {
  agent_id: string;
  events: Count;
  name: string | null;
  kind: string | null;
  status: string;
  active_agents: Count;
};
type ToolRow = { tool: string; calls: Count; denied: Count };

const ZERO: Omit<OverviewBucket, "t"> = {
  success: 0,
  failure: 0,
  denied: 0,
  pending: 0,
  allow: 0,
  deny: 0,
  require_approval: 0,
};

export async function overviewAggregates(tenantId: string, range: Range): Promise<OverviewAggregates> {
  const bucket = bucketUnitFor(range);
  const scope = [tenantId, range.from, range.to];
  const db = pool();
  const [buckets, agents, tools, pending] = await Promise.all([
    db.query<BucketRow>(BUCKETS, [...scope, bucket]),
    db.query<AgentRow>(AGENTS, scope),
    db.query<ToolRow>(TOOLS, scope),
    db.query<{ pending: Count }>(PENDING_APPROVALS, scope),
  ]);

  const totals = { events: 0, activeAgents: 0, denials: 0, pendingApprovals: 0, tokenRejections: 0 };
  const byStart = new Map<number, Omit<OverviewBucket, "t">>();
  for (const row of buckets.rows) {
    const counts = { ...ZERO };
    for (const key of Object.keys(ZERO) as (keyof typeof ZERO)[]) counts[key] = Number(row[key]);
    byStart.set(Number(row.t), counts);
    totals.events += Number(row.total);
    totals.denials += Number(row.denials);
    totals.tokenRejections += Number(row.token_rejections);
  }
  totals.activeAgents = Number(agents.rows[0]?.active_agents ?? 0);
  totals.pendingApprovals = Number(pending.rows[0]?.pending ?? 0);

  return {
    bucket,
    totals,
    series: fillBuckets(range, bucket, byStart, ZERO),
    topAgents: agents.rows.map((row) => ({
      agentId: row.agent_id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      events: Number(row.events),
    })),
    topTools: tools.rows.map((row) => ({ tool: row.tool, calls: Number(row.calls), denied: Number(row.denied) })),
  };
}
