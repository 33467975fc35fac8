import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

// The overview and the agent registry as people use them: numbers and charts, links into the
// explorer, an agent's page, suspension by an admin only, and tenant isolation.

// Each test signs in, renders charts and may run axe: give them room on a busy machine.
test.describe.configure({ timeout: 90_000 });

// Rarely active in the demo data, and no other spec depends on its status.
const SUSPEND_TARGET = { id: "marketing-writer", name: "Marketing Writer" };

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("an admin sees KPI numbers and charts, and the denials card opens the explorer on denied events", async ({
  page,
}) => {
  await signIn(page, "admin");
  await page.goto("/overview?range=7d");
  await expect(page.getByTestId("kpi-events-value")).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByTestId("kpi-denials-value")).toHaveText(/^[\d,]+$/);
  for (const name of ["Events over time", "Policy decisions over time", "Top agents", "Top tools"]) {
    await expect(page.getByRole("figure", { name }).locator("svg.recharts-surface")).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "7d" })).toHaveAttribute("aria-current", "page");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "test-results/screenshots/overview.png", fullPage: true });

  await page.getByTestId("kpi-denials").click();
  await expect(page).toHaveURL(/\/events\?.*outcome=denied/);
  await expect(page).toHaveURL(/range=7d/);
});

test("the time range lives in the URL", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/overview");
  await page.getByRole("link", { name: "30d" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByRole("link", { name: "30d" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("over the last 30d")).toBeVisible();
});

test("the agents list filters by status in the URL and opens an agent's page", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/agents");
  await page.getByLabel("Status").selectOption("suspended");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=suspended/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1).getByTestId("agent-status")).toHaveText(/Suspended/);

  await page.goto("/agents?sort=name");
  await page.getByRole("link", { name: "Billing Copilot" }).click();
  await expect(page).toHaveURL(/\/agents\/billing-copilot/);
  await expect(page.getByRole("heading", { level: 1, name: "Billing Copilot" })).toBeVisible();
  await expect(page.getByText("CIMD (metadata document)").first()).toBeVisible();
  await expect(page.getByRole("figure", { name: "Activity" }).locator("svg.recharts-surface")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "test-results/screenshots/agent.png", fullPage: true });
});

test("an admin suspends an agent with a reason, sees it marked, and reactivates it", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto(`/agents/${SUSPEND_TARGET.id}`);
  const header = page.getByRole("main");
  await expect(header.getByTestId("agent-status").first()).toHaveText("Active");

  await page.getByRole("button", { name: "Suspend agent" }).click();
  const dialog = page.getByRole("dialog", { name: `Suspend ${SUSPEND_TARGET.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason").fill("e2e: unexpected bulk exports");
  await dialog.getByRole("button", { name: "Confirm suspension" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("This agent is suspended")).toBeVisible();
  await expect(page.getByText("e2e: unexpected bulk exports").first()).toBeVisible();

  await page.goto(`/agents?q=${SUSPEND_TARGET.id}`);
  await expect(page.getByRole("row", { name: new RegExp(SUSPEND_TARGET.name) }).getByTestId("agent-status")).toHaveText(
    /Suspended/,
  );

  await page.goto(`/agents/${SUSPEND_TARGET.id}`);
  await page.getByRole("button", { name: "Reactivate agent" }).click();
  const reactivate = page.getByRole("dialog", { name: `Reactivate ${SUSPEND_TARGET.name}?` });
  await reactivate.getByLabel("Reason").fill("e2e: done");
  await reactivate.getByRole("button", { name: "Confirm reactivation" }).click();
  await expect(reactivate).toBeHidden();
  await expect(page.getByText("This agent is suspended")).toBeHidden();
  await expect(page.getByRole("button", { name: "Suspend agent" })).toBeVisible();
});

test("a viewer sees no suspend button and the API refuses the change", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/agents/billing-copilot");
  await expect(page.getByRole("heading", { level: 1, name: "Billing Copilot" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Suspend agent|Reactivate agent/ })).toHaveCount(0);
  const response = await page.request.post("/api/v1/agents/billing-copilot/status", {
    data: { status: "suspended", reason: "viewer should not" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("forbidden");
});

test("another tenant's admin gets a 404 for a demo agent, on the page and in the API", async ({ page }) => {
  await signIn(page, "rival");
  const response = await page.goto("/agents/billing-copilot");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Agent not found" })).toBeVisible();
  await expect(page.getByText("Billing Copilot")).toHaveCount(0);
  const api = await page.request.get("/api/v1/agents/billing-copilot");
  expect(api.status()).toBe(404);
  const status = await page.request.post("/api/v1/agents/billing-copilot/status", { data: { status: "suspended" } });
  expect(status.status()).toBe(404);
});
