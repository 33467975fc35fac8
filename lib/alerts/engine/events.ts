import type pg from "pg";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "../../flags/rows";
import type { EngineEvent } from "./types";

// Reading events for evaluation: the next batch after a cursor, in commit (seq) order.

export const ENGINE_EVENT_COLUMNS = `${FLAG_EVENT_COLUMNS}, e.target_type, e.target_id, e.policy_decision`;

export type EngineRow = FlagRow & {
  target_type: string | null;
  target_id: string | null;
  policy_decision: string | null;
};

export function toEngineEvent(row: EngineRow): EngineEvent {
  const event = toFlagEvent(row);
  return {
    ...event,
    targetType: row.target_type,
    targetId: row.target_id,
    policyDecision: row.policy_decision,
    reason: event.data.reason ?? null,
  };
}

/** Events with seq > afterSeq, oldest first, at most `limit`. */
export async function eventsAfterSeq(
  db: pg.PoolClient | pg.Pool,
  tenantId: string,
  afterSeq: bigint,
  limit: number,
): Promise<EngineEvent[]> {
  const { rows } = await db.query<EngineRow>(
    `SELECT ${ENGINE_EVENT_COLUMNS} FROM events e WHERE e.tenant_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
    [tenantId, afterSeq.toString(), limit],
  );
  return rows.map(toEngineEvent);
}

/**
 * The typed columns only, with the reason but not the rest of `data`: what `matches` and
 * grouping read. For scanning look-back windows, where reading every row's jsonb would cost
 * the worker (and the collector beside it) most of its time.
 */
export const LIGHT_EVENT_COLUMNS = `e.event_id, e.seq, e.type, e.time, e.outcome, e.actor_type, e.actor_id,
  e.agent_id, e.on_behalf_of_id, e.client_id, e.correlation_id, e.target_type, e.target_id, e.policy_decision,
  jsonb_build_object('reason', e.data->'reason') AS data`;
