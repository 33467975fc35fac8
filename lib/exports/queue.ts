import type PgBoss from "pg-boss";
import { getBoss } from "../alerts/notify/boss";

// Export jobs ride on the process's one pg-boss (lib/alerts/notify/boss.ts), in their own
// queue. An export is not retried by the queue: a failure is recorded on the row with its
// reason and the person runs it again. The expiry is only a backstop; an export whose worker
// died is found by its released lock (jobs.ts) long before that.

export const EXPORT_QUEUE = "report-export";

export type ExportJob = { tenantId: string; exportId: string };

const EXPORT_QUEUE_POLICY = { retryLimit: 0, expireInSeconds: 6 * 60 * 60 };

const ready = new WeakSet<PgBoss>();

/** The started pg-boss, with the export queue created (idempotent) once per instance. */
export async function exportQueue(): Promise<PgBoss> {
  const boss = await getBoss();
  if (!ready.has(boss)) {
    await boss.createQueue(EXPORT_QUEUE, { name: EXPORT_QUEUE, ...EXPORT_QUEUE_POLICY });
    ready.add(boss);
  }
  return boss;
}
