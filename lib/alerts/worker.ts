import { pool } from "../db";
import { startExportWorker } from "../exports/worker";
import { log } from "../log";
import { evaluateUntilCaughtUp } from "./engine/evaluate";
import { stopBoss } from "./notify/boss";
import { startNotificationWorker } from "./notify/worker";

// The alert worker: every `intervalMs`, each tenant with rules is evaluated until caught up.
// It runs inside `npm run dev` and as `npm run worker` in production; several workers may run
// at once (a tenant is evaluated by one at a time, the others skip it). An error is logged
// and retried on the next tick; it never stops the loop, and ingestion never waits for it.

export const DEFAULT_INTERVAL_MS = 2_000;

export type AlertWorker = { stop: () => Promise<void> };

async function tenantsWithRules(): Promise<string[]> {
  const { rows } = await pool().query<{ tenant_id: string }>("SELECT DISTINCT tenant_id FROM alert_rule_versions");
  return rows.map((r) => r.tenant_id);
}

/** One tick: every tenant with rules (or only `onlyTenants`), each until caught up. */
export async function evaluateAllTenants(options: { now?: Date; onlyTenants?: string[] } = {}): Promise<number> {
  const { now, onlyTenants } = options;
  let alerts = 0;
  for (const tenantId of onlyTenants ?? (await tenantsWithRules())) {
    try {
      alerts += await evaluateUntilCaughtUp(tenantId, now ? { now } : {});
    } catch (error) {
      log.error({ err: error, tenantId }, "alert evaluation failed; retrying on the next tick");
    }
  }
  return alerts;
}

export function startAlertWorker(options: { intervalMs?: number; onlyTenants?: string[] } = {}): AlertWorker {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = evaluateAllTenants({ onlyTenants: options.onlyTenants })
      .catch((error) => log.error({ err: error }, "alert worker tick failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  // Webhook deliveries run beside evaluation, from their own queue: a slow or dead
  // destination never holds up a tick.
  const notifications = startNotificationWorker();
  const exportJobs = startExportWorker(); // report exports (lib/exports), from their own queue
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await notifications.stop();
      await exportJobs.stop();
      await stopBoss();
    },
  };
}
