import { BASE, baseParams, type ReportScope } from "./scope";
import { col, duration, iso, num, query, TOP_N, table } from "./sql";
import type { ReportSection } from "./types";

// Sections on the controls that held or failed: approvals, denials and token rejections, alerts.

const DECISIONS = "('approval.granted', 'approval.denied', 'approval.expired')";

export async function approvals(scope: ReportScope): Promise<ReportSection> {
  const params = baseParams(scope);
  const [counts] = await query<Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE e.type = 'approval.requested') AS requested,
            count(*) FILTER (WHERE e.type = 'approval.granted') AS granted,
            count(*) FILTER (WHERE e.type = 'approval.denied') AS denied,
            count(*) FILTER (WHERE e.type = 'approval.expired') AS expired
       FROM events e WHERE ${BASE} AND starts_with(e.type, 'approval.')`,
    params,
  );
  // Requests made in the period and their first decision, even one made after the period ends.
  const requestsCte = `WITH req AS (
       SELECT e.data->'approval'->>'id' AS id, min(e.time) AS requested_at, min(e.actor_id) AS requested_by,
              min(e.correlation_id) AS correlation_id
         FROM events e WHERE ${BASE} AND e.type = 'approval.requested' GROUP BY 1),
     decision AS (
       SELECT DISTINCT ON (e.data->'approval'->>'id') e.data->'approval'->>'id' AS id, e.time AS decided_at,
              e.type AS outcome, coalesce(e.data->'approval'->'approver'->>'id', e.actor_id) AS approver
         FROM events e
        WHERE e.tenant_id = $1 AND e.seq <= $4 AND e.type IN ${DECISIONS}
          AND e.data->'approval'->>'id' IN (SELECT id FROM req)
        ORDER BY e.data->'approval'->>'id', e.time, e.seq)`;
  const [waits] = await query<Record<string, unknown>>(
    `${requestsCte}
     SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - r.requested_at)) AS median_wait,
            max(extract(epoch FROM d.decided_at - r.requested_at)) AS max_wait,
            count(*) FILTER (WHERE d.id IS NULL) AS undecided
       FROM req r LEFT JOIN decision d ON d.id = r.id`,
    params,
  );
  const rows = await query<Record<string, unknown>>(
    `${requestsCte}
     SELECT r.*, d.decided_at, d.outcome, d.approver, extract(epoch FROM d.decided_at - r.requested_at) AS wait,
            count(*) OVER () AS total
       FROM req r LEFT JOIN decision d ON d.id = r.id ORDER BY r.requested_at DESC, r.id LIMIT ${TOP_N}`,
    params,
  );
  const medianWait =
    waits?.median_wait === null || waits?.median_wait === undefined
      ? null
      : Math.round(num(waits.median_wait) * 10) / 10;
  return {
    id: "approvals",
    title: "Approvals",
    figures: [
      { key: "requested", label: "Approvals requested", value: num(counts?.requested) },
      { key: "granted", label: "Approvals granted", value: num(counts?.granted) },
      { key: "denied", label: "Approvals denied", value: num(counts?.denied) },
      { key: "expired", label: "Approvals expired", value: num(counts?.expired) },
      { key: "undecided", label: "Requests without a decision yet", value: num(waits?.undecided) },
      { key: "medianWaitSeconds", label: "Median wait for a decision (seconds)", value: medianWait },
      { key: "medianWait", label: "Median wait for a decision", value: duration(medianWait) },
    ],
    tables: [
      table(
        "requests",
        "Most recent approval requests",
        [
          col("approval", "Approval", 2.6),
          col("requestedAt", "Requested (UTC)", 2.6),
          col("requestedBy", "Requested by", 2.6),
          col("outcome", "Outcome", 1.5),
          col("approver", "Decided by", 3),
          col("wait", "Wait", 1.2, "right"),
        ],
        rows.map((r) => ({
          approval: String(r.id),
          requestedAt: iso(r.requested_at as Date),
          requestedBy: (r.requested_by as string) ?? null,
          outcome: r.outcome ? String(r.outcome).replace("approval.", "") : "pending",
          approver: (r.approver as string) ?? null,
          wait: duration(r.wait === null ? null : num(r.wait)),
        })),
        num(rows[0]?.total),
      ),
    ],
    notes: [],
  };
}

export async function denials(scope: ReportScope): Promise<ReportSection> {
  const params = baseParams(scope);
  const [counts] = await query<Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE e.outcome = 'denied') AS denied,
            count(*) FILTER (WHERE e.outcome = 'failure') AS failed,
            count(*) FILTER (WHERE e.type = 'token.rejected') AS token_rejections
       FROM events e WHERE ${BASE} AND (e.outcome IN ('denied', 'failure') OR e.type = 'token.rejected')`,
    params,
  );
  const byReason = await query<Record<string, unknown>>(
    `SELECT e.type, e.outcome, coalesce(e.data->>'reason', '') AS reason, count(*) AS events,
            count(DISTINCT e.actor_id) AS actors, count(*) OVER () AS total
       FROM events e WHERE ${BASE} AND e.outcome IN ('denied', 'failure')
      GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3 LIMIT ${TOP_N}`,
    params,
  );
  const tokens = await query<Record<string, unknown>>(
    `SELECT coalesce(e.data->>'reason', '') AS reason, count(*) AS events, count(DISTINCT e.actor_id) AS actors,
            count(*) FILTER (WHERE e.data->'token'->>'tenant' IS NOT NULL AND e.data->'token'->>'tenant' <> $5) AS foreign_tenant,
            count(*) OVER () AS total
       FROM events e WHERE ${BASE} AND e.type = 'token.rejected'
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_N}`,
    [...params, scope.tenant.slug],
  );
  return {
    id: "denials",
    title: "Denials and token rejections",
    figures: [
      { key: "denied", label: "Events refused (outcome denied)", value: num(counts?.denied) },
      { key: "failed", label: "Events that failed", value: num(counts?.failed) },
      { key: "tokenRejections", label: "Tokens rejected", value: num(counts?.token_rejections) },
    ],
    tables: [
      table(
        "byReason",
        "Refusals and failures by type and reason",
        [
          col("type", "Event type", 2.8),
          col("outcome", "Outcome", 1.3),
          col("reason", "Reason", 6),
          col("events", "Events", 1.2, "right"),
          col("actors", "Actors", 1.2, "right"),
        ],
        byReason.map((r) => ({
          type: String(r.type),
          outcome: String(r.outcome),
          reason: String(r.reason) || null,
          events: num(r.events),
          actors: num(r.actors),
        })),
        num(byReason[0]?.total),
      ),
      table(
        "tokenRejections",
        "Token rejections by reason",
        [
          col("reason", "Reason", 5),
          col("events", "Events", 1.2, "right"),
          col("actors", "Actors", 1.2, "right"),
          col("foreignTenant", "Other tenant's token", 2.2, "right"),
        ],
        tokens.map((r) => ({
          reason: String(r.reason) || null,
          events: num(r.events),
          actors: num(r.actors),
          foreignTenant: num(r.foreign_tenant),
        })),
        num(tokens[0]?.total),
      ),
    ],
    notes: [],
  };
}

export async function alerts(scope: ReportScope): Promise<ReportSection> {
  const params = [scope.tenant.id, scope.request.from, scope.request.to];
  const handled = `WITH a AS (
       SELECT a.id, a.rule_name, a.severity, a.status, a.fired_at, a.summary, a.assignee,
              (SELECT min(n.created_at) FROM alert_notes n WHERE n.tenant_id = a.tenant_id AND n.alert_id = a.id
                  AND n.kind = 'status' AND n.body LIKE '%→ acknowledged') AS acknowledged_at,
              (SELECT min(n.created_at) FROM alert_notes n WHERE n.tenant_id = a.tenant_id AND n.alert_id = a.id
                  AND n.kind = 'status' AND n.body LIKE '%→ resolved') AS resolved_at,
              (SELECT count(*) FROM alert_notes n WHERE n.tenant_id = a.tenant_id AND n.alert_id = a.id
                  AND n.kind = 'note') AS notes
         FROM alerts a WHERE a.tenant_id = $1 AND a.fired_at >= $2 AND a.fired_at < $3)`;
  const [counts] = await query<Record<string, unknown>>(
    `${handled}
     SELECT count(*) AS fired,
            count(*) FILTER (WHERE status = 'open') AS open,
            count(*) FILTER (WHERE status = 'acknowledged') AS acknowledged,
            count(*) FILTER (WHERE status = 'resolved') AS resolved,
            count(*) FILTER (WHERE severity IN ('high', 'critical')) AS high,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - fired_at)) AS median_ack,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - fired_at)) AS median_resolve,
            coalesce(sum(notes), 0) AS notes
       FROM a`,
    params,
  );
  const rows = await query<Record<string, unknown>>(
    `${handled}
     SELECT *, extract(epoch FROM acknowledged_at - fired_at) AS to_ack, extract(epoch FROM resolved_at - fired_at) AS to_resolve
       FROM a ORDER BY fired_at DESC, id LIMIT ${TOP_N}`,
    params,
  );
  const seconds = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    id: "alerts",
    title: "Alerts and how they were handled",
    figures: [
      { key: "fired", label: "Alerts raised", value: num(counts?.fired) },
      { key: "highSeverity", label: "High or critical", value: num(counts?.high) },
      { key: "open", label: "Still open", value: num(counts?.open) },
      { key: "acknowledged", label: "Acknowledged, not resolved", value: num(counts?.acknowledged) },
      { key: "resolved", label: "Resolved", value: num(counts?.resolved) },
      { key: "medianToAcknowledge", label: "Median time to acknowledge", value: duration(seconds(counts?.median_ack)) },
      { key: "medianToResolve", label: "Median time to resolve", value: duration(seconds(counts?.median_resolve)) },
      { key: "notes", label: "Handling notes written", value: num(counts?.notes) },
    ],
    tables: [
      table(
        "alerts",
        "Most recent alerts",
        [
          col("firedAt", "Fired (UTC)", 2.6),
          col("rule", "Rule", 3),
          col("severity", "Severity", 1.3),
          col("status", "Status", 1.6),
          col("toAcknowledge", "To ack", 1.2, "right"),
          col("toResolve", "To resolve", 1.4, "right"),
          col("notes", "Notes", 1, "right"),
          col("summary", "Summary", 5),
        ],
        rows.map((r) => ({
          firedAt: iso(r.fired_at as Date),
          rule: String(r.rule_name),
          severity: String(r.severity),
          status: String(r.status),
          toAcknowledge: duration(seconds(r.to_ack)),
          toResolve: duration(seconds(r.to_resolve)),
          notes: num(r.notes),
          summary: String(r.summary),
        })),
        num(counts?.fired),
      ),
    ],
    notes: ["Alerts are those raised in the period; their status is as of the report's generation."],
  };
}
