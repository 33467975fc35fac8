import { addFlag, type Flag, type FlagEvent, type FlagMap } from "./types";

// Consent findings: a token or a tool call used for a person after that person revoked, let
// expire or refused the consent behind it, or with scopes the consent never covered.
//
// Everything is judged at the use's own time, from the consent events at or before it, so a
// revocation that arrives late changes the answer the next time it is asked. A use with no
// consent history at all is never flagged: the consent may predate retained data, and human
// apps and service clients never ask for one.
//
// Refused attempts (outcome denied or failure) are flagged too: an agent still trying with a
// revoked consent is evidence an investigator needs. The detail says the attempt was refused.

export const CONSENT_EVENT_TYPES = [
  "consent.requested",
  "consent.granted",
  "consent.denied",
  "consent.revoked",
] as const;
export const CONSENT_USE_TYPES = [
  "mcp.tool.called",
  "mcp.resource.read",
  "mcp.prompt.get",
  "token.issued",
  "token.refreshed",
  "token.exchanged",
] as const;

export type ConsentContext = {
  /** consent.* events of the users concerned, in time order. */
  events: FlagEvent[];
  /** Each agent's OAuth client ids (agents.client_ids). */
  clientsOfAgent: Map<string, string[]>;
};

export type ConsentStatus = "requested" | "granted" | "denied" | "revoked" | "expired";

export type ConsentRecord = {
  consentId: string;
  userId: string;
  clientId?: string;
  clientName?: string;
  /** How the client was registered (pre_registered, dynamic, metadata_document). */
  registration?: string;
  agentId?: string;
  scopes: string[];
  resource?: string;
  expiresAt?: Date;
  requestedAt?: Date;
  status: ConsentStatus;
  grantedAt?: Date;
  deniedAt?: Date;
  revokedAt?: Date;
  grantedEventId?: string;
  deniedEventId?: string;
  revokedEventId?: string;
  /** When the latest decision (grant, denial, revocation) was made. */
  decidedAt?: Date;
  eventIds: string[];
};

const USE_TYPES: ReadonlySet<string> = new Set(CONSENT_USE_TYPES);

/** The person a consent event is about: on behalf of whom the agent asked, or the deciding user. */
export function consentSubjectOf(event: FlagEvent): string | null {
  return event.onBehalfOfId ?? event.data.onBehalfOf?.id ?? (event.actorType === "user" ? event.actorId : null);
}

const agentHops = (event: FlagEvent) => (event.data.delegation ?? []).filter((hop) => hop.type !== "user");

/** The human a use serves, or null when it serves nobody (a service, a human app used directly). */
export function consentHumanOf(use: FlagEvent): string | null {
  if (use.onBehalfOfId) return use.onBehalfOfId;
  const origin = use.data.delegation?.[0];
  return origin?.type === "user" ? origin.id : null;
}

/**
 * Whom the human consented to for this use: its own client or agent, or for a delegated use
 * (two or more agent hops) the first agent of the chain, which the human authorised directly.
 */
export function consentPartyOf(use: FlagEvent): { agentId?: string; clientId?: string; delegated: boolean } {
  const hops = agentHops(use);
  if (hops.length >= 2) return { agentId: hops[0]?.id, delegated: true };
  return { agentId: use.agentId ?? undefined, clientId: use.clientId ?? undefined, delegated: false };
}

function recordFor(records: Map<string, ConsentRecord>, event: FlagEvent, consentId: string): ConsentRecord {
  let record = records.get(consentId);
  if (!record) {
    record = { consentId, userId: consentSubjectOf(event) ?? "", scopes: [], status: "requested", eventIds: [] };
    records.set(consentId, record);
  }
  return record;
}

function byTime(a: FlagEvent, b: FlagEvent): number {
  return a.time.getTime() - b.time.getTime() || Number(a.seq) - Number(b.seq);
}

/** Consents as of `now`, keyed by consent id, from consent.* events (other events are ignored). */
export function consentLedger(events: readonly FlagEvent[], now: Date = new Date()): ConsentRecord[] {
  const sorted = events.filter((e) => e.type.startsWith("consent.") && e.time <= now).sort(byTime);
  return withExpiry(buildLedger(sorted), now);
}

/** Marks grants whose expiry has passed at `now` as expired, without touching the input. */
function withExpiry(records: readonly ConsentRecord[], now: Date): ConsentRecord[] {
  return records.map((r) =>
    r.status === "granted" && r.expiresAt && r.expiresAt <= now ? { ...r, status: "expired" as const } : r,
  );
}

/** The records that consent events (in time order) leave behind, statuses as decided. */
function buildLedger(sorted: readonly FlagEvent[]): ConsentRecord[] {
  const records = new Map<string, ConsentRecord>();
  for (const event of sorted) {
    const consentId = event.data.consent?.id;
    if (!consentId) continue;
    const record = recordFor(records, event, consentId);
    record.eventIds.push(event.eventId);
    record.userId ||= consentSubjectOf(event) ?? "";
    const client = event.data.client;
    record.clientId ??= event.clientId ?? client?.id;
    record.clientName ??= client?.name;
    record.registration ??= client?.registration;
    if (event.type === "consent.requested" && event.actorType !== "user") record.agentId ??= event.actorId;
    const scopes = event.data.consent?.scopes ?? event.data.scopes;
    // A grant may narrow what was asked; a revocation or denial repeats it, or says nothing.
    if (scopes?.length && (event.type === "consent.granted" || record.scopes.length === 0)) record.scopes = scopes;
    record.resource = event.data.resource ?? record.resource;
    const expiresAt = event.data.consent?.expiresAt;
    if (expiresAt && event.type === "consent.granted") record.expiresAt = new Date(expiresAt);
    switch (event.type) {
      case "consent.requested":
        record.requestedAt ??= event.time;
        break;
      case "consent.granted":
        Object.assign(record, { status: "granted", grantedAt: event.time, grantedEventId: event.eventId });
        record.decidedAt = event.time;
        break;
      case "consent.denied":
        Object.assign(record, { status: "denied", deniedAt: event.time, deniedEventId: event.eventId });
        record.decidedAt = event.time;
        break;
      case "consent.revoked":
        Object.assign(record, { status: "revoked", revokedAt: event.time, revokedEventId: event.eventId });
        record.decidedAt = event.time;
        break;
    }
  }
  return [...records.values()];
}

/** Grants in force at `now`: granted, neither revoked nor expired since. */
export function consentsInForce(records: readonly ConsentRecord[]): ConsentRecord[] {
  return records.filter((r) => r.status === "granted");
}

/** "12 min", "3 h 5 min", "2 d 4 h": how long after, as a person would say it. */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

function matches(record: ConsentRecord, use: FlagEvent, clientsOfAgent: Map<string, string[]>): boolean {
  const party = consentPartyOf(use);
  if (party.delegated) {
    if (!party.agentId) return false;
    if (record.agentId === party.agentId) return true;
    return !!record.clientId && (clientsOfAgent.get(party.agentId) ?? []).includes(record.clientId);
  }
  if (party.clientId && record.clientId === party.clientId) return true;
  return !!party.agentId && record.agentId === party.agentId;
}

function refusedNote(use: FlagEvent): string {
  if (use.outcome === "denied") return ` The attempt was refused${use.data.reason ? ` (${use.data.reason})` : ""}.`;
  if (use.outcome === "failure") return ` The attempt failed${use.data.reason ? ` (${use.data.reason})` : ""}.`;
  return "";
}

const listed = (scopes: string[]) =>
  scopes.length <= 6 ? scopes.join(", ") : `${scopes.slice(0, 5).join(", ")} and ${scopes.length - 5} more`;

const whatOf = (use: FlagEvent) => `${use.type}${use.data.target?.id ? ` ${use.data.target.id}` : ""}`;

/** The consent finding for one use, from its human's consents as they stood at its time. */
function consentFlagFor(
  use: FlagEvent,
  ledgerAtUse: ConsentRecord[],
  clientsOfAgent: Map<string, string[]>,
): Flag | null {
  const records = ledgerAtUse.filter((r) => matches(r, use, clientsOfAgent));
  if (records.length === 0) return null;
  const refused = refusedNote(use);
  const inForce = consentsInForce(records);
  if (inForce.length > 0) {
    // A grant that lists no scopes is unknown, not empty: it can neither flag nor hide a scope.
    if (inForce.some((r) => r.scopes.length === 0)) return null;
    const held = new Set(inForce.flatMap((r) => r.scopes));
    const extra = [...new Set((use.data.scopes ?? []).filter((s) => !held.has(s)))];
    if (extra.length === 0) return null;
    const newest = inForce.reduce((a, b) => ((b.grantedAt ?? 0) > (a.grantedAt ?? 0) ? b : a));
    return {
      kind: "out_of_consent_scope",
      eventId: use.eventId,
      detail: `${whatOf(use)} used ${extra.join(", ")}, outside consent ${newest.consentId} (granted ${listed([...held])}).${refused}`,
      evidence: inForce.map((r) => r.grantedEventId).filter((id): id is string => !!id),
    };
  }
  const decided = records.filter((r) => r.decidedAt);
  if (decided.length === 0) return null;
  const latest = decided.reduce((a, b) => ((b.decidedAt as Date) >= (a.decidedAt as Date) ? b : a));
  const after = (at: Date | undefined) => humanDuration(use.time.getTime() - (at ?? use.time).getTime());
  if (latest.status === "revoked")
    return {
      kind: "use_after_revocation",
      eventId: use.eventId,
      detail: `${whatOf(use)} ran ${after(latest.revokedAt)} after consent ${latest.consentId} was revoked.${refused}`,
      evidence: [latest.revokedEventId as string],
    };
  if (latest.status === "expired")
    return {
      kind: "use_after_expiry",
      eventId: use.eventId,
      detail: `${whatOf(use)} ran ${after(latest.expiresAt)} after consent ${latest.consentId} expired.${refused}`,
      evidence: [latest.grantedEventId as string],
    };
  if (latest.status === "denied")
    return {
      kind: "use_after_denial",
      eventId: use.eventId,
      detail: `${whatOf(use)} ran ${after(latest.deniedAt)} after consent ${latest.consentId} was denied.${refused}`,
      evidence: [latest.deniedEventId as string],
    };
  return null;
}

/** The ledger of one person at any time, built once per consent event that precedes a use. */
function ledgerTimeline(events: FlagEvent[]): (t: Date) => ConsentRecord[] {
  const sorted = events.sort(byTime);
  const times = sorted.map((e) => e.time.getTime());
  const byPrefix = new Map<number, ConsentRecord[]>();
  return (t) => {
    // Consent events at or before t: the first index whose time is after t.
    let low = 0;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((times[mid] as number) <= t.getTime()) low = mid + 1;
      else high = mid;
    }
    let records = byPrefix.get(low);
    if (!records) {
      records = buildLedger(sorted.slice(0, low));
      byPrefix.set(low, records);
    }
    return withExpiry(records, t);
  };
}

/** Adds a consent finding to `into` for every use that has one. */
export function consentFlags(uses: readonly FlagEvent[], context: ConsentContext, into: FlagMap): void {
  const byHuman = new Map<string, FlagEvent[]>();
  for (const event of context.events) {
    if (!event.type.startsWith("consent.")) continue;
    const subject = consentSubjectOf(event);
    if (!subject) continue;
    const list = byHuman.get(subject);
    if (list) list.push(event);
    else byHuman.set(subject, [event]);
  }
  const ledgers = new Map<string, (t: Date) => ConsentRecord[]>();
  for (const use of uses) {
    if (!USE_TYPES.has(use.type)) continue;
    const human = consentHumanOf(use);
    const humanEvents = human ? byHuman.get(human) : undefined;
    if (!human || !humanEvents) continue;
    let ledgerAt = ledgers.get(human);
    if (!ledgerAt) {
      ledgerAt = ledgerTimeline(humanEvents);
      ledgers.set(human, ledgerAt);
    }
    const flag = consentFlagFor(use, ledgerAt(use.time), context.clientsOfAgent);
    if (flag) addFlag(into, flag);
  }
}
