import { pool } from "../db";
import type { DateRange } from "../filters/time-range";
import { type BucketUnit, bucketUnitFor, fillBuckets } from "./overview-buckets";

// The overview's numbers for one tenant and time range. One statement groups the range's
// counts three ways (GROUPING SETS) — per time bucket by outcome and policy decision, per
// agent, per tool. Beside it, in parallel: the tenant's suspended agents, and the pending
// approvals. Every statement is scoped to the tenant and the range.

export type Range = DateRange;

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

// The overview charts what agents and their senders did: the dashboard's own audit trail
// (x-attest.*, visible only to admins and auditors, in the explorer) is left out for every role.
// GROUPING(t, agent_id, tool) tells the sets apart: 3 = per bucket, 5 = per agent, 6 = per tool.
// Whole hours are read from event_hourly_counts (kept current on ingest), so a 30-day range
// reads a few thousand count rows instead of every event; only the partial hours at either
// end ($2..$5 and $6..$3), and ranges charted per minute, are counted from events.
const SCAN = `
  SELECT GROUPING(t, agent_id, tool) AS set, t, agent_id, tool, sum(n) AS total,
    sum(n) FILTER (WHERE outcome = 'success') AS success,
    sum(n) FILTER (WHERE outcome = 'failure') AS failure,
    sum(n) FILTER (WHERE outcome = 'denied') AS denied,
    sum(n) FILTER (WHERE outcome = 'pending') AS pending,
    sum(n) FILTER (WHERE policy_decision = 'allow') AS allow,
    sum(n) FILTER (WHERE policy_decision = 'deny') AS deny,
    sum(n) FILTER (WHERE policy_decision = 'require_approval') AS require_approval,
    sum(n) FILTER (WHERE outcome = 'denied' OR policy_decision = 'deny') AS denials,
    sum(n) FILTER (WHERE type = 'token.rejected') AS token_rejections
  FROM (
    SELECT extract(epoch FROM date_trunc($4, hour, 'UTC')) * 1000 AS t, NULLIF(agent_id, '') AS agent_id,
      NULLIF(tool, '') AS tool, outcome, NULLIF(policy_decision, '') AS policy_decision, type, count AS n
    FROM event_hourly_counts
    WHERE tenant_id = $1 AND hour >= $5 AND hour < $6 AND type NOT LIKE 'x-attest.%'
    UNION ALL
    SELECT extract(epoch FROM date_trunc($4, time, 'UTC')) * 1000, agent_id,
      CASE WHEN type = 'mcp.tool.called' THEN target_id END, outcome, policy_decision, type, 1
    FROM events
    WHERE tenant_id = $1 AND ((time >= $2 AND time < $5) OR (time >= $6 AND time < $3))
      AND type NOT LIKE 'x-attest.%'
  ) AS scoped
  GROUP BY GROUPING SETS ((t), (agent_id), (tool))`;

const HOUR_MS = 3_600_000;

/** The whole hours inside a range, read from the hourly counts; empty for per-minute charts. */
function wholeHours(range: Range, bucket: BucketUnit): [Date, Date] {
  const from = Math.ceil(range.from.getTime() / HOUR_MS) * HOUR_MS;
  const to = Math.floor(range.to.getTime() / HOUR_MS) * HOUR_MS;
  if (bucket === "minute" || from >= to) return [range.to, range.to];
  return [new Date(from), new Date(to)];
}

const SUSPENDED = "SELECT agent_id FROM agents WHERE tenant_id = $1 AND status = 'suspended'";
const NAMES = "SELECT agent_id, name, kind, status FROM agents WHERE tenant_id = $1 AND agent_id = ANY($2::text[])";

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
type ScanRow = Record<keyof Omit<OverviewBucket, "t"> | "set" | "total" | "denials" | "token_rejections", Count> & {
  t: Count | null;
  agent_id: string | null;
  tool: string | null;
};
const SET_BUCKET = 3;
const SET_AGENT = 5;
const SET_TOOL = 6;

const ZERO: Omit<OverviewBucket, "t"> = {
  success: 0,
  failure: 0,
  denied: 0,
  pending: 0,
  allow: 0,
  deny: 0,
  require_approval: 0,
};

// Planner settings for these statements only (SET LOCAL, one read-only transaction each).
// Measured at 1M events: JIT compilation costs more than it saves on aggregates of a few
// hundred thousand rows (about 250 ms of a 650 ms query), and events are stored in time order
// (correlation ~1.0), so a (tenant_id, time) range scan beats the sequential scan the default
// random_page_cost of 4 picks once a range covers a fifth of the table.
const AGGREGATE_SETTINGS = "BEGIN READ ONLY; SET LOCAL random_page_cost = 1.1";

async function aggregate<T extends object>(sql: string, params: unknown[]): Promise<{ rows: T[] }> {
  const client = await pool().connect();
  let broken = false;
  try {
    await client.query(AGGREGATE_SETTINGS);
    const result = await client.query<T>(sql, params);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

const byCountThenName =
  <T>(count: (x: T) => number, name: (x: T) => string) =>
  (a: T, b: T) =>
    count(b) - count(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

export async function overviewAggregates(tenantId: string, range: Range): Promise<OverviewAggregates> {
  const bucket = bucketUnitFor(range);
  const scope = [tenantId, range.from, range.to];
  const [scan, suspended, pending] = await Promise.all([
    aggregate<ScanRow>(SCAN, [...scope, bucket, ...wholeHours(range, bucket)]),
    pool().query<{ agent_id: string }>(SUSPENDED, [tenantId]),
    aggregate<{ pending: Count }>(PENDING_APPROVALS, scope),
  ]);

  const totals = { events: 0, activeAgents: 0, denials: 0, pendingApprovals: 0, tokenRejections: 0 };
  const byStart = new Map<number, Omit<OverviewBucket, "t">>();
  const agentCounts: { agentId: string; events: number }[] = [];
  const tools: TopTool[] = [];
  for (const row of scan.rows) {
    const set = Number(row.set);
    if (set === SET_BUCKET) {
      const counts = { ...ZERO };
      for (const key of Object.keys(ZERO) as (keyof typeof ZERO)[]) counts[key] = Number(row[key]);
      byStart.set(Number(row.t), counts);
      totals.events += Number(row.total);
      totals.denials += Number(row.denials);
      totals.tokenRejections += Number(row.token_rejections);
    } else if (set === SET_AGENT && row.agent_id !== null) {
      agentCounts.push({ agentId: row.agent_id, events: Number(row.total) });
    } else if (set === SET_TOOL && row.tool !== null) {
      tools.push({ tool: row.tool, calls: Number(row.total), denied: Number(row.denied) });
    }
  }
  const suspendedIds = new Set(suspended.rows.map((row) => row.agent_id));
  totals.activeAgents = agentCounts.filter((agent) => !suspendedIds.has(agent.agentId)).length;
  totals.pendingApprovals = Number(pending.rows[0]?.pending ?? 0);

  const top = agentCounts
    .sort(
      byCountThenName(
        (a) => a.events,
        (a) => a.agentId,
      ),
    )
    .slice(0, TOP);
  const names = top.length
    ? await pool().query<{ agent_id: string; name: string | null; kind: string; status: string }>(NAMES, [
        tenantId,
        top.map((agent) => agent.agentId),
      ])
    : { rows: [] };
  const registry = new Map(names.rows.map((row) => [row.agent_id, row]));

  return {
    bucket,
    totals,
    series: fillBuckets(range, bucket, byStart, ZERO),
    topAgents: top.map((agent) => {
      const entry = registry.get(agent.agentId);
      return {
        agentId: agent.agentId,
        name: entry?.name ?? null,
        kind: entry?.kind ?? null,
        status: entry?.status ?? "active",
        events: agent.events,
      };
    }),
    topTools: tools
      .sort(
        byCountThenName(
          (t) => t.calls,
          (t) => t.tool,
        ),
      )
      .slice(0, TOP),
  };
}
