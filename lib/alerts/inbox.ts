import { z } from "zod";
import { pool } from "../db";
import { SEVERITIES } from "./rules/schema";

// The alert inbox: what the rules raised, and how people handled it. Reads are tenant-scoped
// SQL on the alerts table's (tenant_id, status, fired_at) and (tenant_id, fired_at) indexes.
// Every action changes the alert and appends its alert_notes row (who, what, when) in one
// transaction, with the alert row locked, so two people acting at once cannot both win a
// transition and the history always matches the alert.

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type Severity = (typeof SEVERITIES)[number];
/** The inbox's status filter: "active" (open and acknowledged, the default) or "all" or one status. */
export const STATUS_FILTERS = ["active", ...ALERT_STATUSES, "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const PAGE_SIZE = 50;

export type AlertListItem = {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  groupKey: string;
  summary: string;
  firedAt: Date;
  status: AlertStatus;
  assignee: string | null;
};
export type AlertDetail = AlertListItem & {
  ruleVersion: number;
  windowStart: Date;
  windowEnd: Date;
  explanation: Record<string, unknown>;
  evidenceIds: string[];
  statusChangedAt: Date | null;
};
export type EvidenceEvent = {
  eventId: string;
  type: string;
  time: Date;
  actorId: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  correlationId: string | null;
};
export type AlertNote = {
  id: string;
  author: string;
  kind: "note" | "status" | "assign";
  body: string;
  createdAt: Date;
};

export const listFilterSchema = z.object({
  status: z.enum(STATUS_FILTERS).default("active"),
  severity: z.enum(SEVERITIES).optional(),
  rule: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ListFilter = z.infer<typeof listFilterSchema>;

/** Reads the filter from URL parameters; anything unknown falls back to the default. */
export function parseListFilter(params: URLSearchParams): ListFilter {
  const pick = (key: string) => params.get(key) || undefined;
  const parsed = listFilterSchema.safeParse({
    status: pick("status"),
    severity: pick("severity"),
    rule: pick("rule"),
    page: pick("page"),
  });
  return parsed.success ? parsed.data : listFilterSchema.parse({});
}

const LIST_COLUMNS = `id, rule_id, rule_name, severity, group_key, summary, fired_at, status, assignee`;
type ListRow = {
  id: string;
  rule_id: string;
  rule_name: string;
  severity: string;
  group_key: string;
  summary: string;
  fired_at: Date;
  status: AlertStatus;
  assignee: string | null;
};
const toListItem = (r: ListRow): AlertListItem => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  severity: r.severity,
  groupKey: r.group_key,
  summary: r.summary,
  firedAt: r.fired_at,
  status: r.status,
  assignee: r.assignee,
});

/** Alerts newest first, one page (offset paging: the inbox is small and people page rarely). */
export async function listAlerts(
  tenantId: string,
  filter: Partial<ListFilter> = {},
): Promise<{ alerts: AlertListItem[]; total: number; page: number; pageSize: number }> {
  const f = listFilterSchema.parse(filter);
  const where = ["tenant_id = $1"];
  const values: unknown[] = [tenantId];
  if (f.status === "active") where.push("status IN ('open', 'acknowledged')");
  else if (f.status !== "all") {
    values.push(f.status);
    where.push(`status = $${values.length}`);
  }
  if (f.severity) {
    values.push(f.severity);
    where.push(`severity = $${values.length}`);
  }
  if (f.rule) {
    values.push(f.rule);
    where.push(`rule_id = $${values.length}`);
  }
  const sqlWhere = where.join(" AND ");
  const db = pool();
  const [list, count] = await Promise.all([
    db.query<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM alerts WHERE ${sqlWhere}
        ORDER BY fired_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET ${(f.page - 1) * PAGE_SIZE}`,
      values,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts WHERE ${sqlWhere}`, values),
  ]);
  return { alerts: list.rows.map(toListItem), total: count.rows[0]?.n ?? 0, page: f.page, pageSize: PAGE_SIZE };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Alert ids are UUIDs; anything else cannot name an alert (and must not reach a uuid cast). */
export const isAlertId = (id: string) => UUID.test(id);

/** One alert with its evidence events and its notes; null when the tenant has no such alert. */
export async function alertDetail(
  tenantId: string,
  alertId: string,
): Promise<{ alert: AlertDetail; evidence: EvidenceEvent[]; notes: AlertNote[] } | null> {
  if (!UUID.test(alertId)) return null;
  const db = pool();
  const { rows } = await db.query<
    ListRow & {
      rule_version: number;
      window_start: Date;
      window_end: Date;
      explanation: Record<string, unknown>;
      evidence_ids: string[];
      status_changed_at: Date | null;
    }
  >(
    `SELECT ${LIST_COLUMNS}, rule_version, window_start, window_end, explanation, evidence_ids, status_changed_at
       FROM alerts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, alertId],
  );
  const row = rows[0];
  if (!row) return null;
  // Columns aliased to the returned shape: no mapping step between SQL and the page.
  const [evidence, notes] = await Promise.all([
    db.query<EvidenceEvent>(
      `SELECT event_id AS "eventId", type, time, actor_id AS "actorId", data->'actor'->>'name' AS "actorName",
              target_type AS "targetType", target_id AS "targetId", outcome, correlation_id AS "correlationId"
         FROM events WHERE tenant_id = $1 AND event_id = ANY($2::text[]) ORDER BY time, seq`,
      [tenantId, row.evidence_ids],
    ),
    db.query<AlertNote>(
      `SELECT id, author, kind, body, created_at AS "createdAt" FROM alert_notes
        WHERE tenant_id = $1 AND alert_id = $2 ORDER BY created_at, id`,
      [tenantId, alertId],
    ),
  ]);
  return {
    alert: {
      ...toListItem(row),
      ruleVersion: row.rule_version,
      windowStart: row.window_start,
      windowEnd: row.window_end,
      explanation: row.explanation ?? {},
      evidenceIds: row.evidence_ids,
      statusChangedAt: row.status_changed_at,
    },
    evidence: evidence.rows,
    notes: notes.rows,
  };
}

/** Open alerts by severity, for the navigation badge and the overview. */
export async function openAlertCounts(
  tenantId: string,
): Promise<{ total: number; bySeverity: Record<Severity, number> }> {
  const { rows } = await pool().query<{ severity: string; n: number }>(
    "SELECT severity, count(*)::int AS n FROM alerts WHERE tenant_id = $1 AND status = 'open' GROUP BY severity",
    [tenantId],
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let total = 0;
  for (const r of rows) {
    if ((SEVERITIES as readonly string[]).includes(r.severity)) bySeverity[r.severity as Severity] = r.n;
    total += r.n;
  }
  return { total, bySeverity };
}
