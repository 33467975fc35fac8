// `npm run worker`: evaluates alert rules for every tenant, every 2 s (ATTEST_WORKER_INTERVAL_MS),
// signs integrity checkpoints every 10 s (ATTEST_CHECKPOINT_INTERVAL_MS),
// until SIGINT or SIGTERM. Needs DATABASE_URL. Run one or more next to `next start`; `npm run
// dev` runs the same loop in its own process.

import { startAlertWorker } from "../lib/alerts/worker";
import { disconnectDb } from "../lib/db";
import { startCheckpointLoop } from "../lib/integrity/checkpoints";
import { log } from "../lib/log";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set; point it at the Attest database (postgresql://…)");
  process.exit(2);
}
const intervalMs = Number(process.env.ATTEST_WORKER_INTERVAL_MS) || undefined;
const worker = startAlertWorker(intervalMs ? { intervalMs } : {});
log.info({ intervalMs: intervalMs ?? 2000 }, "alert worker started");
// Signs each tenant's moved chain head every ATTEST_CHECKPOINT_INTERVAL_MS (10 s).
const checkpoints = startCheckpointLoop();

async function stop(signal: string) {
  log.info({ signal }, "alert worker stopping");
  await worker.stop();
  await checkpoints.stop();
  await disconnectDb();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
