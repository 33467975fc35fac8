import { pool } from "../db";
import { CONSENT_EVENT_TYPES, type ConsentContext } from "./consent";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "./rows";

// What the consent rules need for a set of people: every consent.* event about them (all of
// their history, since a grant from months ago may still be in force), and the OAuth clients
// of the agents those consents name, so a delegated use can be matched to its root agent.

/** At most this many consent events are read per call; a person has a handful, not thousands. */
export const MAX_CONSENT_EVENTS = 20_000;

export async function loadConsentContext(tenantId: string, userIds: string[]): Promise<ConsentContext> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return { events: [], clientsOfAgent: new Map() };
  // The subject is on_behalf_of_id (consent.requested) or the deciding user (granted, denied,
  // revoked); each branch is served by its own (tenant_id, …, time) index.
  const { rows } = await pool().query<FlagRow>(
    `SELECT ${FLAG_EVENT_COLUMNS} FROM events e
      WHERE e.tenant_id = $1 AND e.type = ANY($2::text[])
        AND (e.on_behalf_of_id = ANY($3::text[]) OR (e.actor_type = 'user' AND e.actor_id = ANY($3::text[])))
      ORDER BY e.time, e.seq
      LIMIT ${MAX_CONSENT_EVENTS}`,
    [tenantId, CONSENT_EVENT_TYPES, users],
  );
  const events = rows.map(toFlagEvent);
  return {
    events,
    clientsOfAgent: await clientsOfAgents(
      tenantId,
      events.map((e) => e.clientId),
    ),
  };
}

/** Agents whose clients appear in these consents, with all their client ids. */
export async function clientsOfAgents(tenantId: string, clientIds: (string | null)[]): Promise<Map<string, string[]>> {
  const clients = [...new Set(clientIds.filter((id): id is string => !!id))];
  if (clients.length === 0) return new Map();
  const { rows } = await pool().query<{ agent_id: string; client_ids: string[] }>(
    "SELECT agent_id, client_ids FROM agents WHERE tenant_id = $1 AND client_ids && $2::text[]",
    [tenantId, clients],
  );
  return new Map(rows.map((r) => [r.agent_id, r.client_ids]));
}
