import type pg from "pg";
import { z } from "zod";
import { ApiError, notFound } from "../api/errors";
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

export const alertActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge") }),
  z.object({ action: z.literal("resolve") }),
  z.object({ action: z.literal("reopen") }),
  z.object({ action: z.literal("assign"), assignee: z.string().trim().toLowerCase().email().max(320).nullable() }),
  z.object({ action: z.literal("note"), body: z.string().trim().min(1).max(4_000) }),
]);
export type AlertAction = z.infer<typeof alertActionSchema>;

/** Which status each status action leads to, and from which statuses it is allowed. */
const TRANSITIONS = {
  acknowledge: { to: "acknowledged", from: ["open"] },
  resolve: { to: "resolved", from: ["open", "acknowledged"] },
  reopen: { to: "open", from: ["acknowledged", "resolved"] },
} as const satisfies Record<string, { to: AlertStatus; from: readonly AlertStatus[] }>;

/**
 * Applies one action by `author` (the user's email). Another tenant's or a missing alert is
 * 404; a transition the alert's status does not allow, or an assignment that changes nothing,
 * is 409; assigning someone who is not a member of the tenant is 422.
 */
export async function applyAlertAction(
  tenantId: string,
  alertId: string,
  input: AlertAction,
  author: string,
): Promise<{ status: AlertStatus; assignee: string | null }> {
  const action = alertActionSchema.parse(input);
  if (!UUID.test(alertId)) throw notFound("No such alert in this tenant.");
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ status: AlertStatus; assignee: string | null }>(
      "SELECT status, assignee FROM alerts WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
      [tenantId, alertId],
    );
    const current = rows[0];
    if (!current) throw notFound("No such alert in this tenant.");
    let next = { ...current };
    let note: { kind: AlertNote["kind"]; body: string };
    if (action.action === "note") {
      note = { kind: "note", body: action.body };
    } else if (action.action === "assign") {
      if (action.assignee === current.assignee)
        throw new ApiError(
          409,
          "unchanged",
          action.assignee ? `Already assigned to ${action.assignee}.` : "Already unassigned.",
        );
      if (action.assignee && !(await isMember(client, tenantId, action.assignee)))
        throw new ApiError(422, "not_a_member", `${action.assignee} is not a member of this tenant.`);
      next = { ...current, assignee: action.assignee };
      note = {
        kind: "assign",
        body: action.assignee ? `assigned to ${action.assignee}` : `unassigned (was ${current.assignee})`,
      };
    } else {
      const rule = TRANSITIONS[action.action];
      if (!(rule.from as readonly AlertStatus[]).includes(current.status))
        throw new ApiError(
          409,
          "invalid_transition",
          `A ${current.status} alert cannot be ${rule.to === "open" ? "reopened" : rule.to}.`,
        );
      next = { ...current, status: rule.to };
      note = { kind: "status", body: `${current.status} → ${rule.to}` };
    }
    await client.query(
      `UPDATE alerts SET status = $3, assignee = $4,
              status_changed_at = CASE WHEN status = $3 THEN status_changed_at ELSE now() END
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, alertId, next.status, next.assignee],
    );
    await client.query(
      `INSERT INTO alert_notes (id, tenant_id, alert_id, author, kind, body)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [tenantId, alertId, author, note.kind, note.body],
    );
    await client.query("COMMIT");
    return next;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function isMember(client: pg.PoolClient, tenantId: string, email: string) {
  const { rowCount } = await client.query(
    `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = $1 AND lower(u.email) = $2 AND u.disabled_at IS NULL`,
    [tenantId, email.toLowerCase()],
  );
  return (rowCount ?? 0) > 0;
}
