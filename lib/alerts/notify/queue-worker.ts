import type PgBoss from "pg-boss";
import { log } from "../../log";

// Working one pg-boss queue from the worker process: register the handler, retry a failed start
// every 10 s (Postgres may come up after the worker), and stop cleanly. Webhook deliveries and
// report exports both run this way, each from its own queue.

export type QueueWorker = { ready: Promise<void>; stop: () => Promise<void> };

const RESTART_DELAY_MS = 10_000;

/** `register` calls `boss.work(…)` and returns the worker id; `what` names it in logs. */
export function startQueueWorker(
  what: string,
  getBoss: () => Promise<PgBoss>,
  register: (boss: PgBoss) => Promise<string>,
): QueueWorker {
  let stopped = false;
  let workerId: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const start = async (): Promise<void> => {
    try {
      const boss = await getBoss();
      if (stopped) return;
      workerId = await register(boss);
    } catch (error) {
      log.error({ err: error }, `${what} failed to start; retrying in 10 s`);
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
        const boss = await getBoss().catch(() => null);
        await boss?.offWork({ id: workerId });
      }
    },
  };
}
