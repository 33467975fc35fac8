import { pool } from "../db";

// A human's session (`user_id:session_id`) as the registry knows it, and everything done under
// it. The registry (`sessions`) already merges stateful MCP clients (which add an MCP session
// id) and stateless ones (MCP 2026-07-28, no session id), because ingest derives the key from
// the event's human and `session.id` alone. Every statement is scoped by tenant first: another
// tenant's session key is simply not found.

export type SessionSummary = {
  sessionKey: string;
  userId: string;
  userName: string | null;
  sessionId: string;
  clientIds: string[];
  agentIds: string[];
  mcpSessionIds: string[];
  firstSeen: Date;
  lastSeen: Date;
  events: number;
};

export type SessionEvent = {
  eventId: string;
  time: Date;
  type: string;
  outcome: string;
  actorType: string;
  actorId: string;
  actorName: string | null;
  agentId: string | null;
  clientId: string | null;
  targetType: string | null;
  targetId: string | null;
  correlationId: string | null;
  /** `data.mcp.sessionId`; null for stateless clients and for events that are not MCP calls. */
  mcpSessionId: string | null;
  /** `data.mcp.protocolVersion`, when the event was an MCP call. */
  mcpProtocolVersion: string | null;
  /** Whether the event carried MCP fields at all. */
  isMcp: boolean;
};

/** Events shown on one session page; the page says when a session has more. */
export const SESSION_EVENT_LIMIT = 1_000;
export const SESSION_LIST_PAGE_SIZE = 50;

const SESSION_COLUMNS = `s.session_key, s.user_id, h.name AS user_name, s.session_id, s.client_ids, s.agent_ids,
  s.mcp_session_ids, s.first_seen, s.last_seen, s.event_count`;
const SESSION_FROM = "sessions s LEFT JOIN human_principals h ON h.tenant_id = s.tenant_id AND h.user_id = s.user_id";

type SessionRow = {
  session_key: string;
  user_id: string;
  user_name: string | null;
  session_id: string;
  client_ids: string[];
  agent_ids: string[];
  mcp_session_ids: string[];
  first_seen: Date;
  last_seen: Date;
  event_count: string | number;
};

const toSummary = (row: SessionRow): SessionSummary => ({
  sessionKey: row.session_key,
  userId: row.user_id,
  userName: row.user_name,
  sessionId: row.session_id,
  clientIds: row.client_ids,
  agentIds: row.agent_ids,
  mcpSessionIds: row.mcp_session_ids,
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
  events: Number(row.event_count),
});

export async function sessionSummary(tenantId: string, sessionKey: string): Promise<SessionSummary | null> {
  const { rows } = await pool().query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.tenant_id = $1 AND s.session_key = $2`,
    [tenantId, sessionKey],
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

// Served by the (tenant_id, session_key, time) index: the session's rows only, already in time order.
const EVENTS = `
  SELECT e.event_id, e.time, e.type, e.outcome, e.actor_type, e.actor_id, e.data->'actor'->>'name' AS actor_name,
    e.agent_id, e.client_id, e.target_type, e.target_id, e.correlation_id,
    e.data->'mcp'->>'sessionId' AS mcp_session_id, e.data->'mcp'->>'protocolVersion' AS mcp_protocol_version,
    (jsonb_typeof(e.data->'mcp') = 'object') AS is_mcp
  FROM events e
  WHERE e.tenant_id = $1 AND e.session_key = $2
  ORDER BY e.time, e.seq
  LIMIT $3`;

type EventRow = {
  event_id: string;
  time: Date;
  type: string;
  outcome: string;
  actor_type: string;
  actor_id: string;
  actor_name: string | null;
  agent_id: string | null;
  client_id: string | null;
  target_type: string | null;
  target_id: string | null;
  correlation_id: string | null;
  mcp_session_id: string | null;
  mcp_protocol_version: string | null;
  is_mcp: boolean | null;
};

/** The session's events in time order, at most `limit`; `truncated` when there are more. */
export async function sessionEvents(
  tenantId: string,
  sessionKey: string,
  limit = SESSION_EVENT_LIMIT,
): Promise<{ events: SessionEvent[]; truncated: boolean }> {
  const { rows } = await pool().query<EventRow>(EVENTS, [tenantId, sessionKey, limit + 1]);
  return {
    truncated: rows.length > limit,
    events: rows.slice(0, limit).map((r) => ({
      eventId: r.event_id,
      time: r.time,
      type: r.type,
      outcome: r.outcome,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_name,
      agentId: r.agent_id,
      clientId: r.client_id,
      targetType: r.target_type,
      targetId: r.target_id,
      correlationId: r.correlation_id,
      mcpSessionId: r.mcp_session_id,
      mcpProtocolVersion: r.mcp_protocol_version,
      isMcp: r.is_mcp === true,
    })),
  };
}

export type McpGroup = {
  /** null: the stateless group (MCP calls without a session id). */
  mcpSessionId: string | null;
  events: number;
  first: Date;
  last: Date;
  agentIds: string[];
};

/** MCP calls grouped by MCP session id, stateful groups first in order of first use, stateless last. */
export function groupByMcpSession(events: readonly SessionEvent[]): McpGroup[] {
  const groups = new Map<string | null, McpGroup>();
  for (const event of events) {
    if (!event.isMcp) continue;
    let group = groups.get(event.mcpSessionId);
    if (!group) {
      group = { mcpSessionId: event.mcpSessionId, events: 0, first: event.time, last: event.time, agentIds: [] };
      groups.set(event.mcpSessionId, group);
    }
    group.events += 1;
    if (event.time < group.first) group.first = event.time;
    if (event.time > group.last) group.last = event.time;
    if (event.agentId && !group.agentIds.includes(event.agentId)) group.agentIds.push(event.agentId);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.mcpSessionId === null) - Number(b.mcpSessionId === null) || a.first.getTime() - b.first.getTime(),
  );
}

const LIST = (where: string) => `
  SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
  WHERE ${where}
  ORDER BY s.last_seen DESC, s.session_key
  LIMIT $2 OFFSET $3`;

/** Recent sessions, newest activity first; `user` narrows to one user id (the registry's (tenant, user, last_seen) index). */
export async function listSessions(
  tenantId: string,
  options: { user?: string; page?: number } = {},
): Promise<{ sessions: SessionSummary[]; page: number; hasMore: boolean }> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const params: unknown[] = [tenantId, SESSION_LIST_PAGE_SIZE + 1, (page - 1) * SESSION_LIST_PAGE_SIZE];
  let where = "s.tenant_id = $1";
  if (options.user) {
    params.push(options.user);
    where += " AND s.user_id = $4";
  }
  const { rows } = await pool().query<SessionRow>(LIST(where), params);
  return {
    sessions: rows.slice(0, SESSION_LIST_PAGE_SIZE).map(toSummary),
    page,
    hasMore: rows.length > SESSION_LIST_PAGE_SIZE,
  };
}

/** `/sessions/<key>`: the key holds a colon and anything a sender put in its ids, so it is encoded whole. */
export const sessionHref = (sessionKey: string) => `/sessions/${encodeURIComponent(sessionKey)}`;

/** The route parameter back to a key; a malformed escape is treated as a key that does not exist. */
export function sessionKeyFromParam(param: string): string | null {
  try {
    return decodeURIComponent(param);
  } catch {
    return null;
  }
}
