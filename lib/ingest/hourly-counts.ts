import type { PoolClient } from "pg";
import type { NormalizedEvent } from "../contract/normalize";
import { isAgentLike } from "./rows";

// Keeps event_hourly_counts current: the stored events of a batch, counted per hour and per
// the dimensions the overview groups by. Runs in the ingest transaction, under the tenant
// lock, so the counts always match the events table. Empty strings stand for "none".

type HourlyCount = {
  hour: string;
  type: string;
  outcome: string;
  policy_decision: string;
  agent_id: string;
  tool: string;
  count: number;
};

const HOUR_MS = 3_600_000;

export function hourOf(time: string): string {
  return new Date(Math.floor(Date.parse(time) / HOUR_MS) * HOUR_MS).toISOString();
}

export function collectHourlyCounts(events: NormalizedEvent[]): HourlyCount[] {
  const counts = new Map<string, HourlyCount>();
  for (const event of events) {
    const row = {
      hour: hourOf(event.time),
      type: event.type,
      outcome: event.outcome,
      policy_decision: event.policy?.decision ?? "",
      agent_id: isAgentLike(event.actor) ? event.actor.id : "",
      tool: event.type === "mcp.tool.called" ? (event.target?.id ?? "") : "",
    };
    const key = JSON.stringify(row);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { ...row, count: 1 });
  }
  return [...counts.values()];
}

const UPSERT = `
  INSERT INTO event_hourly_counts AS t (tenant_id, hour, type, outcome, policy_decision, agent_id, tool, count)
  SELECT $1, s.hour, s.type, s.outcome, s.policy_decision, s.agent_id, s.tool, s.count
  FROM jsonb_to_recordset($2::jsonb) AS s(hour timestamptz, type text, outcome text, policy_decision text,
    agent_id text, tool text, count bigint)
  ON CONFLICT (tenant_id, hour, type, outcome, policy_decision, agent_id, tool)
  DO UPDATE SET count = t.count + EXCLUDED.count`;

export async function addHourlyCounts(client: PoolClient, tenantId: string, events: NormalizedEvent[]): Promise<void> {
  const counts = collectHourlyCounts(events);
  if (counts.length > 0) await client.query(UPSERT, [tenantId, JSON.stringify(counts)]);
}
