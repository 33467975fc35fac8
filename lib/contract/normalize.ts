import { randomUUID } from "node:crypto";
import type { ActClaim, ContractEvent } from "./event-schema";
import { TRACEPARENT } from "./event-schema";

export type Principal = { type: "user" | "agent" | "service"; id: string; name?: string };
export type DelegationHop = Principal & { scopes?: string[] };
export type Trace = { traceId: string; spanId: string; parentSpanId?: string; flags?: string };

/**
 * An event as Attest stores it: always an `id`, `trace` as an object, and `delegation`
 * filled from an RFC 8693 `act` claim when the sender gave one instead. The sender's own
 * `act` is kept alongside, so the original evidence is never rewritten away.
 */
export type NormalizedEvent = Omit<ContractEvent, "id" | "trace" | "traceparent" | "delegation"> & {
  id: string;
  trace?: Trace;
  delegation?: DelegationHop[];
};

/** Server ids for events sent without one. They are not deduplicated, by contract. */
export function serverEventId(): string {
  return `srv-${randomUUID()}`;
}

export function parseTraceparent(value: string): Trace {
  const match = TRACEPARENT.exec(value);
  if (!match) throw new Error("invalid traceparent");
  // The parent-id field names the span that emitted the header: this event's span.
  return { traceId: match[2] as string, spanId: match[3] as string, flags: match[4] as string };
}

function scopesOf(hop: ActClaim): string[] | undefined {
  if (Array.isArray(hop.scopes)) return hop.scopes as string[];
  if (typeof hop.scope === "string" && hop.scope.trim()) return hop.scope.trim().split(/\s+/);
  return undefined;
}

/**
 * RFC 8693: the outermost `act` is the current actor and each nested `act` a prior actor.
 * The contract's `delegation` runs the other way, from the originating human to the actor,
 * so the nesting is reversed and the human the actor works for (the token subject) leads.
 */
export function delegationFromAct(act: ActClaim, actor: Principal, onBehalfOf?: Principal): DelegationHop[] {
  const actors: DelegationHop[] = [];
  for (let hop: ActClaim | undefined = act; hop; hop = hop.act) {
    const isActor = hop === act;
    const type = (hop.type as Principal["type"] | undefined) ?? (isActor ? actor.type : "agent");
    const name = (hop.name as string | undefined) ?? (isActor ? actor.name : undefined);
    const scopes = scopesOf(hop);
    actors.push({ type, id: hop.sub, ...(name ? { name } : {}), ...(scopes ? { scopes } : {}) });
  }
  const chain = actors.reverse();
  if (onBehalfOf && chain[0]?.id !== onBehalfOf.id) chain.unshift({ ...onBehalfOf });
  return chain;
}

export function normalizeEvent(event: ContractEvent): NormalizedEvent {
  const { id, trace, traceparent, delegation, ...rest } = event;
  const normalized: NormalizedEvent = { id: id ?? serverEventId(), ...rest };
  const traceSource = trace ?? traceparent;
  if (typeof traceSource === "string") normalized.trace = parseTraceparent(traceSource);
  else if (traceSource) normalized.trace = traceSource;
  if (delegation) normalized.delegation = delegation;
  else if (event.act) normalized.delegation = delegationFromAct(event.act, event.actor, event.onBehalfOf);
  return normalized;
}
