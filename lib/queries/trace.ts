import { pool } from "../db";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "../flags/load";
import type { FlagEvent } from "../flags/types";

// Every event of one request, on one time axis. The id is a correlation id or a W3C trace id;
// the statement finds the events carrying it in either column (the seed), then widens once to
// every event sharing a correlation id or trace id with the seed: a downstream call may carry
// the trace but no correlation id, and a sender may stamp the correlation id but no trace.
// Both steps read the (tenant_id, correlation_id) and (tenant_id, trace_id) indexes; the
// tenant is part of every predicate, so another tenant's id finds nothing.

/** More events than a waterfall can usefully show; the page says when a trace is cut here. */
export const TRACE_EVENT_CAP = 2_000;

export type TraceEvent = FlagEvent & {
  sessionKey: string | null;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  targetType: string | null;
  targetId: string | null;
  policyDecision: string | null;
};

export type TraceEvents = {
  events: TraceEvent[];
  /** True when the trace holds more than TRACE_EVENT_CAP events and only the first ones are shown. */
  capped: boolean;
};

type Row = FlagRow & {
  session_key: string | null;
  trace_id: string | null;
  span_id: string | null;
  parent_span_id: string | null;
  target_type: string | null;
  target_id: string | null;
  policy_decision: string | null;
};

// The ARRAY(...) sub-selects run once (init plans), so the outer scan is a BitmapOr of the two
// indexes with `= ANY(array)` conditions rather than a join. The seed is capped too: an id
// shared by thousands of events cannot fan out into thousands of lookups.
const TRACE_EVENTS = `
  WITH seed AS MATERIALIZED (
    SELECT correlation_id, trace_id FROM events
    WHERE tenant_id = $1 AND (correlation_id = $2 OR trace_id = $2)
    LIMIT $3
  )
  SELECT ${FLAG_EVENT_COLUMNS}, e.session_key, e.trace_id, e.span_id, e.parent_span_id,
         e.target_type, e.target_id, e.policy_decision
  FROM events e
  WHERE e.tenant_id = $1
    AND (e.correlation_id = ANY (ARRAY(SELECT DISTINCT correlation_id FROM seed WHERE correlation_id IS NOT NULL))
      OR e.trace_id = ANY (ARRAY(SELECT DISTINCT trace_id FROM seed WHERE trace_id IS NOT NULL)))
  ORDER BY e.time, e.seq
  LIMIT $3`;

export function toTraceEvent(row: Row): TraceEvent {
  return {
    ...toFlagEvent(row),
    sessionKey: row.session_key,
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    targetType: row.target_type,
    targetId: row.target_id,
    policyDecision: row.policy_decision,
  };
}

/** The trace's events in time order (oldest first), at most `cap`; empty when the id is unknown here. */
export async function traceEvents(tenantId: string, id: string, cap = TRACE_EVENT_CAP): Promise<TraceEvents> {
  if (!id || id.length > 128) return { events: [], capped: false };
  const { rows } = await pool().query<Row>(TRACE_EVENTS, [tenantId, id, cap + 1]);
  const capped = rows.length > cap;
  return { events: (capped ? rows.slice(0, cap) : rows).map(toTraceEvent), capped };
}

/** Same statement, for EXPLAIN in the benchmark and in reviews. */
export const TRACE_EVENTS_SQL = TRACE_EVENTS;
