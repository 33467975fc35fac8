import { pool } from "../db";
import type { DateRange } from "../filters/time-range";
import {
  CONSENT_EVENT_TYPES,
  CONSENT_USE_TYPES,
  type ConsentContext,
  type ConsentRecord,
  consentFlags,
  consentHumanOf,
  consentLedger,
  consentsInForce,
} from "../flags/consent";
import { loadConsentContext } from "../flags/consent-load";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "../flags/rows";
import type { Flag, FlagEvent, FlagMap } from "../flags/types";

// The consent page: who has consent activity (users, agents, OAuth clients), and for one of
// them the timeline of consent decisions, what is in force now, and the uses in a time range
// that the consent rules flag. Every statement filters `tenant_id = $1`; an id of another
// tenant is simply not found.

export const SUBJECT_KINDS = ["user", "agent", "client"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type ConsentSubject = { kind: SubjectKind; id: string };
export type Range = DateRange;

/** Uses examined per page view; beyond it the page says only the latest were checked. */
export const MAX_USES = 5_000;
/** Timeline entries shown; the latest are kept. */
export const MAX_TIMELINE = 300;
const MAX_CONSENT_EVENTS = 5_000;

export function parseConsentSubject(params: URLSearchParams): ConsentSubject | null {
  for (const kind of SUBJECT_KINDS) {
    const id = params.get(kind)?.trim();
    if (id && id.length <= 256) return { kind, id };
  }
  return null;
}

export type ConsentTimelineEntry = {
  kind: "consent" | "use";
  eventId: string;
  time: Date;
  type: string;
  outcome: string;
  correlationId: string | null;
  userId: string | null;
  agentId: string | null;
  clientId: string | null;
  clientName?: string;
  registration?: string;
  consentId?: string;
  scopes: string[];
  resource?: string;
  expiresAt?: Date;
  target?: string;
  flags: Flag[];
};

export type ConsentHistory = {
  subject: ConsentSubject & { name: string | null };
  records: ConsentRecord[];
  inForce: ConsentRecord[];
  /** Consent events and flagged uses in the range, oldest first. */
  timeline: ConsentTimelineEntry[];
  timelineCapped: boolean;
  flagged: ConsentTimelineEntry[];
  usesChecked: number;
  usesCapped: boolean;
};

// The use rows carry only the parts of `data` the consent rules and the page read.
const USE_COLUMNS = `e.event_id, e.seq, e.type, e.time, e.outcome, e.actor_type, e.actor_id, e.agent_id,
  e.on_behalf_of_id, e.client_id, e.correlation_id,
  jsonb_strip_nulls(jsonb_build_object('delegation', e.data->'delegation', 'scopes', e.data->'scopes', 'target', e.data->'target',
    'reason', e.data->'reason', 'client', e.data->'client', 'resource', e.data->'resource')) AS data`;

type Identity = { name: string | null; clientIds: string[]; agentIds: string[] };

async function identityOf(tenantId: string, subject: ConsentSubject): Promise<Identity | null> {
  const sql = {
    user: "SELECT name, '{}'::text[] AS client_ids, '{}'::text[] AS agent_ids FROM human_principals WHERE tenant_id = $1 AND user_id = $2",
    agent: "SELECT name, client_ids, '{}'::text[] AS agent_ids FROM agents WHERE tenant_id = $1 AND agent_id = $2",
    client:
      "SELECT name, '{}'::text[] AS client_ids, agent_ids FROM oauth_clients WHERE tenant_id = $1 AND client_id = $2",
  }[subject.kind];
  const { rows } = await pool().query<{ name: string | null; client_ids: string[]; agent_ids: string[] }>(sql, [
    tenantId,
    subject.id,
  ]);
  const row = rows[0];
  return row ? { name: row.name, clientIds: row.client_ids, agentIds: row.agent_ids } : null;
}

/** An agent's or client's consent events, all time: their history decides what is in force now. */
async function partyConsentEvents(tenantId: string, subject: ConsentSubject, identity: Identity) {
  const [where, party] =
    subject.kind === "agent"
      ? ["(e.agent_id = $3 OR e.client_id = ANY($4::text[]))", [subject.id, identity.clientIds]]
      : ["e.client_id = $3", [subject.id]];
  const { rows } = await pool().query<FlagRow>(
    `SELECT * FROM (SELECT ${FLAG_EVENT_COLUMNS} FROM events e
       WHERE e.tenant_id = $1 AND e.type = ANY($2::text[]) AND ${where}
       ORDER BY e.time DESC, e.seq DESC LIMIT ${MAX_CONSENT_EVENTS}) latest ORDER BY time, seq`,
    [tenantId, CONSENT_EVENT_TYPES, ...party],
  );
  return rows.map(toFlagEvent);
}

/** The subject's uses in the range, newest first, at most MAX_USES + 1 (to tell when capped). */
async function subjectUses(tenantId: string, subject: ConsentSubject, identity: Identity, range: Range) {
  const where = {
    user: "e.on_behalf_of_id = $2",
    agent: "e.agent_id = $2",
    // A client's uses are those of its agents under that client (agent_id leads the index). With
    // one agent, the usual case, equality lets the index return the newest rows first.
    client: `${identity.agentIds.length === 1 ? "e.agent_id = $6" : "e.agent_id = ANY($6::text[])"} AND e.client_id = $2`,
  }[subject.kind];
  const params: unknown[] = [tenantId, subject.id, CONSENT_USE_TYPES, range.from, range.to];
  if (subject.kind === "client") params.push(identity.agentIds.length === 1 ? identity.agentIds[0] : identity.agentIds);
  const { rows } = await pool().query<FlagRow>(
    `SELECT ${USE_COLUMNS} FROM events e
      WHERE e.tenant_id = $1 AND ${where} AND e.type = ANY($3::text[]) AND e.time >= $4 AND e.time < $5
      ORDER BY e.time DESC, e.seq DESC LIMIT ${MAX_USES + 1}`,
    params,
  );
  return rows.map(toFlagEvent);
}

/** A timeline row: a consent event (with its record's details) or a flagged use. */
function entryOf(event: FlagEvent, record: ConsentRecord | undefined, flags?: Flag[]): ConsentTimelineEntry {
  const { data } = event;
  const isUse = flags !== undefined;
  return {
    kind: isUse ? "use" : "consent",
    eventId: event.eventId,
    time: event.time,
    type: event.type,
    outcome: event.outcome,
    correlationId: event.correlationId,
    userId: isUse ? consentHumanOf(event) : (record?.userId ?? null),
    agentId: isUse ? event.agentId : (record?.agentId ?? null),
    clientId: event.clientId,
    clientName: data.client?.name,
    registration: data.client?.registration ?? record?.registration,
    consentId: data.consent?.id,
    scopes: data.consent?.scopes ?? data.scopes ?? record?.scopes ?? [],
    resource: data.resource ?? record?.resource,
    expiresAt: data.consent?.expiresAt ? new Date(data.consent.expiresAt) : undefined,
    target: isUse ? data.target?.id : undefined,
    flags: flags ?? [],
  };
}

export async function consentHistory(
  tenantId: string,
  subject: ConsentSubject,
  range: Range,
  now: Date = new Date(),
): Promise<ConsentHistory | null> {
  const identity = await identityOf(tenantId, subject);
  if (!identity) return null;
  let consentEvents: FlagEvent[];
  let context: ConsentContext;
  let found: FlagEvent[];
  if (subject.kind === "user") {
    // A person's uses all serve that person, so their own consent history is the whole context.
    [context, found] = await Promise.all([
      loadConsentContext(tenantId, [subject.id]),
      subjectUses(tenantId, subject, identity, range),
    ]);
    consentEvents = context.events;
  } else {
    [consentEvents, found] = await Promise.all([
      partyConsentEvents(tenantId, subject, identity),
      subjectUses(tenantId, subject, identity, range),
    ]);
    const humans = found.slice(0, MAX_USES).map(consentHumanOf);
    context = await loadConsentContext(
      tenantId,
      humans.filter((id): id is string => !!id),
    );
  }
  const usesCapped = found.length > MAX_USES;
  const uses = found.slice(0, MAX_USES);
  const flags: FlagMap = new Map();
  consentFlags(uses, context, flags);

  const records = consentLedger(consentEvents, now);
  const byId = new Map(records.map((r) => [r.consentId, r]));
  const flagged = uses
    .filter((u) => flags.has(u.eventId))
    .map((u) => entryOf(u, undefined, flags.get(u.eventId) ?? []))
    .reverse();
  const inRange = consentEvents
    .filter((e) => e.time >= range.from && e.time < range.to)
    .map((e) => entryOf(e, byId.get(e.data.consent?.id ?? "")));
  const all = [...inRange, ...flagged].sort(
    (a, b) => a.time.getTime() - b.time.getTime() || (a.kind === b.kind ? 0 : a.kind === "consent" ? -1 : 1),
  );
  return {
    subject: { ...subject, name: identity.name },
    records: records.sort((a, b) =>
      (b.decidedAt ?? b.requestedAt ?? 0) > (a.decidedAt ?? a.requestedAt ?? 0) ? 1 : -1,
    ),
    inForce: consentsInForce(records),
    timeline: all.slice(-MAX_TIMELINE),
    timelineCapped: all.length > MAX_TIMELINE,
    flagged,
    usesChecked: uses.length,
    usesCapped,
  };
}
