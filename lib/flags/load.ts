import { pool } from "../db";
import { approvalFlags } from "./approval";
import { escalationFlags } from "./escalation";
import type { EventData, FlagEvent, FlagMap } from "./types";

// Loads what the flag rules need around a set of events and runs every rule. Pages call it
// with the events they show; the alert detectors (issue 5) will call the same rules.

/** Columns of `events e` that `toFlagEvent` reads; add others freely after them. */
export const FLAG_EVENT_COLUMNS = `e.event_id, e.seq, e.type, e.time, e.outcome, e.actor_type, e.actor_id,
  e.agent_id, e.on_behalf_of_id, e.client_id, e.correlation_id, e.data`;

export type FlagRow = {
  event_id: string;
  seq: string;
  type: string;
  time: Date;
  outcome: string;
  actor_type: string;
  actor_id: string;
  agent_id: string | null;
  on_behalf_of_id: string | null;
  client_id: string | null;
  correlation_id: string | null;
  data: EventData;
};

export function toFlagEvent(row: FlagRow): FlagEvent {
  return {
    eventId: row.event_id,
    seq: String(row.seq),
    type: row.type,
    time: row.time,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    agentId: row.agent_id,
    onBehalfOfId: row.on_behalf_of_id,
    clientId: row.client_id,
    correlationId: row.correlation_id,
    data: row.data,
  };
}

/** Event types whose approval findings depend on the rest of their request. */
const APPROVAL_RELEVANT = /^(approval\.|policy\.evaluated$|downstream\.called$|mcp\.tool\.called$)/;
/** At most this many requests are loaded to check approvals; beyond that, pages say so. */
export const MAX_CORRELATIONS = 1_000;
const MAX_CORRELATION_EVENTS = 50_000;

/** Every event of the given requests, oldest first (bounded). */
export async function correlationEvents(tenantId: string, correlationIds: string[]): Promise<FlagEvent[]> {
  if (correlationIds.length === 0) return [];
  const { rows } = await pool().query<FlagRow>(
    `SELECT ${FLAG_EVENT_COLUMNS} FROM events e
      WHERE e.tenant_id = $1 AND e.correlation_id = ANY($2::text[])
      ORDER BY e.time, e.seq LIMIT ${MAX_CORRELATION_EVENTS}`,
    [tenantId, correlationIds.slice(0, MAX_CORRELATIONS)],
  );
  return rows.map(toFlagEvent);
}

export type FlagOptions = {
  /** The events already hold every event of their requests (a trace page): skip loading them. */
  completeCorrelations?: boolean;
};

/** Every finding about `events`, keyed by event id. Tenant-scoped: context comes from `tenantId` only. */
export async function flagsForEvents(
  tenantId: string,
  events: readonly FlagEvent[],
  options: FlagOptions = {},
): Promise<FlagMap> {
  const found: FlagMap = new Map();
  escalationFlags(events, found);

  const wanted = new Set(events.map((e) => e.eventId));
  const correlations = [
    ...new Set(events.filter((e) => e.correlationId && APPROVAL_RELEVANT.test(e.type)).map((e) => e.correlationId)),
  ] as string[];
  const context = options.completeCorrelations ? events : await correlationEvents(tenantId, correlations);
  const approvals: FlagMap = new Map();
  approvalFlags(context, approvals);
  for (const [eventId, flags] of approvals)
    if (wanted.has(eventId)) found.set(eventId, [...(found.get(eventId) ?? []), ...flags]);

  return found;
}
