import { BASE, baseParams, type ReportScope } from "./scope";
import { col, iso, num, query, TOP_N, table } from "./sql";
import type { ReportSection } from "./types";

// Sections on who acted and under whose authority: agents, delegations, consents, policies.

/** Short names of the client registration kinds: RFC 7591 dynamic registration, MCP's metadata documents. */
const REGISTRATION: Record<string, string> = {
  pre_registered: "pre-registered",
  dynamic: "DCR",
  metadata_document: "CIMD",
};

export async function agentInventory(scope: ReportScope): Promise<ReportSection> {
  const params = baseParams(scope);
  const rows = await query<Record<string, unknown>>(
    `WITH active AS (
       SELECT e.agent_id, count(*) AS events, min(e.time) AS first, max(e.time) AS last,
              count(*) FILTER (WHERE e.outcome IN ('denied', 'failure')) AS refused,
              count(DISTINCT e.on_behalf_of_id) AS people
         FROM events e WHERE ${BASE} AND e.agent_id IS NOT NULL GROUP BY e.agent_id)
     SELECT a.*, g.name, g.kind, g.registration, g.status, g.owner_user_id, count(*) OVER () AS total
       FROM active a LEFT JOIN agents g ON g.tenant_id = $1 AND g.agent_id = a.agent_id
      ORDER BY a.events DESC, a.agent_id LIMIT ${TOP_N}`,
    params,
  );
  const [lifecycle] = await query<Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE e.type = 'agent.registered') AS registered,
            count(*) FILTER (WHERE e.type = 'agent.updated') AS updated,
            count(*) FILTER (WHERE e.type = 'agent.suspended') AS suspended
       FROM events e WHERE ${BASE} AND e.type IN ('agent.registered', 'agent.updated', 'agent.suspended')`,
    params,
  );
  const [known] = await query<Record<string, unknown>>(
    "SELECT count(*) AS known, count(*) FILTER (WHERE status = 'suspended') AS suspended FROM agents WHERE tenant_id = $1",
    [scope.tenant.id],
  );
  return {
    id: "agents",
    title: "Agent inventory",
    figures: [
      { key: "active", label: "Agents and services active in the period", value: num(rows[0]?.total) },
      { key: "registered", label: "Agents registered in the period", value: num(lifecycle?.registered) },
      { key: "updated", label: "Agent updates in the period", value: num(lifecycle?.updated) },
      { key: "suspended", label: "Agents suspended in the period", value: num(lifecycle?.suspended) },
      { key: "known", label: "Agents known to Attest (all time)", value: num(known?.known) },
      { key: "suspendedNow", label: "Agents suspended now", value: num(known?.suspended) },
    ],
    tables: [
      table(
        "agents",
        "Most active agents and services",
        [
          col("agent", "Agent", 2.6),
          col("kind", "Kind", 1.5),
          col("registration", "Registration", 1.7),
          col("status", "Status", 1.5),
          col("owner", "Owner", 3.6),
          col("events", "Events", 1.1, "right"),
          col("refused", "Refused", 1.3, "right"),
          col("people", "People", 1.1, "right"),
          col("lastSeen", "Last seen (UTC)", 2.9),
        ],
        rows.map((r) => ({
          agent: String(r.agent_id),
          kind: (r.kind as string) ?? null,
          registration: REGISTRATION[r.registration as string] ?? (r.registration as string) ?? null,
          status: (r.status as string) ?? null,
          owner: (r.owner_user_id as string) ?? null,
          events: num(r.events),
          refused: num(r.refused),
          people: num(r.people),
          lastSeen: iso(r.last as Date),
        })),
        num(rows[0]?.total),
      ),
    ],
    notes: [],
  };
}

// A hop escalates when it holds a scope that the nearest earlier hop listing scopes did not hold
// (the rule of lib/flags/escalation.ts, here as SQL so it runs over the whole period).
const ESCALATED = `EXISTS (
  SELECT 1 FROM (
    SELECT h.hop->'scopes' AS scopes,
           lag(h.hop->'scopes') OVER (ORDER BY h.ord) AS previous
      FROM jsonb_array_elements(e.data->'delegation') WITH ORDINALITY AS h(hop, ord)
     WHERE jsonb_typeof(h.hop->'scopes') = 'array') s
  WHERE s.previous IS NOT NULL AND NOT (s.previous @> s.scopes))`;

const CHAIN = `(SELECT string_agg(h.hop->>'id', ' > ' ORDER BY h.ord)
   FROM jsonb_array_elements(e.data->'delegation') WITH ORDINALITY AS h(hop, ord))`;

export async function delegations(scope: ReportScope): Promise<ReportSection> {
  const params = baseParams(scope);
  const delegated = `${BASE} AND e.delegation_depth >= 2 AND jsonb_typeof(e.data->'delegation') = 'array'`;
  const byDepth = await query<Record<string, unknown>>(
    `SELECT e.delegation_depth AS depth, count(*) AS events, count(*) FILTER (WHERE ${ESCALATED}) AS escalated
       FROM events e WHERE ${delegated} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const chains = await query<Record<string, unknown>>(
    `SELECT ${CHAIN} AS chain, max(e.delegation_depth) AS depth, count(*) AS events,
            count(*) FILTER (WHERE ${ESCALATED}) AS escalated, max(e.time) AS last, count(*) OVER () AS total
       FROM events e WHERE ${delegated} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${TOP_N}`,
    params,
  );
  const events = byDepth.reduce((sum, r) => sum + num(r.events), 0);
  const escalated = byDepth.reduce((sum, r) => sum + num(r.escalated), 0);
  return {
    id: "delegations",
    title: "Delegations",
    figures: [
      { key: "delegatedEvents", label: "Events done under a delegation chain (2+ hops)", value: events },
      { key: "chains", label: "Distinct chains", value: num(chains[0]?.total) },
      { key: "escalatedEvents", label: "Events whose chain widens scope (escalation)", value: escalated },
      {
        key: "maxDepth",
        label: "Longest chain (hops)",
        value: byDepth.length ? num(byDepth[byDepth.length - 1]?.depth) : 0,
      },
    ],
    tables: [
      table(
        "byDepth",
        "Delegated events by chain length",
        [
          col("depth", "Hops", 1, "right"),
          col("events", "Events", 1.5, "right"),
          col("escalated", "Escalated", 1.5, "right"),
        ],
        byDepth.map((r) => ({ depth: num(r.depth), events: num(r.events), escalated: num(r.escalated) })),
      ),
      table(
        "chains",
        "Busiest delegation chains (originating principal first)",
        [
          col("chain", "Chain", 8),
          col("depth", "Hops", 1, "right"),
          col("events", "Events", 1.3, "right"),
          col("escalated", "Escalated", 1.5, "right"),
          col("lastSeen", "Last seen (UTC)", 2.6),
        ],
        chains.map((r) => ({
          chain: String(r.chain ?? ""),
          depth: num(r.depth),
          events: num(r.events),
          escalated: num(r.escalated),
          lastSeen: iso(r.last as Date),
        })),
        num(chains[0]?.total),
      ),
    ],
    notes: [],
  };
}

export async function consents(scope: ReportScope): Promise<ReportSection> {
  const params = baseParams(scope);
  const [counts] = await query<Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE e.type = 'consent.requested') AS requested,
            count(*) FILTER (WHERE e.type = 'consent.granted') AS granted,
            count(*) FILTER (WHERE e.type = 'consent.denied') AS denied,
            count(*) FILTER (WHERE e.type = 'consent.revoked') AS revoked,
            count(DISTINCT coalesce(e.on_behalf_of_id, e.actor_id)) AS people
       FROM events e WHERE ${BASE} AND starts_with(e.type, 'consent.')`,
    params,
  );
  // In force at the end of the period: granted before it, not revoked before it, not expired.
  const [inForce] = await query<Record<string, unknown>>(
    `SELECT count(*) AS in_force FROM (
       SELECT e.data->'consent'->>'id' AS id,
              bool_or(e.type = 'consent.granted') AS granted, bool_or(e.type = 'consent.revoked') AS revoked,
              max(e.data->'consent'->>'expiresAt') FILTER (WHERE e.type = 'consent.granted') AS expires
         FROM events e
        WHERE e.tenant_id = $1 AND e.time < $2 AND e.seq <= $3 AND e.type IN ('consent.granted', 'consent.revoked')
        GROUP BY 1) c
     WHERE c.granted AND NOT c.revoked AND (c.expires IS NULL OR c.expires::timestamptz > $2)`,
    [scope.tenant.id, scope.request.to, scope.throughSeq],
  );
  const byClient = await query<Record<string, unknown>>(
    `SELECT coalesce(e.client_id, '(none)') AS client,
            count(*) FILTER (WHERE e.type = 'consent.requested') AS requested,
            count(*) FILTER (WHERE e.type = 'consent.granted') AS granted,
            count(*) FILTER (WHERE e.type = 'consent.denied') AS denied,
            count(*) FILTER (WHERE e.type = 'consent.revoked') AS revoked,
            count(*) OVER () AS total
       FROM events e WHERE ${BASE} AND starts_with(e.type, 'consent.')
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${TOP_N}`,
    params,
  );
  return {
    id: "consents",
    title: "Consents",
    figures: [
      { key: "requested", label: "Consents requested", value: num(counts?.requested) },
      { key: "granted", label: "Consents granted", value: num(counts?.granted) },
      { key: "denied", label: "Consents denied", value: num(counts?.denied) },
      { key: "revoked", label: "Consents revoked", value: num(counts?.revoked) },
      { key: "inForceAtEnd", label: "Consents in force at the end of the period", value: num(inForce?.in_force) },
      { key: "people", label: "People who were asked or decided", value: num(counts?.people) },
    ],
    tables: [
      table(
        "byClient",
        "Consent decisions by OAuth client",
        [
          col("client", "Client", 7),
          col("requested", "Requested", 1.4, "right"),
          col("granted", "Granted", 1.4, "right"),
          col("denied", "Denied", 1.4, "right"),
          col("revoked", "Revoked", 1.4, "right"),
        ],
        byClient.map((r) => ({
          client: String(r.client),
          requested: num(r.requested),
          granted: num(r.granted),
          denied: num(r.denied),
          revoked: num(r.revoked),
        })),
        num(byClient[0]?.total),
      ),
    ],
    notes: [],
  };
}

export async function policyDecisions(scope: ReportScope): Promise<ReportSection> {
  const rows = await query<Record<string, unknown>>(
    `SELECT coalesce(e.data->'policy'->>'id', '(none)') AS policy, coalesce(e.data->'policy'->>'version', '') AS version,
            count(*) FILTER (WHERE e.policy_decision = 'allow') AS allow,
            count(*) FILTER (WHERE e.policy_decision = 'deny') AS deny,
            count(*) FILTER (WHERE e.policy_decision = 'require_approval') AS require_approval,
            count(*) AS total, count(*) OVER () AS groups
       FROM events e WHERE ${BASE} AND e.type = 'policy.evaluated'
      GROUP BY 1, 2 ORDER BY total DESC, 1, 2`,
    baseParams(scope),
  );
  const sum = (key: string) => rows.reduce((s, r) => s + num(r[key]), 0);
  return {
    id: "policies",
    title: "Policy decisions",
    figures: [
      { key: "evaluations", label: "Policy evaluations", value: sum("total") },
      { key: "allow", label: "Allowed", value: sum("allow") },
      { key: "deny", label: "Denied", value: sum("deny") },
      { key: "requireApproval", label: "Sent for human approval", value: sum("require_approval") },
      { key: "policies", label: "Policy versions in use", value: rows.length },
    ],
    tables: [
      table(
        "byPolicy",
        "Decisions by policy and version",
        [
          col("policy", "Policy", 4),
          col("version", "Version", 1.3),
          col("allow", "Allow", 1.3, "right"),
          col("deny", "Deny", 1.3, "right"),
          col("requireApproval", "Approval", 1.5, "right"),
        ],
        rows.slice(0, TOP_N).map((r) => ({
          policy: String(r.policy),
          version: String(r.version),
          allow: num(r.allow),
          deny: num(r.deny),
          requireApproval: num(r.require_approval),
        })),
        rows.length,
      ),
    ],
    notes: [],
  };
}
