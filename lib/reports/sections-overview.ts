import { FRAMEWORK_DEFS } from "./frameworks";
import { BASE, baseParams, type ReportScope } from "./scope";
import { col, iso, num, query, TOP_N, table } from "./sql";
import type { ChartSeries, EvidenceCategory, IntegrityStatus, ReportSection } from "./types";

// The report's opening figures, its charts, the evidence summary, and the integrity status box.

const DAY_MS = 86_400_000;

export type OverTime = { unit: "day" | "week" | "month"; series: ChartSeries };

/** All events per day (per week or month for long periods), empty buckets included. */
export async function eventsOverTime(scope: ReportScope): Promise<OverTime> {
  const days = (scope.request.to.getTime() - scope.request.from.getTime()) / DAY_MS;
  const unit = days <= 45 ? "day" : days <= 320 ? "week" : "month";
  const rows = await query<{ bucket: Date; events: string }>(
    `SELECT b.bucket, coalesce(c.events, 0) AS events
       FROM generate_series(date_trunc('${unit}', $2::timestamptz, 'UTC'), $3::timestamptz - interval '1 millisecond', interval '1 ${unit}') AS b(bucket)
       LEFT JOIN (SELECT date_trunc('${unit}', e.time, 'UTC') AS bucket, count(*) AS events
                    FROM events e WHERE ${BASE} GROUP BY 1) c ON c.bucket = b.bucket
      ORDER BY 1`,
    baseParams(scope),
  );
  return {
    unit,
    series: rows.map((r) => ({
      label: (iso(r.bucket) ?? "").slice(0, unit === "month" ? 7 : 10),
      value: num(r.events),
    })),
  };
}

export async function summary(scope: ReportScope, evidence: EvidenceCategory[]): Promise<ReportSection> {
  const [row] = await query<Record<string, unknown>>(
    `SELECT count(*) AS events, count(DISTINCT e.agent_id) AS agents, count(DISTINCT e.on_behalf_of_id) AS people,
            count(DISTINCT e.session_key) AS sessions, count(DISTINCT e.correlation_id) AS requests,
            count(*) FILTER (WHERE e.outcome IN ('denied', 'failure')) AS refused,
            count(*) FILTER (WHERE starts_with(e.type, 'x-attest.')) AS self_audit,
            min(e.time) AS first, max(e.time) AS last
       FROM events e WHERE ${BASE}`,
    baseParams(scope),
  );
  const evidenceTotal = evidence.reduce((s, c) => s + c.count, 0);
  return {
    id: "summary",
    title: "Summary",
    figures: [
      { key: "events", label: "Events in the period", value: num(row?.events) },
      {
        key: "evidence",
        label: `Evidence events (${scope.request.framework.toUpperCase()} scope)`,
        value: evidenceTotal,
      },
      { key: "agents", label: "Agents and services active", value: num(row?.agents) },
      { key: "people", label: "People agents acted for", value: num(row?.people) },
      { key: "sessions", label: "Human sessions", value: num(row?.sessions) },
      { key: "requests", label: "Correlated requests", value: num(row?.requests) },
      { key: "refused", label: "Refused or failed events", value: num(row?.refused) },
      { key: "selfAudit", label: "Dashboard self-audit events", value: num(row?.self_audit) },
      { key: "firstEvent", label: "First event (UTC)", value: iso(row?.first as Date) },
      { key: "lastEvent", label: "Last event (UTC)", value: iso(row?.last as Date) },
    ],
    tables: [],
    notes: [],
  };
}

export function evidenceSection(scope: ReportScope, categories: EvidenceCategory[]): ReportSection {
  const def = FRAMEWORK_DEFS[scope.request.framework];
  const notes = [def.scope];
  if (def.usesPhiPatterns)
    notes.push(
      scope.phiPatterns.length
        ? `PHI patterns: ${scope.phiPatterns.join(", ")}`
        : "No PHI patterns are configured for this tenant (Settings), so no event is in scope.",
    );
  return {
    id: "evidence",
    title: "Evidence by category",
    figures: [{ key: "total", label: "Evidence events", value: categories.reduce((s, c) => s + c.count, 0) }],
    tables: [
      table(
        "categories",
        "Evidence events per category",
        [col("category", "Category", 2.2), col("label", "Description", 7), col("events", "Events", 1.4, "right")],
        categories.map((c) => ({ category: c.id, label: c.label, events: c.count })),
      ),
    ],
    notes,
  };
}

/** Who did the in-scope actions: per actor and category, busiest first. */
export async function evidenceByActor(scope: ReportScope, category: string): Promise<ReportSection> {
  const rows = await query<Record<string, unknown>>(
    `SELECT e.actor_type || ':' || e.actor_id AS actor, c.category, count(*) AS events,
            count(*) FILTER (WHERE e.outcome IN ('denied', 'failure')) AS refused,
            count(DISTINCT e.on_behalf_of_id) AS people, count(DISTINCT e.target_id) AS targets,
            max(e.time) AS last, count(*) OVER () AS total
       FROM events e CROSS JOIN LATERAL (SELECT ${category} AS category) c
      WHERE ${BASE} AND c.category IS NOT NULL
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ${TOP_N}`,
    scope.params,
  );
  return {
    id: "actors",
    title: "Evidence by actor",
    figures: [{ key: "actorCategories", label: "Actor and category pairs", value: num(rows[0]?.total) }],
    tables: [
      table(
        "byActor",
        "Who acted, per evidence category",
        [
          col("actor", "Actor", 4.5),
          col("category", "Category", 2.4),
          col("events", "Events", 1.2, "right"),
          col("refused", "Refused", 1.2, "right"),
          col("people", "For people", 1.4, "right"),
          col("targets", "Targets", 1.2, "right"),
          col("lastSeen", "Last seen (UTC)", 2.6),
        ],
        rows.map((r) => ({
          actor: String(r.actor),
          category: String(r.category),
          events: num(r.events),
          refused: num(r.refused),
          people: num(r.people),
          targets: num(r.targets),
          lastSeen: iso(r.last as Date),
        })),
        num(rows[0]?.total),
      ),
    ],
    notes: [],
  };
}

export function integritySection(integrity: IntegrityStatus): ReportSection {
  const statusText = {
    ok: "Verified: no tampering found",
    failed: "FAILED: tampering found",
    not_verified: "Not verified",
  };
  return {
    id: "integrity",
    title: "Integrity status",
    figures: [
      { key: "status", label: "Result", value: statusText[integrity.status] },
      { key: "verifiedAt", label: "Verified at (UTC)", value: integrity.verifiedAt },
      { key: "eventsChecked", label: "Events checked", value: integrity.eventsChecked },
      { key: "findings", label: "Findings", value: integrity.findings.length },
      { key: "checkpointSeq", label: "Signed checkpoint: seq", value: integrity.checkpoint?.seq ?? null },
      { key: "checkpointHead", label: "Signed checkpoint: chain head", value: integrity.checkpoint?.chainHead ?? null },
      {
        key: "checkpointSignedAt",
        label: "Signed checkpoint: signed at",
        value: integrity.checkpoint?.signedAt ?? null,
      },
      { key: "checkpointKey", label: "Signed checkpoint: key id", value: integrity.checkpoint?.keyId ?? null },
    ],
    tables: [
      table(
        "findings",
        "Integrity findings",
        [
          col("kind", "Kind", 2),
          col("seq", "Seq", 1.4, "right"),
          col("eventId", "Event", 3),
          col("detail", "Detail", 7),
        ],
        integrity.findings
          .slice(0, TOP_N)
          .map((f) => ({ kind: f.kind, seq: f.seq, eventId: f.eventId ?? null, detail: f.detail })),
        integrity.findings.length,
      ),
    ],
    notes: integrity.note ? [integrity.note] : [],
  };
}
