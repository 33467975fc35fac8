import type { DelegationHop, Principal } from "../contract/normalize";

// Findings computed from stored events: things an investigator must see on the event, the
// trace and the consent page, and that the alert rules (issue 5) raise alerts from. They are
// derived on read from the append-only events, so a late-arriving revocation or approval
// changes the answer the next time it is asked, and nothing derived can drift from the evidence.

export const FLAG_KINDS = [
  "delegation_escalation",
  "use_after_revocation",
  "use_after_expiry",
  "use_after_denial",
  "out_of_consent_scope",
  "action_before_approval",
  "high_value_without_approval",
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const FLAG_LABELS: Record<FlagKind, string> = {
  delegation_escalation: "Delegation scope escalation",
  use_after_revocation: "Used after consent was revoked",
  use_after_expiry: "Used after consent expired",
  use_after_denial: "Used after consent was denied",
  out_of_consent_scope: "Scope outside the consent",
  action_before_approval: "Action before approval",
  high_value_without_approval: "High-value action without approval",
};

export type Flag = {
  kind: FlagKind;
  /** The event the finding is about. */
  eventId: string;
  /** One sentence a person can read: what is wrong, with the numbers. */
  detail: string;
  /** Ids of the events that prove it (the revocation, the approval, the delegator's hop…). */
  evidence: string[];
};

/** The stored event's payload as the explorer keeps it (`events.data`), typed loosely. */
export type EventData = {
  type?: string;
  actor?: Principal;
  onBehalfOf?: Principal;
  delegation?: DelegationHop[];
  session?: { id: string };
  client?: { id: string; name?: string; kind?: string; registration?: string };
  correlationId?: string;
  trace?: { traceId: string; spanId: string; parentSpanId?: string };
  target?: { type: string; id: string; name?: string };
  resource?: string;
  scopes?: string[];
  reason?: string;
  policy?: { id: string; version?: string; decision: string; reason?: string; engine?: string };
  consent?: { id: string; scopes?: string[]; expiresAt?: string };
  token?: { id?: string; audience?: string; expiresAt?: string; tenant?: string };
  approval?: { id: string; approver?: Principal; expiresAt?: string };
  mcp?: { method?: string; protocolVersion?: string; sessionId?: string };
  source?: { ip?: string; userAgent?: string; service?: string };
  attributes?: Record<string, unknown>;
};

/** The part of a stored event the flag logic reads. Built from an `events` row by `toFlagEvent`. */
export type FlagEvent = {
  eventId: string;
  seq: string;
  type: string;
  time: Date;
  outcome: string;
  actorType: string;
  actorId: string;
  agentId: string | null;
  onBehalfOfId: string | null;
  clientId: string | null;
  correlationId: string | null;
  data: EventData;
};

export type FlagMap = Map<string, Flag[]>;

export function addFlag(map: FlagMap, flag: Flag): void {
  const list = map.get(flag.eventId);
  if (list) list.push(flag);
  else map.set(flag.eventId, [flag]);
}
