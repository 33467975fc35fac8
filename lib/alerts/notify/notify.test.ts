import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PoolClient } from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { setWebhookRetryPolicy, stopBoss } from "./boss";
import { sendTestNotification } from "./deliver";
import { listDeliveries } from "./deliveries";
import { createDestination, findDestination } from "./destinations";
import { enqueueNotifications, type WebhookJob } from "./enqueue";
import { signingSecret } from "./secret";
import { verifySignature } from "./signature";
import { handleWebhookJob, type NotificationWorker, startNotificationWorker } from "./worker";

// A real HTTP receiver on 127.0.0.1 gets the signed deliveries from the real worker and queue.
process.env.ATTEST_SECRET_KEY ??= "test-master-key-0123456789-abcdefghijklmnop";

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
// Per path, the statuses to answer in turn; 200 once they run out.
const scripted = new Map<string, number[]>();
let server: Server;
let base: string;
let worker: NotificationWorker;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      res.statusCode = scripted.get(path)?.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Retries after 1 s instead of 5 s with backoff, for jobs this test process sends.
  setWebhookRetryPolicy({ retryDelay: 1, retryBackoff: false });
  worker = startNotificationWorker({ pollingIntervalSeconds: 0.5 });
  await worker.ready;
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await new Promise((resolve) => server?.close(resolve));
});

async function insertAlert(db: Pick<PoolClient, "query">, tenantId: string) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO alerts (id, tenant_id, rule_id, rule_version, rule_name, severity, group_key, window_key,
       window_start, window_end, summary, explanation, evidence_ids)
     VALUES ($1, $2, 'denials', 1, 'Denial burst', 'high', 'agent:bot', $3, now() - interval '5 minutes', now(),
       '5 denials by bot in 5 minutes', '{"count":5,"threshold":5}', ARRAY['e-1','e-2'])`,
    [id, tenantId, id],
  );
  return id;
}

/** Stores an alert and enqueues its notifications in one transaction, as the evaluator does. */
async function fireAlert(tenantId: string, notify: string[], outcome: "COMMIT" | "ROLLBACK" = "COMMIT") {
  const db = await pool().connect();
  try {
    await db.query("BEGIN");
    const alertId = await insertAlert(db, tenantId);
    const jobs = await enqueueNotifications(db, tenantId, { id: alertId, notify });
    await db.query(outcome);
    return { alertId, jobs };
  } finally {
    db.release();
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("signed webhook notifications", () => {
  it("delivers a signed JSON payload the receiver verifies, and logs the attempt", async () => {
    const { tenant } = await tenantWithKey("hook");
    const created = await createDestination(tenant.id, {
      name: "soc",
      url: `${base}/ok/${tenant.id}`,
      format: "json",
      createdBy: "admin@test",
    });
    const { alertId, jobs } = await fireAlert(tenant.id, ["soc", "not-a-destination"]);
    expect(jobs).toBe(1);

    const request = await waitFor(() => received.find((r) => r.path === `/ok/${tenant.id}`));
    const header = String(request.headers["attest-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(created.secret, header, request.body)).toBe(true);
    expect(verifySignature(created.secret, header, request.body.replace("high", "low"))).toBe(false);
    expect(verifySignature(`${created.secret}x`, header, request.body)).toBe(false);
    const destination = await findDestination(tenant.id, created.destination.id);
    expect(destination && signingSecret(destination)).toBe(created.secret);
    expect(request.headers["attest-event"]).toBe("alert.fired");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["attest-delivery"]).toBeTruthy();

    const payload = JSON.parse(request.body);
    expect(payload).toMatchObject({
      type: "alert.fired",
      alert: { id: alertId, ruleId: "denials", ruleName: "Denial burst", severity: "high", url: `/alerts/${alertId}` },
      tenant: { slug: tenant.slug },
    });
    expect(payload.alert.evidenceIds).toEqual(["e-1", "e-2"]);
    expect(payload.alert.explanation).toEqual({ count: 5, threshold: 5 });

    const log = await waitFor(async () => {
      const rows = await listDeliveries(tenant.id);
      return rows.length ? rows : undefined;
    });
    expect(log).toMatchObject([
      {
        alertId,
        destinationName: "soc",
        ruleName: "Denial burst",
        attempt: 1,
        status: "delivered",
        responseStatus: 200,
      },
    ]);
  });

  it("retries after the receiver fails: attempt 1 failed (500), attempt 2 delivered", async () => {
    const { tenant } = await tenantWithKey("retry");
    const path = `/flaky/${tenant.id}`;
    scripted.set(path, [500]);
    const created = await createDestination(tenant.id, {
      name: "flaky",
      url: `${base}${path}`,
      format: "json",
      createdBy: "admin@test",
    });
    const { alertId } = await fireAlert(tenant.id, ["flaky"]);

    const log = await waitFor(async () => {
      const rows = await listDeliveries(tenant.id);
      return rows.length >= 2 ? rows : undefined;
    });
    expect(log.map((d) => [d.attempt, d.status, d.responseStatus, d.error])).toEqual([
      [2, "delivered", 200, null],
      [1, "failed", 500, "HTTP 500"],
    ]);
    expect(log.every((d) => d.alertId === alertId)).toBe(true);
    const requests = received.filter((r) => r.path === path);
    expect(requests).toHaveLength(2);
    // The same delivery id on every attempt, so a receiver can drop a duplicate.
    expect(requests[0]?.headers["attest-delivery"]).toBe(requests[1]?.headers["attest-delivery"]);
    for (const r of requests)
      expect(verifySignature(created.secret, String(r.headers["attest-signature"]), r.body)).toBe(true);
  });

  it("marks the last attempt as the one it gave up on", async () => {
    const { tenant } = await tenantWithKey("giveup");
    const path = `/down/${tenant.id}`;
    scripted.set(path, [503]);
    const created = await createDestination(tenant.id, {
      name: "down",
      url: `${base}${path}`,
      format: "json",
      createdBy: "a",
    });
    const db = await pool().connect();
    const alertId = await insertAlert(db, tenant.id).finally(() => db.release());
    const job = { id: randomUUID(), data: { tenantId: tenant.id, alertId, destinationId: created.destination.id } };
    await expect(
      handleWebhookJob({ ...job, retryCount: 6, retryLimit: 6 } as PgBoss.JobWithMetadata<WebhookJob>),
    ).rejects.toThrow(/attempt 7 to down failed: HTTP 503/);
    expect(await listDeliveries(tenant.id)).toMatchObject([
      { attempt: 7, status: "failed", responseStatus: 503, error: "HTTP 503; gave up after 7 attempts" },
    ]);
  });

  it("sends a signed test payload on demand, without a queue or a log row", async () => {
    const { tenant } = await tenantWithKey("test");
    const created = await createDestination(tenant.id, {
      name: "t",
      url: `${base}/test/${tenant.id}`,
      format: "json",
      createdBy: "a",
    });
    const destination = await findDestination(tenant.id, created.destination.id);
    if (!destination) throw new Error("missing");
    expect(await sendTestNotification(destination, tenant.slug)).toMatchObject({
      status: "delivered",
      responseStatus: 200,
    });
    const request = received.find((r) => r.path === `/test/${tenant.id}`);
    expect(request?.headers["attest-event"]).toBe("alert.test");
    expect(verifySignature(created.secret, String(request?.headers["attest-signature"]), request?.body ?? "")).toBe(
      true,
    );
    expect(JSON.parse(request?.body ?? "{}").type).toBe("alert.test");
    expect(await listDeliveries(tenant.id)).toEqual([]);
    await pool().query("UPDATE notification_destinations SET url = 'http://127.0.0.1:1/closed' WHERE id = $1", [
      destination.id,
    ]);
    const closed = await findDestination(tenant.id, destination.id);
    expect(closed && (await sendTestNotification(closed, tenant.slug))).toMatchObject({
      status: "failed",
      responseStatus: null,
    });
  });

  it("sends a Slack-compatible body, signed the same way", async () => {
    const { tenant } = await tenantWithKey("slack");
    const created = await createDestination(tenant.id, {
      name: "slack",
      url: `${base}/slack/${tenant.id}`,
      format: "slack",
      createdBy: "admin@test",
    });
    await fireAlert(tenant.id, ["slack"]);
    const request = await waitFor(() => received.find((r) => r.path === `/slack/${tenant.id}`));
    expect(verifySignature(created.secret, String(request.headers["attest-signature"]), request.body)).toBe(true);
    const body = JSON.parse(request.body);
    expect(body.text).toBe("HIGH Denial burst: 5 denials by bot in 5 minutes");
    expect(body.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(body.blocks[0].text.text).toContain("5 denials by bot in 5 minutes");
    expect(body.blocks[1].type).toBe("context");
    expect(body.type).toBeUndefined();
  });

  it("enqueues nothing when the alert's transaction rolls back, and nothing for disabled or unknown names", async () => {
    const { tenant } = await tenantWithKey("rollback");
    await createDestination(tenant.id, { name: "soc", url: `${base}/rb/${tenant.id}`, format: "json", createdBy: "a" });
    const { alertId, jobs } = await fireAlert(tenant.id, ["soc"], "ROLLBACK");
    expect(jobs).toBe(1);
    const { rows } = await pool().query("SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'alertId' = $1", [
      alertId,
    ]);
    expect(rows[0].n).toBe(0);
    await pool().query("UPDATE notification_destinations SET disabled_at = now() WHERE tenant_id = $1", [tenant.id]);
    expect((await fireAlert(tenant.id, ["soc", "nope"])).jobs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(received.some((r) => r.path === `/rb/${tenant.id}`)).toBe(false);
  });

  it("sends each job with the production retry policy unless a process overrides it", async () => {
    const { tenant } = await tenantWithKey("policy");
    await createDestination(tenant.id, {
      name: "soc",
      url: `${base}/policy/${tenant.id}`,
      format: "json",
      createdBy: "a",
    });
    setWebhookRetryPolicy({});
    const db = await pool().connect();
    try {
      await db.query("BEGIN");
      const alertId = await insertAlert(db, tenant.id);
      await enqueueNotifications(db, tenant.id, { id: alertId, notify: ["soc"] });
      const { rows } = await db.query(
        `SELECT retry_limit, retry_delay, retry_backoff, extract(epoch FROM expire_in)::int AS expire
         FROM pgboss.job WHERE data->>'alertId' = $1`,
        [alertId],
      );
      expect(rows).toEqual([{ retry_limit: 6, retry_delay: 5, retry_backoff: true, expire: 60 }]);
    } finally {
      await db.query("ROLLBACK");
      db.release();
      setWebhookRetryPolicy({ retryDelay: 1, retryBackoff: false });
    }
  });

  it("keeps destinations and deliveries to their tenant", async () => {
    const { tenant } = await tenantWithKey("own");
    const { tenant: other } = await tenantWithKey("other");
    const created = await createDestination(tenant.id, {
      name: "soc",
      url: `${base}/own/${tenant.id}`,
      format: "json",
      createdBy: "a",
    });
    // Another tenant's rule naming "soc" finds nothing: destinations are per tenant.
    expect((await fireAlert(other.id, ["soc"])).jobs).toBe(0);
    await fireAlert(tenant.id, ["soc"]);
    await waitFor(async () => ((await listDeliveries(tenant.id)).length ? true : undefined));
    expect(await listDeliveries(other.id)).toEqual([]);
    expect(await findDestination(other.id, created.destination.id)).toBeNull();
  });
});
