import type { EventData, FlagEvent } from "./types";

// How an `events` row becomes a FlagEvent, shared by every loader of flag context.

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
