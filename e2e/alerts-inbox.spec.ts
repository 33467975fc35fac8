import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { type E2eUser, signIn } from "./fixtures";

// The alert inbox as people use it. The seeded demo database has no alerts until rules are
// evaluated, so this spec stores one alert itself, as the engine would: a denial burst by
// sales-researcher with the demo's real denied calls as evidence. An analyst finds it in the
// inbox, reads why it fired and the evidence (with trace links), acknowledges it, adds a note
// and resolves it; a viewer sees it without any action and gets 403 from the API; another
// tenant's admin gets a 404.

test.describe.configure({ timeout: 90_000 });

const alertId = randomUUID();
const run = randomUUID().slice(0, 8);
const summary = `6 denied tool calls by sales-researcher within 5m (threshold 5) [e2e ${run}]`;

function db() {
  return new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
}

test.beforeAll(async () => {
  const client = db();
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string; event_id: string; time: Date }>(
      `SELECT e.tenant_id, e.event_id, e.time FROM events e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'demo' AND e.agent_id = 'sales-researcher' AND e.outcome = 'denied'
          AND e.correlation_id IS NOT NULL
        ORDER BY e.time DESC LIMIT 6`,
    );
    const first = rows.at(-1);
    const last = rows[0];
    if (!first || !last || rows.length < 6) throw new Error("the demo tenant lacks the denial burst");
    await client.query(
      `INSERT INTO alerts (id, tenant_id, rule_id, rule_version, rule_name, severity, group_key, window_key,
         window_start, window_end, summary, explanation, evidence_ids)
       VALUES ($1, $2, $3, 1, 'E2E denial burst', 'high', 'agent:sales-researcher', $4, $5, $6, $7, $8, $9)`,
      [
        alertId,
        last.tenant_id,
        `e2e-inbox-${run}`,
        run,
        first.time,
        last.time,
        summary,
        { count: 6, threshold: 5, window: "5m", groupBy: "agent", group: "sales-researcher" },
        rows.map((r) => r.event_id).reverse(),
      ],
    );
  } finally {
    await client.end();
  }
});

test.afterAll(async () => {
  const client = db();
  await client.connect();
  try {
    await client.query("DELETE FROM alert_notes WHERE alert_id = $1", [alertId]);
    await client.query("DELETE FROM alerts WHERE id = $1", [alertId]);
  } finally {
    await client.end();
  }
});

async function signInAs(page: Page, user: E2eUser) {
  await signIn(page, user).catch(() => signIn(page, user));
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

function screenshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  return page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test("an analyst finds the alert, reads why it fired, acknowledges, notes and resolves it", async ({ page }) => {
  await signInAs(page, "analyst");
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const row = page.getByTestId("alert-row").filter({ hasText: summary });
  await expect(row).toBeVisible();
  await expect(row.getByText("open", { exact: true })).toBeVisible();
  await expect(row.getByText("high", { exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, "alerts-inbox");

  await row.getByRole("link", { name: summary }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alertId}$`));
  await expect(page.getByRole("heading", { name: "E2E denial burst", level: 1 })).toBeVisible();
  const why = page.locator("section", { has: page.getByRole("heading", { name: "Why it fired" }) });
  await expect(why.getByText(summary)).toBeVisible();
  await expect(why.getByText("Count vs threshold")).toBeVisible();
  await expect(why.getByText("6 ≥ 5")).toBeVisible();
  const evidence = page.getByTestId("evidence-row");
  await expect(evidence).toHaveCount(6);
  const traceLink = evidence.first().getByRole("link", { name: /^req-.*\(trace\)$/ });
  await expect(traceLink).toHaveAttribute("href", /^\/traces\/req-/);
  await expect(evidence.first().getByRole("link", { name: /event demo-/ })).toHaveAttribute("href", /^\/events\//);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByTestId("alert-note").filter({ hasText: "open → acknowledged" })).toBeVisible();

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByText(/^assigned to analyst-/).first()).toBeVisible();

  await page.getByLabel("Note").fill("Sales researcher retried a blocked export; talked to the owner.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("alert-note").filter({ hasText: "retried a blocked export" })).toBeVisible();
  await expect(page.getByLabel("Note")).toHaveValue("");

  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("alert-note").filter({ hasText: "acknowledged → resolved" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(page.getByTestId("alert-note")).toHaveCount(4);
  await screenshot(page, "alert");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, "alert-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Resolved alerts leave the default (open + acknowledged) inbox and show under "resolved".
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-row").filter({ hasText: summary })).toHaveCount(0);
  await page.getByRole("link", { name: "resolved", exact: true }).click();
  await expect(page.getByTestId("alert-row").filter({ hasText: summary })).toBeVisible();
});

test("a viewer sees the alert without actions, and the API refuses a viewer's action", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto(`/alerts/${alertId}`);
  await expect(page.getByRole("heading", { name: "E2E denial burst", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why it fired" })).toBeVisible();
  await expect(page.getByTestId("evidence-row")).toHaveCount(6);
  await expect(page.getByRole("button", { name: /Acknowledge|Resolve|Reopen|Assign to me|Add note/ })).toHaveCount(0);
  const response = await page.request.post(`/api/v1/alerts/${alertId}/actions`, { data: { action: "resolve" } });
  expect(response.status()).toBe(403);
  const read = await page.request.get(`/api/v1/alerts/${alertId}`);
  expect(read.status()).toBe(200);
  expect(((await read.json()) as { alert: { id: string } }).alert.id).toBe(alertId);
});

test("another tenant's admin gets a 404 for the alert, on the page and in the API", async ({ page }) => {
  await signInAs(page, "rival");
  await page.goto(`/alerts/${alertId}`);
  await expect(page.getByRole("heading", { name: "Alert not found" })).toBeVisible();
  expect((await page.request.get(`/api/v1/alerts/${alertId}`)).status()).toBe(404);
  const action = await page.request.post(`/api/v1/alerts/${alertId}/actions`, { data: { action: "acknowledge" } });
  expect(action.status()).toBe(404);
});
