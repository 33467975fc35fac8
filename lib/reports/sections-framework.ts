import { BASE, type ReportScope } from "./scope";
import { col, iso, num, query, TOP_N, table } from "./sql";
import type { Cell, ReportSection } from "./types";

// Sections only one framework asks for: GDPR's records of processing, HIPAA's PHI access map.

const DATA_ACCESS = "e.type IN ('mcp.tool.called', 'mcp.resource.read', 'mcp.prompt.get', 'downstream.called')";

export async function recordsOfProcessing(scope: ReportScope, flaggedUses: number | null): Promise<ReportSection> {
  const where = `${BASE} AND ${DATA_ACCESS} AND e.on_behalf_of_id IS NOT NULL`;
  const byAgent = await query<Record<string, unknown>>(
    `SELECT e.actor_id AS agent, count(DISTINCT e.on_behalf_of_id) AS people, count(*) AS events,
            count(DISTINCT e.target_id) FILTER (WHERE e.type <> 'downstream.called') AS targets,
            array_to_string((array_agg(DISTINCT e.target_id ORDER BY e.target_id)
              FILTER (WHERE e.target_id IS NOT NULL AND e.type <> 'downstream.called'))[1:6], ', ') AS data_categories,
            min(e.time) AS first, max(e.time) AS last, count(*) OVER () AS total
       FROM events e WHERE ${where} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${TOP_N}`,
    scope.params.slice(0, 4),
  );
  const pairs = await query<Record<string, unknown>>(
    `SELECT e.on_behalf_of_id AS person, e.actor_id AS agent, count(*) AS events,
            count(DISTINCT e.target_id) AS targets, max(e.time) AS last, count(*) OVER () AS total
       FROM events e WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ${TOP_N}`,
    scope.params.slice(0, 4),
  );
  const consentRows = await consentRecords(scope);
  const [people] = await query<Record<string, unknown>>(
    `SELECT count(DISTINCT e.on_behalf_of_id) AS people FROM events e WHERE ${where}`,
    scope.params.slice(0, 4),
  );
  return {
    id: "processing",
    title: "Records of processing (GDPR Art. 30)",
    figures: [
      { key: "processors", label: "Agents that processed people's data", value: num(byAgent[0]?.total) },
      { key: "dataSubjects", label: "People whose data was processed", value: num(people?.people) },
      { key: "pairs", label: "Agent and person pairs", value: num(pairs[0]?.total) },
      { key: "flaggedUses", label: "Uses outside, after or without consent (flagged)", value: flaggedUses },
    ],
    tables: [
      table(
        "byAgent",
        "Processing by agent (data categories: the tools, resources and prompts used)",
        [
          col("agent", "Agent", 2.6),
          col("people", "People", 1.1, "right"),
          col("events", "Events", 1.1, "right"),
          col("dataCategories", "Tools and resources", 6),
          col("lastSeen", "Last (UTC)", 2.4),
        ],
        byAgent.map((r) => ({
          agent: String(r.agent),
          people: num(r.people),
          events: num(r.events),
          dataCategories: `${String(r.data_categories ?? "")}${num(r.targets) > 6 ? ` (+${num(r.targets) - 6})` : ""}`,
          lastSeen: iso(r.last as Date),
        })),
        num(byAgent[0]?.total),
      ),
      table(
        "pairs",
        "Whose data, processed by which agent",
        [
          col("person", "Person", 4),
          col("agent", "Agent", 3),
          col("events", "Events", 1.2, "right"),
          col("targets", "Tools and resources", 1.8, "right"),
          col("lastSeen", "Last (UTC)", 2.4),
        ],
        pairs.map((r) => ({
          person: String(r.person),
          agent: String(r.agent),
          events: num(r.events),
          targets: num(r.targets),
          lastSeen: iso(r.last as Date),
        })),
        num(pairs[0]?.total),
      ),
      table(
        "consents",
        "Under which consent: consents in force during the period or decided in it, newest first",
        [
          col("person", "Person", 3.4),
          col("client", "Client", 3.4),
          col("scopes", "Scopes granted", 4),
          col("grantedAt", "Granted (UTC)", 2.4),
          col("revokedAt", "Revoked (UTC)", 2.4),
          col("status", "At period end", 1.8),
        ],
        consentRows.rows,
        consentRows.total,
      ),
    ],
    notes: [
      "A use is flagged when it falls outside a consent's scopes or after the consent was revoked, expired or denied (Attest's consent rules, as on the consent page), or when the person had granted the agent no consent before it. Each flagged use is marked in the evidence files (consent_finding).",
    ],
  };
}

export async function phiAccess(scope: ReportScope): Promise<ReportSection> {
  if (scope.phiPatterns.length === 0)
    return {
      id: "phi",
      title: "Access to PHI",
      figures: [],
      tables: [],
      notes: ["No PHI patterns are configured for this tenant."],
    };
  const rows = await query<Record<string, unknown>>(
    `SELECT coalesce(e.target_id, e.data->>'resource') AS resource, e.actor_id AS actor,
            count(*) AS events, count(*) FILTER (WHERE e.outcome IN ('denied', 'failure')) AS refused,
            count(DISTINCT e.on_behalf_of_id) AS people, max(e.time) AS last, count(*) OVER () AS total
       FROM events e
      WHERE ${BASE} AND (e.target_id LIKE ANY($5::text[]) OR (e.data->>'resource') LIKE ANY($5::text[]))
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ${TOP_N}`,
    scope.params,
  );
  return {
    id: "phi",
    title: "Access to PHI",
    figures: [{ key: "resourceActorPairs", label: "Resource and actor pairs", value: num(rows[0]?.total) }],
    tables: [
      table(
        "byResource",
        "PHI resources and who touched them",
        [
          col("resource", "Resource or tool", 5),
          col("actor", "Actor", 3),
          col("events", "Events", 1.2, "right"),
          col("refused", "Refused", 1.2, "right"),
          col("people", "On behalf of", 1.6, "right"),
          col("lastSeen", "Last (UTC)", 2.4),
        ],
        rows.map((r) => ({
          resource: String(r.resource),
          actor: String(r.actor),
          events: num(r.events),
          refused: num(r.refused),
          people: num(r.people),
          lastSeen: iso(r.last as Date),
        })),
        num(rows[0]?.total),
      ),
    ],
    notes: [`PHI patterns: ${scope.phiPatterns.join(", ")}`],
  };
}

/** Consents in force at some point of the period, or requested or decided in it, as they stood at its end. */
async function consentRecords(scope: ReportScope): Promise<{ rows: Record<string, Cell>[]; total: number }> {
  const rows = await query<Record<string, unknown>>(
    `WITH c AS (
       SELECT e.data->'consent'->>'id' AS id,
              min(e.time) FILTER (WHERE e.type = 'consent.requested') AS requested_at,
              min(e.time) FILTER (WHERE e.type = 'consent.granted') AS granted_at,
              min(e.time) FILTER (WHERE e.type = 'consent.denied') AS denied_at,
              min(e.time) FILTER (WHERE e.type = 'consent.revoked') AS revoked_at,
              max(coalesce(e.on_behalf_of_id, CASE WHEN e.actor_type = 'user' THEN e.actor_id END)) AS person,
              max(e.client_id) AS client,
              (array_agg(e.data->'consent'->'scopes' ORDER BY e.time) FILTER (WHERE e.type = 'consent.granted'))[1] AS scopes,
              max((e.data->'consent'->>'expiresAt')::timestamptz) FILTER (WHERE e.type = 'consent.granted') AS expires_at
         FROM events e
        WHERE e.tenant_id = $1 AND e.seq <= $4 AND e.time < $3
          AND e.type IN ('consent.requested', 'consent.granted', 'consent.denied', 'consent.revoked')
          AND e.data->'consent'->>'id' IS NOT NULL
        GROUP BY 1)
     SELECT c.*, count(*) OVER () AS total FROM c
      WHERE greatest(requested_at, granted_at, denied_at, revoked_at) >= $2
         OR (granted_at IS NOT NULL AND (revoked_at IS NULL OR revoked_at >= $2) AND (expires_at IS NULL OR expires_at >= $2))
      ORDER BY coalesce(granted_at, requested_at) DESC, id LIMIT ${TOP_N}`,
    scope.params.slice(0, 4),
  );
  const end = scope.request.to.getTime();
  const statusOf = (r: Record<string, unknown>) => {
    if (r.revoked_at) return "revoked";
    if (r.denied_at && !r.granted_at) return "denied";
    if (r.granted_at) return r.expires_at && (r.expires_at as Date).getTime() <= end ? "expired" : "in force";
    return "requested";
  };
  return {
    rows: rows.map((r) => ({
      person: (r.person as string) ?? null,
      client: (r.client as string) ?? null,
      scopes: Array.isArray(r.scopes) ? (r.scopes as string[]).join(" ") : null,
      grantedAt: iso(r.granted_at as Date),
      revokedAt: iso(r.revoked_at as Date),
      status: statusOf(r),
    })),
    total: num(rows[0]?.total),
  };
}
