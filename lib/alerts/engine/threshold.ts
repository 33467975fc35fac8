import type { ThresholdRule } from "../rules/schema";
import { durationMs } from "../rules/schema";
import { type EngineRow, LIGHT_EVENT_COLUMNS, toEngineEvent } from "./events";
import { type Candidate, type EngineEvent, type Evaluator, matches } from "./types";

// Threshold rules: `count` matching events of one group within a sliding `window`. Each new
// matching event looks back one window (across earlier batches too); when the count there
// reaches the threshold, the rule fires, and then stays quiet for that group for one window
// from the crossing event: a burst raises one alert however many events keep it going (also
// across clock boundaries), and abuse that is still going on a window later raises the next.
// The crossing event's time is the alert's window key, so a retried or replayed batch finds
// the alert already stored; window_end is the end of the quiet period.

const MAX_CONTEXT = 20_000;
const MAX_EVIDENCE = 100;

export function groupOf(event: EngineEvent, groupBy: ThresholdRule["groupBy"]): string | null {
  switch (groupBy) {
    case "agent":
      return event.agentId;
    case "user":
      return event.onBehalfOfId ?? (event.actorType === "user" ? event.actorId : null);
    case "client":
      return event.clientId;
    case "tool":
      return event.targetType === "tool" ? event.targetId : null;
  }
}

const GROUP_COLUMN: Record<ThresholdRule["groupBy"], string> = {
  agent: "e.agent_id",
  user: "coalesce(e.on_behalf_of_id, CASE WHEN e.actor_type = 'user' THEN e.actor_id END)",
  client: "e.client_id",
  tool: "CASE WHEN e.target_type = 'tool' THEN e.target_id END",
};

export const evaluateThreshold: Evaluator<ThresholdRule> = async (rule, { tenantId, events, db, replay }) => {
  const windowMs = durationMs(rule.window) as number;
  const hits = events.filter((e) => matches(e, rule.match, rule.scope) && groupOf(e, rule.groupBy) !== null);
  if (hits.length === 0) return [];
  const groups = [...new Set(hits.map((e) => groupOf(e, rule.groupBy) as string))];
  const from = new Date(Math.min(...hits.map((e) => e.time.getTime())) - windowMs);
  const to = new Date(Math.max(...hits.map((e) => e.time.getTime())));
  // Candidates by type and time through the (tenant, type, time) index; the rest is checked in code.
  const params: unknown[] = [tenantId, from, to, groups];
  const typeFilter = rule.match.types ? `AND e.type = ANY($${params.push(rule.match.types)}::text[])` : "";
  const { rows } = await db.query<EngineRow>(
    `SELECT ${LIGHT_EVENT_COLUMNS} FROM events e
      WHERE e.tenant_id = $1 AND e.time > $2 AND e.time <= $3 ${typeFilter}
        AND ${GROUP_COLUMN[rule.groupBy]} = ANY($4::text[])
      ORDER BY e.time, e.seq LIMIT ${MAX_CONTEXT}`,
    params,
  );
  const byGroup = new Map<string, EngineEvent[]>();
  for (const event of rows.map(toEngineEvent)) {
    if (!matches(event, rule.match, rule.scope)) continue;
    const group = groupOf(event, rule.groupBy) as string;
    byGroup.set(group, [...(byGroup.get(group) ?? []), event]);
  }
  // Crossing times of alerts already raised for these groups whose quiet period may cover this
  // batch: from the alerts table, or, when replaying history, from what the replay raised.
  const episodes = replay?.episodes ?? new Map<string, number[]>();
  if (!replay) {
    const { rows: earlier } = await db.query<{ group_key: string; window_end: Date }>(
      `SELECT group_key, window_end FROM alerts
        WHERE tenant_id = $1 AND rule_id = $2 AND group_key = ANY($3::text[]) AND window_end > $4`,
      [tenantId, rule.id, groups.map((g) => `${rule.groupBy}:${g}`), from],
    );
    for (const row of earlier)
      episodes.set(row.group_key, [...(episodes.get(row.group_key) ?? []), row.window_end.getTime() - windowMs]);
  }
  const found: Candidate[] = [];
  for (const hit of hits) {
    const group = groupOf(hit, rule.groupBy) as string;
    const groupKey = `${rule.groupBy}:${group}`;
    const end = hit.time.getTime();
    const inWindow = (byGroup.get(group) ?? []).filter(
      (e) => e.time.getTime() > end - windowMs && e.time.getTime() <= end,
    );
    if (inWindow.length < rule.count) continue;
    const quiet = episodes.get(groupKey) ?? [];
    if (quiet.some((crossed) => crossed <= end && end < crossed + windowMs)) continue;
    const start = (inWindow[0] as EngineEvent).time;
    episodes.set(groupKey, [...quiet, end]);
    found.push({
      ruleId: rule.id,
      groupKey,
      windowKey: hit.time.toISOString(),
      windowStart: start,
      windowEnd: new Date(end + windowMs),
      summary: `${inWindow.length} matching events for ${rule.groupBy} ${group} within ${rule.window} (threshold ${rule.count})`,
      explanation: {
        count: inWindow.length,
        threshold: rule.count,
        window: rule.window,
        groupBy: rule.groupBy,
        group,
        first: start.toISOString(),
        last: hit.time.toISOString(),
      },
      evidenceIds: inWindow.slice(-MAX_EVIDENCE).map((e) => e.eventId),
    });
  }
  return found;
};
