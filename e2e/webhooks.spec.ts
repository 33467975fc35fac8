import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, request, test } from "@playwright/test";
import pg from "pg";
import { signInApi } from "./fixtures";

// Webhook destinations in settings (issue 5, notifications): an admin adds one, sees its signing
// secret once, sends a test, rotates the secret and disables it; the delivery log lists each
// attempt; analysts and viewers are refused, and another tenant's admin gets 404. Deliveries
// themselves (signature, retry) are tested with a real receiver in lib/alerts/notify.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

async function withDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

test("an admin adds a destination, sees its secret once, sends a test, rotates and disables it", async ({ page }) => {
  test.setTimeout(60_000);
  await signInApi(page.request, "admin");
  await page.goto("/settings/tokens");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/destinations$/);

  // Production takes https only.
  const name = `soc-${unique()}`;
  await page.getByLabel("Name (rules refer to it in notify)").fill(name);
  await page.getByLabel("URL (https)").fill("http://127.0.0.1:9/hook");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must use https" })).toBeVisible();

  await page.getByLabel("URL (https)").fill(`https://hooks.example.invalid/${name}`);
  await page.getByLabel("Payload").selectOption("slack");
  await page.getByRole("button", { name: "Add destination" }).click();
  const secretBox = page.getByRole("region", { name: "Signing secret" });
  await expect(secretBox).toContainText("cannot be shown again");
  const secret = (await secretBox.getByTestId("one-time-secret").textContent()) ?? "";
  expect(secret).toMatch(SECRET);

  const row = page.getByTestId("destination-row").filter({ hasText: name });
  await expect(row).toContainText("Slack");
  await expect(row).toContainText("Enabled");
  await expect(page.getByRole("region", { name: "Signature verification in Node.js" })).toContainText(
    "timingSafeEqual",
  );
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/webhooks-created.png", fullPage: true });

  await secretBox.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await (await page.request.get("/api/v1/settings/destinations")).text()).not.toContain(secret);

  // The receiver does not exist: the test reports the failure rather than hiding it.
  await page.getByRole("button", { name: `Send test to ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Test to ${name} failed:` })).toBeVisible({
    timeout: 15_000,
  });

  await page.getByRole("button", { name: `Rotate secret of ${name}` }).click();
  await page.getByRole("button", { name: "Confirm rotate" }).click();
  const rotated =
    (await page.getByRole("region", { name: "Signing secret" }).getByTestId("one-time-secret").textContent()) ?? "";
  expect(rotated).toMatch(SECRET);
  expect(rotated).not.toBe(secret);
  await page.getByRole("region", { name: "Signing secret" }).getByRole("button", { name: "Done" }).click();

  await page.getByRole("button", { name: `Disable ${name}` }).click();
  await page.getByRole("button", { name: "Confirm disable" }).click();
  await expect(page.getByTestId("destination-row").filter({ hasText: name })).toContainText("Disabled");
  await expect(page.getByRole("button", { name: `Send test to ${name}` })).toHaveCount(0);
});

test("the delivery log lists every attempt, newest first, with the receiver's answer", async ({ page, baseURL }) => {
  const admin = await request.newContext({ baseURL });
  await signInApi(admin, "admin");
  const name = `log-${unique()}`;
  const created = await admin.post("/api/v1/settings/destinations", {
    data: { name, url: `https://hooks.example.invalid/${name}`, format: "json" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { destination } = (await created.json()) as { destination: { id: string } };

  // The worker's rows, written as it would after a 500 then a 200.
  const alertId = randomUUID();
  const ruleName = `Log check ${name}`;
  await withDb(async (db) => {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'demo'");
    const tenantId = rows[0]?.id;
    await db.query(
      `INSERT INTO alerts (id, tenant_id, rule_id, rule_version, rule_name, severity, group_key, window_key,
         window_start, window_end, summary, explanation, evidence_ids)
       VALUES ($1, $2, 'e2e-log', 1, $3, 'low', '', $4, now(), now(), 'e2e', '{}', '{}')`,
      [alertId, tenantId, ruleName, alertId],
    );
    await db.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, alert_id, destination_id, attempt, status, response_status, error,
         duration_ms, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 1, 'failed', 500, 'HTTP 500', 41, now() - interval '5 seconds'),
              (gen_random_uuid(), $1, $2, $3, 2, 'delivered', 200, NULL, 37, now())`,
      [tenantId, alertId, destination.id],
    );
  });

  await signInApi(page.request, "admin");
  await page.goto("/settings/destinations");
  const rows = page.getByTestId("delivery-row").filter({ hasText: ruleName });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Delivered");
  await expect(rows.nth(0)).toContainText("200");
  await expect(rows.nth(1)).toContainText("Failed");
  await expect(rows.nth(1)).toContainText("HTTP 500");
  await expect(rows.nth(1)).toContainText(name);
  await expect(rows.nth(0).getByRole("link", { name: ruleName })).toHaveAttribute("href", `/alerts/${alertId}`);
  await page.screenshot({ path: "test-results/screenshots/webhooks-delivery-log.png", fullPage: true });

  const log = (await (await admin.get("/api/v1/settings/destinations/deliveries")).json()) as {
    deliveries: { alertId: string; attempt: number }[];
  };
  expect(log.deliveries.filter((d) => d.alertId === alertId).map((d) => d.attempt)).toEqual([2, 1]);

  const rival = await request.newContext({ baseURL });
  await signInApi(rival, "rival");
  const rivalLog = await (await rival.get("/api/v1/settings/destinations/deliveries")).text();
  expect(rivalLog).not.toContain(alertId);
  for (const path of ["rotate", "test"]) {
    expect((await rival.post(`/api/v1/settings/destinations/${destination.id}/${path}`)).status()).toBe(404);
  }
  expect((await rival.delete(`/api/v1/settings/destinations/${destination.id}`)).status()).toBe(404);
  expect(await (await rival.get("/api/v1/settings/destinations")).text()).not.toContain(destination.id);
  await Promise.all([admin.dispose(), rival.dispose()]);
});

test("analysts and viewers cannot see or manage destinations", async ({ baseURL }) => {
  for (const user of ["analyst", "viewer"] as const) {
    const context = await request.newContext({ baseURL });
    await signInApi(context, user);
    expect((await context.get("/settings/destinations")).status(), user).toBe(403);
    expect((await context.get("/api/v1/settings/destinations")).status(), user).toBe(403);
    expect((await context.get("/api/v1/settings/destinations/deliveries")).status(), user).toBe(403);
    const post = await context.post("/api/v1/settings/destinations", {
      data: { name: `x-${unique()}`, url: "https://hooks.example.invalid/x" },
    });
    expect(post.status(), user).toBe(403);
    await context.dispose();
  }
});
