import type { DetectorRule } from "../../rules/schema";
import type { Candidate, EngineEvent, EvalContext } from "../types";
import { candidate, groupBy, inScope, minSeq } from "./common";

// A tool an agent has never called before: an mcp.tool.called whose (agent, tool) pair has no
// event before it (by seq). One alert per pair, ever: the window is "tool:<tool>".
//
// event_hourly_counts says how many calls of the pair exist in all (kept in the ingest
// transaction); the calls from the pair's first seq here on are counted from the primary
// key's seq range (short: what evaluation has not passed yet). The pair is new when nothing
// is left. Hourly rows are read newest first and only as many as can decide it (each row
// holds at least one call), so a tool in use stops at its latest hour. This stays exact when
// a late call lands in an earlier hour, which "hours before the event's hour" would get wrong.
const UNSEEN_PAIRS = `
  WITH pair AS (SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[]) AS p(agent_id, tool, seq)),
  recent AS MATERIALIZED (
    SELECT e.agent_id, e.target_id AS tool, e.seq FROM events e
     WHERE e.tenant_id = $1 AND e.seq >= $5::bigint AND e.type = 'mcp.tool.called' AND e.agent_id = ANY($2::text[])),
  since AS (
    SELECT p.agent_id, p.tool, count(r.seq) AS n FROM pair p
      LEFT JOIN recent r ON r.agent_id = p.agent_id AND r.tool = p.tool AND r.seq >= p.seq
     GROUP BY p.agent_id, p.tool)
  SELECT s.agent_id, s.tool FROM since s
   WHERE (SELECT COALESCE(sum(c.count), 0) FROM (
            SELECT h.count FROM event_hourly_counts h
             WHERE h.tenant_id = $1 AND h.type = 'mcp.tool.called' AND h.agent_id = s.agent_id AND h.tool = s.tool
             ORDER BY h.hour DESC LIMIT s.n + 1) c) <= s.n`;

const pairKey = (agentId: string, tool: string) => JSON.stringify([agentId, tool]);

export async function newToolForAgent(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  const calls = inScope(rule, context.events).filter(
    (e): e is EngineEvent & { agentId: string; targetId: string } =>
      e.type === "mcp.tool.called" && !!e.agentId && !!e.targetId,
  );
  const pairs = groupBy(calls, (e) => pairKey(e.agentId, e.targetId));
  if (pairs.size === 0) return [];
  const firsts = [...pairs.values()].map((list) => list[0] as (typeof calls)[number]);
  const { rows } = await context.db.query<{ agent_id: string; tool: string }>(UNSEEN_PAIRS, [
    context.tenantId,
    firsts.map((e) => e.agentId),
    firsts.map((e) => e.targetId),
    firsts.map((e) => e.seq),
    minSeq(firsts.map((e) => e.seq)),
  ]);
  return rows.map(({ agent_id: agentId, tool }) => {
    const list = pairs.get(pairKey(agentId, tool)) ?? [];
    const first = list[0] as (typeof calls)[number];
    return candidate(rule, {
      groupKey: `agent:${agentId}`,
      windowKey: `tool:${tool}`,
      windowStart: first.time,
      windowEnd: first.time,
      summary: `${agentId} called ${tool} for the first time${first.onBehalfOfId ? ` (for ${first.onBehalfOfId})` : ""}`,
      explanation: {
        agent: agentId,
        tool,
        firstCallAt: first.time.toISOString(),
        outcome: first.outcome,
        callsInBatch: list.length,
        user: first.onBehalfOfId,
        client: first.clientId,
      },
      evidenceIds: list.map((e) => e.eventId),
    });
  });
}
