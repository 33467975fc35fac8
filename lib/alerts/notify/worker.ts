import type PgBoss from "pg-boss";
import { pool } from "../../db";
import { log } from "../../log";
import { getBoss, WEBHOOK_QUEUE } from "./boss";
import { deliverAlert } from "./deliver";
import { recordDelivery } from "./deliveries";
import { findDestination } from "./destinations";
import type { WebhookJob } from "./enqueue";
import type { AlertForNotification } from "./payload";
import { type QueueWorker, startQueueWorker } from "./queue-worker";

// Delivers queued webhook jobs: each attempt is one signed POST and one delivery-log row. A
// non-2xx answer or a network error throws, so pg-boss retries the job with backoff; after
// the last retry the job stays failed and its last log row says so. This runs beside the alert
// worker, never in the ingest or evaluation path. Delivery is at least once: receivers dedupe
// on the Attest-Delivery header, which stays the same across retries.

export type NotificationWorker = QueueWorker;

export type NotificationWorkerOptions = { pollingIntervalSeconds?: number };

type AlertRow = {
  id: string;
  rule_id: string;
  rule_name: string;
  severity: string;
  summary: string;
  group_key: string;
  window_start: Date;
  window_end: Date;
  fired_at: Date;
  explanation: unknown;
  evidence_ids: string[];
  tenant_slug: string;
};

async function loadAlert(tenantId: string, alertId: string) {
  const { rows } = await pool().query<AlertRow>(
    `SELECT a.*, t.slug AS tenant_slug FROM alerts a JOIN tenants t ON t.id = a.tenant_id
     WHERE a.tenant_id = $1 AND a.id = $2`,
    [tenantId, alertId],
  );
  const r = rows[0];
  if (!r) return null;
  const alert: AlertForNotification = {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    severity: r.severity,
    summary: r.summary,
    groupKey: r.group_key,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    firedAt: r.fired_at,
    explanation: r.explanation,
    evidenceIds: r.evidence_ids,
  };
  return { alert, tenantSlug: r.tenant_slug };
}

export async function handleWebhookJob(job: PgBoss.JobWithMetadata<WebhookJob>): Promise<void> {
  const { tenantId, alertId, destinationId } = job.data;
  const [loaded, destination] = await Promise.all([
    loadAlert(tenantId, alertId),
    findDestination(tenantId, destinationId),
  ]);
  // Nothing to deliver any more: not an error, so no retry.
  if (!loaded || !destination || destination.disabledAt) {
    log.info({ tenantId, alertId, destinationId }, "webhook skipped: alert gone or destination disabled");
    return;
  }
  const attempt = job.retryCount + 1;
  const result = await deliverAlert(destination, loaded.alert, loaded.tenantSlug, job.id);
  const lastAttempt = job.retryCount >= job.retryLimit;
  const error =
    result.status === "failed" && lastAttempt ? `${result.error}; gave up after ${attempt} attempts` : result.error;
  await recordDelivery({ tenantId, alertId, destinationId, attempt }, { ...result, error });
  if (result.status === "failed") {
    throw new Error(`webhook attempt ${attempt} to ${destination.name} failed: ${result.error}`);
  }
}

/** Starts working the webhook queue; a failed start is logged and retried every 10 s. */
export function startNotificationWorker(options: NotificationWorkerOptions = {}): NotificationWorker {
  return startQueueWorker("notification worker", getBoss, (boss) =>
    boss.work<WebhookJob>(
      WEBHOOK_QUEUE,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        if (job) await handleWebhookJob(job);
      },
    ),
  );
}
