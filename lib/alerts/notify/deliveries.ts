import { pool } from "../../db";

// The delivery log: one row per attempt, appended and never updated.

export type DeliveryAttempt = {
  status: "delivered" | "failed";
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
};

export type DeliveryView = {
  id: string;
  createdAt: string;
  alertId: string;
  ruleName: string | null;
  destinationId: string;
  destinationName: string | null;
  attempt: number;
  status: "delivered" | "failed";
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
};

export async function recordDelivery(
  target: { tenantId: string; alertId: string; destinationId: string; attempt: number },
  result: DeliveryAttempt,
): Promise<void> {
  await pool().query(
    `INSERT INTO webhook_deliveries
       (id, tenant_id, alert_id, destination_id, attempt, status, response_status, error, duration_ms)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      target.tenantId,
      target.alertId,
      target.destinationId,
      target.attempt,
      result.status,
      result.responseStatus,
      result.error?.slice(0, 500) ?? null,
      result.durationMs,
    ],
  );
}

type Row = {
  id: string;
  created_at: Date;
  alert_id: string;
  rule_name: string | null;
  destination_id: string;
  destination_name: string | null;
  attempt: number;
  status: "delivered" | "failed";
  response_status: number | null;
  error: string | null;
  duration_ms: number;
};

/** Newest first; optionally of one alert. */
export async function listDeliveries(
  tenantId: string,
  options: { alertId?: string; limit?: number } = {},
): Promise<DeliveryView[]> {
  const { rows } = await pool().query<Row>(
    `SELECT d.id, d.created_at, d.alert_id, a.rule_name, d.destination_id, n.name AS destination_name,
            d.attempt, d.status, d.response_status, d.error, d.duration_ms
     FROM webhook_deliveries d
     LEFT JOIN alerts a ON a.tenant_id = d.tenant_id AND a.id = d.alert_id
     LEFT JOIN notification_destinations n ON n.tenant_id = d.tenant_id AND n.id = d.destination_id
     WHERE d.tenant_id = $1 AND ($2::uuid IS NULL OR d.alert_id = $2::uuid)
     ORDER BY d.created_at DESC, d.attempt DESC
     LIMIT $3`,
    [tenantId, options.alertId ?? null, Math.min(options.limit ?? 200, 1000)],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at.toISOString(),
    alertId: r.alert_id,
    ruleName: r.rule_name,
    destinationId: r.destination_id,
    destinationName: r.destination_name,
    attempt: r.attempt,
    status: r.status,
    responseStatus: r.response_status,
    error: r.error,
    durationMs: r.duration_ms,
  }));
}
