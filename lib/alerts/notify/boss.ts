import PgBoss from "pg-boss";
import { databaseUrl } from "../../env";
import { log } from "../../log";

// One pg-boss instance per process, in the `pgboss` schema of Attest's database, started once
// on first use (which also installs or migrates its tables). Webhook deliveries are its jobs:
// Postgres-backed, so a job is committed with the alert that caused it and survives restarts.

export const WEBHOOK_QUEUE = "alert-webhook";

export type WebhookRetryPolicy = {
  /** Retries after the first attempt: 7 attempts in all. */
  retryLimit: number;
  /** Seconds before the first retry; with backoff each wait roughly doubles (with jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /** An attempt still running after this long counts as failed (fetch gives up after 10 s). */
  expireInSeconds: number;
};

export const WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  retryLimit: 6,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 60,
};

const globalForBoss = globalThis as unknown as { attestBoss?: Promise<PgBoss> };

// The policy is set on each job when it is sent (and on the queue, to match): a job keeps the
// policy it was sent with, and tests can shorten it in their own process only.
let jobRetryPolicy: WebhookRetryPolicy = WEBHOOK_RETRY_POLICY;

export function webhookRetryPolicy(): WebhookRetryPolicy {
  return jobRetryPolicy;
}

/** Overrides the retry policy of jobs this process sends from now on (tests use a short delay). */
export function setWebhookRetryPolicy(policy: Partial<WebhookRetryPolicy>): void {
  jobRetryPolicy = { ...WEBHOOK_RETRY_POLICY, ...policy };
}

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: "pgboss",
    max: 4,
    application_name: "attest-jobs",
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  const queue = { name: WEBHOOK_QUEUE, ...WEBHOOK_RETRY_POLICY };
  await boss.createQueue(WEBHOOK_QUEUE, queue);
  // An existing queue keeps what it was created with; the code's policy wins.
  await boss.updateQueue(WEBHOOK_QUEUE, queue);
  return boss;
}

/** The process's started PgBoss; a failed start is retried on the next call. */
export function getBoss(): Promise<PgBoss> {
  if (!globalForBoss.attestBoss) {
    globalForBoss.attestBoss = startBoss().catch((error) => {
      globalForBoss.attestBoss = undefined;
      throw error;
    });
  }
  return globalForBoss.attestBoss;
}

export async function stopBoss(): Promise<void> {
  const current = globalForBoss.attestBoss;
  globalForBoss.attestBoss = undefined;
  if (!current) return;
  const boss = await current.catch(() => null);
  await boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
}
