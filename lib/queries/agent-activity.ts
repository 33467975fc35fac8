import { pool } from "../db";
import type { DateRange } from "../filters/time-range";
import { type BucketUnit, bucketUnitFor, fillBuckets } from "./overview-buckets";

// What one agent did in a time range, from its own events (agent_id = the agent): activity per
// bucket by outcome, the humans it acted for, the scopes and tools it used, and its latest
// events. Every statement is scoped `tenant_id = $1 AND agent_id = $2 AND time in range`, which
// the (tenant_id, agent_id, time) index serves.

export type Range = DateRange;
export type ActivityBucket = { t: number; success: number; failure: number; denied: number; pending: number };
export type Delegator = { userId: string; name: string | null; events: number; lastSeen: Date };
export type ToolUse = { tool: string; calls: number; denied: number };
export type RecentEvent = {
  eventId: string;
  time: Date;
  type: string;
  outcome: string;
  targetId: string | null;
  onBehalfOfId: string | null;
  correlationId: string | null;
};

export type AgentActivity = {
  bucket: BucketUnit;
  series: ActivityBucket[];
  delegators: Delegator[];
  scopes: { scope: string; events: number }[];
  tools: ToolUse[];
  recent: RecentEvent[];
};

const SCOPE = "tenant_id = $1 AND agent_id = $2 AND time >= $3 AND time < $4";
const SCOPE_E = "e.tenant_id = $1 AND e.agent_id = $2 AND e.time >= $3 AND e.time < $4";

const SERIES = `
  SELECT extract(epoch FROM date_trunc($5, time, 'UTC')) * 1000 AS t,
    count(*) FILTER (WHERE outcome = 'success') AS success,
    count(*) FILTER (WHERE outcome = 'failure') AS failure,
    count(*) FILTER (WHERE outcome = 'denied') AS denied,
    count(*) FILTER (WHERE outcome = 'pending') AS pending
  FROM events WHERE ${SCOPE}
  GROUP BY 1`;

// on_behalf_of_id already holds the chain's originating human when the sender gave no
// onBehalfOf (see ingest/rows.ts), so it covers both direct and delegated authority.
const DELEGATORS = `
  SELECT e.on_behalf_of_id AS user_id, h.name, count(*) AS events, max(e.time) AS last_seen
  FROM events e
  LEFT JOIN human_principals h ON h.tenant_id = $1 AND h.user_id = e.on_behalf_of_id
  WHERE ${SCOPE_E} AND e.on_behalf_of_id IS NOT NULL
  GROUP BY e.on_behalf_of_id, h.name
  ORDER BY events DESC, user_id
  LIMIT 50`;

const SCOPES = `
  SELECT scope, count(*) AS events
  FROM events, jsonb_array_elements_text(CASE WHEN jsonb_typeof(data->'scopes') = 'array' THEN data->'scopes' ELSE '[]' END) AS scope
  WHERE ${SCOPE}
  GROUP BY scope
  ORDER BY events DESC, scope
  LIMIT 100`;

const TOOLS = `
  SELECT target_id AS tool, count(*) AS calls, count(*) FILTER (WHERE outcome = 'denied') AS denied
  FROM events
  WHERE ${SCOPE} AND type = 'mcp.tool.called' AND target_id IS NOT NULL
  GROUP BY target_id
  ORDER BY calls DESC, tool
  LIMIT 50`;

const RECENT = `
  SELECT event_id, time, type, outcome, target_id, on_behalf_of_id, correlation_id
  FROM events WHERE ${SCOPE}
  ORDER BY time DESC, seq DESC
  LIMIT 25`;

type Count = string | number;
const ZERO = { success: 0, failure: 0, denied: 0, pending: 0 };

export async function agentActivity(tenantId: string, agentId: string, range: Range): Promise<AgentActivity> {
  const bucket = bucketUnitFor(range);
  const scope = [tenantId, agentId, range.from, range.to];
  const db = pool();
  const [series, delegators, scopes, tools, recent] = await Promise.all([
    db.query<Record<keyof ActivityBucket, Count>>(SERIES, [...scope, bucket]),
    db.query<{ user_id: string; name: string | null; events: Count; last_seen: Date }>(DELEGATORS, scope),
    db.query<{ scope: string; events: Count }>(SCOPES, scope),
    db.query<{ tool: string; calls: Count; denied: Count }>(TOOLS, scope),
    db.query<{
      event_id: string;
      time: Date;
      type: string;
      outcome: string;
      target_id: string | null;
      on_behalf_of_id: string | null;
      correlation_id: string | null;
    }>(RECENT, scope),
  ]);
  const byStart = new Map(
    series.rows.map((row) => [
      Number(row.t),
      {
        success: Number(row.success),
        failure: Number(row.failure),
        denied: Number(row.denied),
        pending: Number(row.pending),
      },
    ]),
  );
  return {
    bucket,
    series: fillBuckets(range, bucket, byStart, ZERO),
    delegators: delegators.rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      events: Number(r.events),
      lastSeen: r.last_seen,
    })),
    scopes: scopes.rows.map((r) => ({ scope: r.scope, events: Number(r.events) })),
    tools: tools.rows.map((r) => ({ tool: r.tool, calls: Number(r.calls), denied: Number(r.denied) })),
    recent: recent.rows.map((r) => ({
      eventId: r.event_id,
      time: r.time,
      type: r.type,
      outcome: r.outcome,
      targetId: r.target_id,
      onBehalfOfId: r.on_behalf_of_id,
      correlationId: r.correlation_id,
    })),
  };
}
