import { log } from "../log";
import { runExport } from "./job";
import { EXPORT_QUEUE, type ExportJob, exportQueue } from "./queue";

// Works the export queue in the worker process (`npm run worker`, and inside `npm run dev`),
// one export at a time per process. Started from lib/alerts/worker.ts beside the alert loop.

export type ExportWorker = { ready: Promise<void>; stop: () => Promise<void> };

const RESTART_DELAY_MS = 10_000;

export function startExportWorker(options: { pollingIntervalSeconds?: number } = {}): ExportWorker {
  let stopped = false;
  let workerId: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const start = async (): Promise<void> => {
    try {
      const boss = await exportQueue();
      if (stopped) return;
      workerId = await boss.work<ExportJob>(
        EXPORT_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
        async ([job]) => {
          if (job) await runExport(job.data.tenantId, job.data.exportId);
        },
      );
    } catch (error) {
      log.error({ err: error }, "export worker failed to start; retrying in 10 s");
      if (!stopped) {
        await new Promise<void>((resolve) => {
          timer = setTimeout(resolve, RESTART_DELAY_MS);
        });
        if (!stopped) await start();
      }
    }
  };

  const ready = start();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (workerId) {
        const boss = await exportQueue().catch(() => null);
        await boss?.offWork({ id: workerId });
      }
    },
  };
}
