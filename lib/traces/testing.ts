import type { ContractEvent } from "../contract/event-schema";
import { normalizeEvent } from "../contract/normalize";
import type { EventData } from "../flags/types";
import type { TraceEvent } from "../queries/trace";

// Test helper: a contract event as the trace page receives it from the database, without the
// database (the columns the collector would fill, and the normalized event as `data`).

let seq = 0;

export function asTraceEvent(input: Record<string, unknown>): TraceEvent {
  const normalized = normalizeEvent(input as ContractEvent);
  const data = normalized as unknown as EventData & { id: string; time: string; outcome?: string };
  seq += 1;
  const actor = normalized.actor;
  return {
    eventId: normalized.id,
    seq: String(seq),
    type: normalized.type,
    time: new Date(normalized.time),
    outcome: normalized.outcome ?? "success",
    actorType: actor.type,
    actorId: actor.id,
    agentId: actor.type === "agent" ? actor.id : null,
    onBehalfOfId: normalized.onBehalfOf?.id ?? null,
    clientId: normalized.client?.id ?? null,
    correlationId: normalized.correlationId ?? null,
    data,
    sessionKey:
      normalized.session && normalized.onBehalfOf ? `${normalized.onBehalfOf.id}:${normalized.session.id}` : null,
    traceId: normalized.trace?.traceId ?? null,
    spanId: normalized.trace?.spanId ?? null,
    parentSpanId: normalized.trace?.parentSpanId ?? null,
    targetType: normalized.target?.type ?? null,
    targetId: normalized.target?.id ?? null,
    policyDecision: normalized.policy?.decision ?? null,
  };
}

export const asTraceEvents = (inputs: (object | undefined)[]) =>
  inputs.map((input) => asTraceEvent((input ?? {}) as Record<string, unknown>));
