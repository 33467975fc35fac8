import { pool } from "../db";
import { type FlagRow, flagsForEvents, toFlagEvent } from "../flags/load";
import type { Flag } from "../flags/types";
import { type EventVisibility, visibleTypeCondition } from "./events-sql";

// One event, for the detail panel and page. Tenant scoping is part of the statement itself,
// so another tenant's id simply finds nothing (and the caller answers 404). So does a
// self-audit event (x-attest.*) for a reader without audit:read.

export type DelegationHop = { type: string; id: string; name?: string; scopes?: string[] };

export type EventDetail = {
  seq: string;
  eventId: string;
  time: string;
  receivedAt: string;
  type: string;
  outcome: string;
  actorType: string;
  actorId: string;
  actorSuspended: boolean;
  agentId: string | null;
  onBehalfOfId: string | null;
  sessionKey: string | null;
  clientId: string | null;
  correlationId: string | null;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  targetType: string | null;
  targetId: string | null;
  policyDecision: string | null;
  delegationDepth: number;
  /** The stored, normalized event as the sender described it. */
  data: Record<string, unknown> & { delegation?: DelegationHop[]; reason?: string };
  /** Findings about this event (escalation, consent, approval), computed on read. */
  flags: Flag[];
};

type Row = {
  seq: string;
  event_id: string;
  time: Date;
  received_at: Date;
  type: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
  actor_suspended: boolean | null;
  agent_id: string | null;
  on_behalf_of_id: string | null;
  session_key: string | null;
  client_id: string | null;
  correlation_id: string | null;
  trace_id: string | null;
  span_id: string | null;
  parent_span_id: string | null;
  target_type: string | null;
  target_id: string | null;
  policy_decision: string | null;
  delegation_depth: number;
  data: EventDetail["data"];
};

const EVENT_BY_ID = `
  SELECT e.*, (a.status = 'suspended') AS actor_suspended
  FROM events e
  LEFT JOIN agents a ON a.tenant_id = e.tenant_id AND a.agent_id = e.agent_id
  WHERE e.tenant_id = $1 AND e.event_id = $2`;

export async function eventById(
  tenantId: string,
  eventId: string,
  visibility: EventVisibility,
): Promise<EventDetail | null> {
  const hidden = visibleTypeCondition(visibility);
  const { rows } = await pool().query<Row>(hidden ? `${EVENT_BY_ID} AND ${hidden}` : EVENT_BY_ID, [tenantId, eventId]);
  const row = rows[0];
  if (!row) return null;
  const flags = await flagsForEvents(tenantId, [toFlagEvent(row as unknown as FlagRow)]);
  return {
    seq: String(row.seq),
    eventId: row.event_id,
    time: row.time.toISOString(),
    receivedAt: row.received_at.toISOString(),
    type: row.type,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorSuspended: row.actor_suspended === true,
    agentId: row.agent_id,
    onBehalfOfId: row.on_behalf_of_id,
    sessionKey: row.session_key,
    clientId: row.client_id,
    correlationId: row.correlation_id,
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    targetType: row.target_type,
    targetId: row.target_id,
    policyDecision: row.policy_decision,
    delegationDepth: row.delegation_depth,
    data: row.data,
    flags: flags.get(row.event_id) ?? [],
  };
}
