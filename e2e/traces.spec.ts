import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import pg from "pg";
import { type E2eUser, signIn } from "./fixtures";

// The correlation-trace view as an analyst reaches it: from the explorer, the approved refund
// over $10,000, its event detail, "Open trace"; then every step of the request on one time
// axis, nested by span, with the approval wait and the story. And tenant isolation: an id of
// another tenant is a real 404 that offers the search.

test.describe.configure({ timeout: 120_000 });

async function signInAs(page: Page, user: E2eUser) {
  await signIn(page, user).catch(() => signIn(page, user));
}

type Refund = { correlationId: string; traceId: string; grantedEventId: string };

/** The demo's approved large refund whose downstream call came after the approval (read from Postgres). */
async function approvedRefund(): Promise<Refund> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ correlation_id: string; trace_id: string; event_id: string }>(
      `SELECT g.correlation_id, g.trace_id, g.event_id
         FROM events g JOIN tenants t ON t.id = g.tenant_id
        WHERE t.slug = 'demo' AND g.type = 'approval.granted'
          AND EXISTS (SELECT 1 FROM events c WHERE c.tenant_id = g.tenant_id AND c.correlation_id = g.correlation_id
                       AND c.type = 'mcp.tool.called' AND c.target_id = 'stripe.refund'
                       AND (c.data->'attributes'->>'amount')::numeric > 10000)
          AND EXISTS (SELECT 1 FROM events d WHERE d.tenant_id = g.tenant_id AND d.correlation_id = g.correlation_id
                       AND d.type = 'downstream.called' AND d.outcome = 'success' AND d.time > g.time)
          AND NOT EXISTS (SELECT 1 FROM events d WHERE d.tenant_id = g.tenant_id AND d.correlation_id = g.correlation_id
                       AND d.type = 'downstream.called' AND d.time < g.time)
        ORDER BY g.time LIMIT 1`,
    );
    const row = rows[0];
    if (!row) throw new Error("the demo data has no approved refund over $10,000");
    return { correlationId: row.correlation_id, traceId: row.trace_id, grantedEventId: row.event_id };
  } finally {
    await client.end();
  }
}

const steps = (page: Page) => page.getByRole("list", { name: "Trace steps" });
const stepButton = (item: Locator) => item.locator(":scope > div > div > button").first();

test("an analyst opens the approved large refund's trace from the explorer and reads it", async ({ page }) => {
  const refund = await approvedRefund();
  await signInAs(page, "analyst");
  await page.goto("/events?range=30d&type=approval.granted");
  const filters = page.getByRole("search", { name: "Filter events" });
  await expect(filters.getByLabel("Type")).toHaveValue("approval.granted");
  const row = page.locator(`tr[data-event-id="${refund.grantedEventId}"]`);
  await row.click();
  const detail = page.getByRole("complementary", { name: "Event detail" });
  await detail.getByRole("link", { name: "Open trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${refund.correlationId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Trace" })).toBeVisible();

  // The story in one sentence.
  const story = page.getByTestId("trace-story");
  await expect(story).toContainText(/acting for .+ \(.+:.+\)/);
  await expect(story).toContainText(/called stripe\.refund \(\$[\d,]+\)/);
  await expect(story).toContainText(/policy refund-limits v\d+ required approval/);
  await expect(story).toContainText(/ approved after \d+m( \d+s)?/);
  await expect(story).toContainText(/the downstream call POST \S+ succeeded\./);

  // The tool call is a root; policy, approval request, approval granted (with its wait) and the
  // downstream call are nested under it, in that order.
  const call = steps(page)
    .locator(":scope > li[data-event-type='mcp.tool.called']")
    .filter({ hasText: "stripe.refund" });
  await expect(call).toHaveCount(1);
  const children = call.locator(":scope > ol > li");
  const types = await children.evaluateAll((items) => items.map((li) => li.getAttribute("data-event-type")));
  const wanted = ["policy.evaluated", "approval.requested", "approval.granted", "downstream.called"];
  expect(types.filter((type) => wanted.includes(type ?? ""))).toEqual(wanted);
  const child = (type: string) => call.locator(`:scope > ol > li[data-event-type='${type}']`);
  await expect(child("policy.evaluated")).toContainText(/refund-limits v\d+: require approval/);
  await expect(child("policy.evaluated")).toContainText("Policy engine");
  await expect(child("approval.granted")).toContainText(/waited \d+m( \d+s)? for approval/);
  await expect(child("approval.granted")).toContainText("success");
  await expect(child("downstream.called")).toContainText("POST https://api.stripe.com/v1/refunds");
  await expect(page.getByRole("list", { name: "Systems" })).toContainText("Policy engine");

  // Header facts and links onward.
  await expect(page.getByText(refund.traceId)).toBeVisible();
  await expect(page.getByRole("link", { name: "in the explorer" })).toHaveAttribute(
    "href",
    new RegExp(`correlationId=${refund.correlationId}`),
  );
  await expect(page.getByRole("link", { name: "Billing Copilot" })).toHaveAttribute("href", "/agents/billing-copilot");

  // Keyboard: open the approval step, see its raw event and link, close it again.
  const granted = stepButton(child("approval.granted"));
  await granted.focus();
  await page.keyboard.press("Enter");
  await expect(granted).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("region", { name: `Raw event ${refund.grantedEventId}` })).toContainText('"approval"');
  await expect(page.getByRole("link", { name: `Open event ${refund.grantedEventId}` })).toHaveAttribute(
    "href",
    `/events/${refund.grantedEventId}`,
  );

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/trace.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  expect(dark.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/trace-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  await page.keyboard.press("Enter");
  await expect(granted).toHaveAttribute("aria-expanded", "false");

  // The same request by its W3C trace id.
  await page.goto(`/traces/${refund.traceId}`);
  await expect(page.getByTestId("trace-story")).toHaveText((await story.textContent()) ?? "");
});

test("a tool call made after the user revoked consent carries its finding in the trace", async ({ page }) => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client
    .query<{ correlation_id: string }>(
      `SELECT c.correlation_id FROM events r
         JOIN tenants t ON t.id = r.tenant_id AND t.slug = 'demo'
         JOIN events c ON c.tenant_id = r.tenant_id AND c.on_behalf_of_id = r.actor_id AND c.time > r.time
                      AND c.client_id = r.client_id AND c.type = 'mcp.tool.called'
        WHERE r.type = 'consent.revoked'
          AND NOT EXISTS (SELECT 1 FROM events g WHERE g.tenant_id = r.tenant_id AND g.type = 'consent.granted'
                           AND g.actor_id = r.actor_id AND g.client_id = r.client_id AND g.time > r.time AND g.time < c.time)
        ORDER BY c.time LIMIT 1`,
    )
    .finally(() => client.end());
  const correlationId = rows[0]?.correlation_id;
  expect(correlationId, "the demo's tool call after a revoked consent").toBeTruthy();
  await signInAs(page, "analyst");
  await page.goto(`/traces/${correlationId}`);
  await expect(page.getByRole("note").filter({ hasText: "finding" })).toContainText("Used after consent was revoked");
  const call = steps(page).locator(":scope > li[data-event-type='mcp.tool.called']");
  await expect(call.locator(":scope > div").getByRole("list", { name: "Findings" })).toContainText(
    "Used after consent was revoked",
  );
});

test("a refund whose API call ran before its approval is flagged on that call", async ({ page }) => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client
    .query<{ correlation_id: string }>(
      `SELECT d.correlation_id FROM events d
         JOIN tenants t ON t.id = d.tenant_id AND t.slug = 'demo'
         JOIN events g ON g.tenant_id = d.tenant_id AND g.correlation_id = d.correlation_id
                      AND g.type = 'approval.granted' AND g.time > d.time
        WHERE d.type = 'downstream.called'
        ORDER BY d.time LIMIT 1`,
    )
    .finally(() => client.end());
  const correlationId = rows[0]?.correlation_id;
  expect(correlationId, "the demo's refund that ran before its approval").toBeTruthy();
  await signInAs(page, "analyst");
  await page.goto(`/traces/${correlationId}`);
  await expect(page.getByRole("note").filter({ hasText: "finding" })).toContainText("Action before approval");
  const downstream = steps(page).locator("li[data-event-type='downstream.called']");
  await expect(downstream.locator(":scope > div").getByRole("list", { name: "Findings" })).toContainText(
    "Action before approval",
  );
  // Time order tells it: the call comes before the approval among the tool call's steps.
  const types = await steps(page)
    .locator(":scope > li[data-event-type='mcp.tool.called'] > ol > li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-event-type")));
  expect(types.indexOf("downstream.called")).toBeLessThan(types.indexOf("approval.granted"));
});

test("an unknown id and another tenant's id are a 404 that offers the search", async ({ browser }) => {
  const refund = await approvedRefund();
  const demo = await browser.newContext();
  const page = await demo.newPage();
  await signInAs(page, "analyst");
  const unknown = await page.goto("/traces/req-does-not-exist");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "404: trace not found" })).toBeVisible();
  // The rival tenant's request, seen from the demo tenant.
  expect((await page.goto("/traces/rival-req-1"))?.status()).toBe(404);
  await expect(page.getByText("rival.secret_tool")).toHaveCount(0);
  // The search on the 404 page leads to a real trace.
  await page.getByLabel("Correlation ID, trace ID or traceparent").fill(`00-${refund.traceId}-0123456789abcdef-01`);
  await page.getByRole("button", { name: "Open trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${refund.traceId}$`));
  await expect(page.getByTestId("trace-story")).toContainText("stripe.refund");
  await demo.close();

  const rival = await browser.newContext();
  const rivalPage = await rival.newPage();
  await signInAs(rivalPage, "rival");
  expect((await rivalPage.goto(`/traces/${refund.correlationId}`))?.status()).toBe(404);
  await expect(rivalPage.getByRole("heading", { name: "404: trace not found" })).toBeVisible();
  expect((await rivalPage.goto("/traces/rival-req-1"))?.status()).toBe(200);
  await expect(rivalPage.getByTestId("trace-story")).toContainText("rival.secret_tool");
  await rival.close();
});
