import type { EventFilters } from "../filters/event-filters";
import { RESERVED_TYPE_PREFIX } from "../ingest/validate";

// The explorer's WHERE clause and row shape, shared by the page and live-tail queries.
// Every statement starts with `e.tenant_id = $1`, so no filter can widen it to another tenant.
//
// Exact-match filters (agent, actor, on behalf of, client, target, correlation id, type,
// outcome) compare typed columns; the (tenant_id, <column>, time desc) indexes serve the
// common ones. Free text (`q`) is a case-insensitive substring match over a few typed columns
// plus the stored reason. It has no index of its own: it runs inside the time range, in
// (time desc) order, and stops at the page's LIMIT, so a common term costs a few hundred rows.
// A rare term scans the range; pg_trgm indexes would fix that, at a real cost on every
// ingest, which is not worth it until analysts search more than they filter.

/**
 * Whether the reader may see the dashboard's own audit trail (x-attest.* events): only roles
 * with audit:read. For everyone else those events are absent from every event read, as if they
 * did not exist. Required on every read, so no caller can forget to decide.
 */
export type EventVisibility = { selfAudit: boolean };

/** SQL that is true for events the reader may see; `column` is the event's type column. */
export function visibleTypeCondition(visibility: EventVisibility, column = "e.type"): string | null {
  return visibility.selfAudit ? null : `${column} NOT LIKE '${RESERVED_TYPE_PREFIX}%'`;
}

export type EventListItem = {
  seq: string;
  eventId: string;
  time: string;
  type: string;
  outcome: string;
  actorType: string;
  actorId: string;
  actorName: string | null;
  actorSuspended: boolean;
  agentId: string | null;
  onBehalfOfId: string | null;
  clientId: string | null;
  targetType: string | null;
  targetId: string | null;
  correlationId: string | null;
};

export type EventListRow = {
  seq: string;
  event_id: string;
  time: Date;
  type: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
  actor_name: string | null;
  actor_suspended: boolean | null;
  agent_id: string | null;
  on_behalf_of_id: string | null;
  client_id: string | null;
  target_type: string | null;
  target_id: string | null;
  correlation_id: string | null;
};

export const LIST_COLUMNS = `e.seq, e.event_id, e.time, e.type, e.outcome, e.actor_type, e.actor_id, e.agent_id,
  e.on_behalf_of_id, e.client_id, e.target_type, e.target_id, e.correlation_id, e.data->'actor'->>'name' AS actor_name`;

/** Wraps an inner, already-limited selection; detail columns are read for the page's rows only. */
export function withListDetails(inner: string, order: string): string {
  return `SELECT p.*, (a.status = 'suspended') AS actor_suspended
    FROM (${inner}) p
    LEFT JOIN agents a ON a.tenant_id = $1 AND a.agent_id = p.agent_id
    ORDER BY ${order}`;
}

export function toListItem(row: EventListRow): EventListItem {
  return {
    seq: String(row.seq),
    eventId: row.event_id,
    time: row.time.toISOString(),
    type: row.type,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorSuspended: row.actor_suspended === true,
    agentId: row.agent_id,
    onBehalfOfId: row.on_behalf_of_id,
    clientId: row.client_id,
    targetType: row.target_type,
    targetId: row.target_id,
    correlationId: row.correlation_id,
  };
}

const EXACT: [keyof EventFilters, string][] = [
  ["actor", "e.actor_id"],
  ["onBehalfOf", "e.on_behalf_of_id"],
  ["agent", "e.agent_id"],
  ["client", "e.client_id"],
  ["target", "e.target_id"],
  ["correlationId", "e.correlation_id"],
  ["decision", "e.policy_decision"],
  // No index of its own: it runs inside the range, usually with type=policy.evaluated.
  ["policy", "(e.data->'policy'->>'id')"],
];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Conditions and parameters for `filters`, with `tenantId` as $1. `to` is optional so the
 * live tail can see events that arrive after the page was rendered.
 */
export function eventWhere(
  tenantId: string,
  filters: EventFilters,
  visibility: EventVisibility,
  options: { upperBound: boolean } = { upperBound: true },
): { conditions: string[]; params: unknown[] } {
  const params: unknown[] = [tenantId];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ["e.tenant_id = $1", `e.time >= ${add(filters.range.from)}`];
  if (options.upperBound) conditions.push(`e.time <= ${add(filters.range.to)}`);
  const hidden = visibleTypeCondition(visibility);
  if (hidden) conditions.push(hidden);
  // A type ending in `*` is a prefix (`x-attest.*`: the dashboard's audit trail).
  const exact = filters.types.filter((t) => !t.endsWith("*"));
  const prefixes = filters.types.filter((t) => t.endsWith("*")).map((t) => `${escapeLike(t.slice(0, -1))}%`);
  const typeConditions = [
    ...(exact.length === 1 ? [`e.type = ${add(exact[0])}`] : []),
    ...(exact.length > 1 ? [`e.type = ANY(${add(exact)}::text[])`] : []),
    ...(prefixes.length ? [`e.type LIKE ANY(${add(prefixes)}::text[])`] : []),
  ];
  if (typeConditions.length === 1) conditions.push(typeConditions[0] as string);
  else if (typeConditions.length > 1) conditions.push(`(${typeConditions.join(" OR ")})`);
  if (filters.outcomes.length === 1) conditions.push(`e.outcome = ${add(filters.outcomes[0])}`);
  else if (filters.outcomes.length > 1) conditions.push(`e.outcome = ANY(${add(filters.outcomes)}::text[])`);
  for (const [name, column] of EXACT) {
    const value = filters[name];
    if (typeof value === "string") conditions.push(`${column} = ${add(value)}`);
  }
  if (filters.q) {
    const pattern = add(`%${escapeLike(filters.q)}%`);
    // Cheap typed columns first; the jsonb reason is read only when none of them matched.
    const columns = ["e.event_id", "e.type", "e.target_id", "e.correlation_id", "e.actor_id", "e.data->>'reason'"];
    conditions.push(`(${columns.map((c) => `${c} ILIKE ${pattern}`).join(" OR ")})`);
  }
  return { conditions, params };
}
