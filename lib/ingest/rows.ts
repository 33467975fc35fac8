import type { NormalizedEvent, Principal } from "../contract/normalize";

/** One `events` row, keyed by column name, as json_populate_recordset reads it. */
export type EventRow = {
  tenant_id: string;
  seq: number;
  event_id: string;
  type: string;
  time: string;
  received_at: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
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
  data: NormalizedEvent;
};

/** The events table's columns, in table order: the bulk insert and the COPY baseline share them. */
export const EVENT_COLUMNS: (keyof EventRow)[] = [
  "tenant_id",
  "seq",
  "event_id",
  "type",
  "time",
  "received_at",
  "outcome",
  "actor_type",
  "actor_id",
  "agent_id",
  "on_behalf_of_id",
  "session_key",
  "client_id",
  "correlation_id",
  "trace_id",
  "span_id",
  "parent_span_id",
  "target_type",
  "target_id",
  "policy_decision",
  "delegation_depth",
  "data",
];

export const isAgentLike = (principal: Principal) => principal.type === "agent" || principal.type === "service";

/** The human the event ultimately serves: on-behalf-of, a human actor, or the chain's origin. */
export function humanOf(event: NormalizedEvent): Principal | undefined {
  if (event.onBehalfOf?.type === "user") return event.onBehalfOf;
  if (event.actor.type === "user") return event.actor;
  const origin = event.delegation?.[0];
  return origin?.type === "user" ? origin : undefined;
}

/** `user_id:session_id`, the dashboard's session key, also for stateless MCP clients. */
export function sessionKeyOf(event: NormalizedEvent): string | null {
  const human = humanOf(event);
  return event.session && human ? `${human.id}:${event.session.id}` : null;
}

export function toEventRow(event: NormalizedEvent, tenantId: string, seq: number, receivedAt: string): EventRow {
  const human = humanOf(event);
  return {
    tenant_id: tenantId,
    seq,
    event_id: event.id,
    type: event.type,
    time: event.time,
    received_at: receivedAt,
    outcome: event.outcome,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    agent_id: isAgentLike(event.actor) ? event.actor.id : null,
    on_behalf_of_id: event.onBehalfOf?.id ?? (human && human !== event.actor ? human.id : null),
    session_key: sessionKeyOf(event),
    client_id: event.client?.id ?? null,
    correlation_id: event.correlationId ?? null,
    trace_id: event.trace?.traceId ?? null,
    span_id: event.trace?.spanId ?? null,
    parent_span_id: event.trace?.parentSpanId ?? null,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    policy_decision: event.policy?.decision ?? null,
    delegation_depth: event.delegation?.length ?? 0,
    data: event,
  };
}
