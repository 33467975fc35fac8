import { pool } from "../db";
import { approvalFlags } from "./approval";
import { CONSENT_USE_TYPES, consentFlags, consentHumanOf } from "./consent";
import { loadConsentContext } from "./consent-load";
import { escalationFlags } from "./escalation";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "./rows";
import type { FlagEvent, FlagMap } from "./types";

export { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent };

// Loads what the flag rules need around a set of events and runs every rule. Pages call it
// with the events they show; the alert detectors (issue 5) will call the same rules.

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

  const uses = events.filter((e) => USE_TYPES.has(e.type));
  const humans = [...new Set(uses.map(consentHumanOf).filter((id): id is string => !!id))];
  if (humans.length) consentFlags(uses, await loadConsentContext(tenantId, humans), found);
  return found;
}

const USE_TYPES: ReadonlySet<string> = new Set(CONSENT_USE_TYPES);
