import { type QueueWorker, startQueueWorker } from "../alerts/notify/queue-worker";
import { runExport } from "./job";
import { EXPORT_QUEUE, type ExportJob, exportQueue } from "./queue";

// Works the export queue in the worker process (`npm run worker`, and inside `npm run dev`),
// one export at a time per process. Started from lib/alerts/worker.ts beside the alert loop.

export type ExportWorker = QueueWorker;

export function startExportWorker(options: { pollingIntervalSeconds?: number } = {}): ExportWorker {
  return startQueueWorker("export worker", exportQueue, (boss) =>
    boss.work<ExportJob>(
      EXPORT_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      async ([job]) => {
        if (job) await runExport(job.data.tenantId, job.data.exportId);
      },
    ),
  );
}
