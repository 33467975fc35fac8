import type pg from "pg";
import { log } from "../../log";
import { getBoss, WEBHOOK_QUEUE, webhookRetryPolicy } from "./boss";

// Called by the evaluator for each alert it stores, inside its transaction: a delivery job
// exists exactly when its alert was committed. Only a row is inserted here; the HTTP call
// happens later in the notification worker, so a dead destination never slows evaluation.

export type WebhookJob = { tenantId: string; alertId: string; destinationId: string };

type Queryable = Pick<pg.PoolClient, "query">;

/** Sends one job per enabled destination named in `notify`; returns how many. */
export async function enqueueNotifications(
  db: Queryable,
  tenantId: string,
  alert: { id: string; notify: readonly string[] },
): Promise<number> {
  if (alert.notify.length === 0) return 0;
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM notification_destinations
     WHERE tenant_id = $1 AND name = ANY($2::text[]) AND disabled_at IS NULL`,
    [tenantId, [...new Set(alert.notify)]],
  );
  const skipped = alert.notify.filter((name) => !rows.some((r) => r.name === name));
  if (skipped.length) log.warn({ tenantId, alertId: alert.id, skipped }, "no enabled destination with these names");
  if (rows.length === 0) return 0;
  const boss = await getBoss();
  const executeSql = (text: string, values: unknown[]) => db.query(text, values);
  const policy = webhookRetryPolicy();
  for (const destination of rows) {
    const job: WebhookJob = { tenantId, alertId: alert.id, destinationId: destination.id };
    await boss.send(WEBHOOK_QUEUE, job, { ...policy, db: { executeSql } });
  }
  return rows.length;
}
