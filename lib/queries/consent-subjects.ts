import { pool } from "../db";
import { CONSENT_EVENT_TYPES } from "../flags/consent";
import type { Range, SubjectKind } from "./consent-history";

// The consent page's list of subjects: users, agents and OAuth clients with consent activity
// in a range, people with a revocation first. Every statement filters `tenant_id = $1`.

export type SubjectSummary = {
  id: string;
  name: string | null;
  events: number;
  grants: number;
  denials: number;
  revocations: number;
  lastAt: Date;
};
export type ConsentSubjects = { users: SubjectSummary[]; agents: SubjectSummary[]; clients: SubjectSummary[] };

/** Subjects listed per kind: people with revocations first, then the most recent. */
export const MAX_SUBJECTS = 50;

const COUNTS = `count(*) AS events, count(*) FILTER (WHERE e.type = 'consent.granted') AS grants,
  count(*) FILTER (WHERE e.type = 'consent.denied') AS denials,
  count(*) FILTER (WHERE e.type = 'consent.revoked') AS revocations, max(e.time) AS last_at`;
const CONSENTS_IN_RANGE = "e.tenant_id = $1 AND e.type = ANY($2::text[]) AND e.time >= $3 AND e.time < $4";
const MATCH = "($5::text IS NULL OR s.id ILIKE $5 OR s.name ILIKE $5)";
const ORDER = `ORDER BY (s.revocations > 0) DESC, s.last_at DESC, s.id LIMIT ${MAX_SUBJECTS}`;

const SUBJECT_SQL: Record<SubjectKind, string> = {
  user: `SELECT * FROM (
      SELECT c.id, h.name, c.events, c.grants, c.denials, c.revocations, c.last_at FROM (
        SELECT coalesce(e.on_behalf_of_id, CASE WHEN e.actor_type = 'user' THEN e.actor_id END) AS id, ${COUNTS}
        FROM events e WHERE ${CONSENTS_IN_RANGE} GROUP BY 1) c
      LEFT JOIN human_principals h ON h.tenant_id = $1 AND h.user_id = c.id
      WHERE c.id IS NOT NULL) s
    WHERE ${MATCH} ${ORDER}`,
  client: `SELECT * FROM (
      SELECT c.id, o.name, c.events, c.grants, c.denials, c.revocations, c.last_at FROM (
        SELECT e.client_id AS id, ${COUNTS} FROM events e
        WHERE ${CONSENTS_IN_RANGE} AND e.client_id IS NOT NULL GROUP BY 1) c
      LEFT JOIN oauth_clients o ON o.tenant_id = $1 AND o.client_id = c.id) s
    WHERE ${MATCH} ${ORDER}`,
  // Grants and revocations are made by the person and name only the client: an agent's
  // consents are those of its clients.
  agent: `SELECT * FROM (
      SELECT a.agent_id AS id, a.name, sum(c.events) AS events, sum(c.grants) AS grants, sum(c.denials) AS denials,
        sum(c.revocations) AS revocations, max(c.last_at) AS last_at FROM (
        SELECT e.client_id, ${COUNTS} FROM events e
        WHERE ${CONSENTS_IN_RANGE} AND e.client_id IS NOT NULL GROUP BY 1) c
      JOIN agents a ON a.tenant_id = $1 AND c.client_id = ANY(a.client_ids)
      GROUP BY a.agent_id, a.name) s
    WHERE ${MATCH} ${ORDER}`,
};

type Count = string | number;
type SummaryRow = Record<"events" | "grants" | "denials" | "revocations", Count> & {
  id: string;
  name: string | null;
  last_at: Date;
};

/** Users, agents and clients with consent activity in the range, optionally matching `q`. */
export async function consentSubjects(tenantId: string, range: Range, q?: string): Promise<ConsentSubjects> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const params = [tenantId, CONSENT_EVENT_TYPES, range.from, range.to, pattern];
  const query = (kind: SubjectKind) => pool().query<SummaryRow>(SUBJECT_SQL[kind], params);
  const [users, agents, clients] = await Promise.all([query("user"), query("agent"), query("client")]);
  const summaries = (rows: SummaryRow[]): SubjectSummary[] =>
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      events: Number(r.events),
      grants: Number(r.grants),
      denials: Number(r.denials),
      revocations: Number(r.revocations),
      lastAt: r.last_at,
    }));
  return { users: summaries(users.rows), agents: summaries(agents.rows), clients: summaries(clients.rows) };
}
