import type pg from "pg";
import { z } from "zod";
import { ApiError, notFound } from "../api/errors";
import { pool } from "../db";
import { type AlertNote, type AlertStatus, isAlertId } from "./inbox";

// Handling an alert: acknowledge, resolve, reopen, assign and note. Each updates the alert and
// appends its history row in one transaction.

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
  if (!isAlertId(alertId)) throw notFound("No such alert in this tenant.");
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
