import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { credentials, signInApi } from "./fixtures";

// Alert rules in the UI (issue 5): an analyst creates a threshold rule, tests it against the
// demo history (its burst of ten denied calls by sales-researcher), saves it, finds it in the
// list and the version history, and disables it; a viewer reads the list without controls and
// the API refuses their changes.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an analyst creates a threshold rule, tests it against history, saves, finds its version and disables it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  mkdirSync("test-results/screenshots", { recursive: true });
  await signInApi(page.request, "analyst");
  await page.goto("/alerts/rules");
  await page.getByRole("link", { name: "New rule" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules\/new$/);

  // Nothing is sent while the form is invalid: the schema's messages sit next to the fields.
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.locator("#rule-name-error")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();

  const name = "Denied tool calls by agent";
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByLabel("Id", { exact: true })).toHaveValue(/^denied-tool-calls-by-agent(-\d+)?$/);
  // The shared e2e database keeps earlier runs' rules, so this run's id is its own.
  const id = `denied-tool-calls-by-agent-${unique()}`;
  await page.getByLabel("Id", { exact: true }).fill(id);
  await expect(page.getByLabel("Kind", { exact: true })).toHaveValue("threshold");
  await page.getByLabel("Severity").selectOption("high");
  const counted = page.getByRole("group", { name: "Events counted" });
  await counted.getByLabel("Event types", { exact: true }).selectOption(["mcp.tool.called"]);
  await counted.getByRole("checkbox", { name: "denied", exact: true }).check();
  await page.getByLabel("Group by").selectOption("agent");
  await page.getByLabel("Count", { exact: true }).fill("3");
  await page.getByLabel("Window", { exact: true }).fill("10 minutes");

  await page.getByRole("button", { name: "Test on the last 7 days" }).click();
  await expect(page.locator("#rule-window-error")).toContainText("duration");
  await page.getByLabel("Window", { exact: true }).fill("10m");
  await page.getByRole("button", { name: "Test on the last 7 days" }).click();
  const result = page.getByTestId("rule-test-result");
  await expect(result).toContainText(/Would have fired \d+ times?/, { timeout: 30_000 });
  const fired = Number((await result.textContent())?.match(/Would have fired (\d+)/)?.[1]);
  expect(fired).toBeGreaterThanOrEqual(1);
  const burst = page.getByRole("listitem").filter({ hasText: "agent:sales-researcher" }).first();
  await expect(burst).toBeVisible();
  const evidence = burst.getByRole("list", { name: "Evidence events" }).getByRole("link").first();
  await expect(evidence).toHaveAttribute("href", /^\/events\//);
  await expect(burst.getByRole("link", { name: /^Trace / }).first()).toHaveAttribute("href", /^\/traces\//);
  await page.screenshot({ path: "test-results/screenshots/alert-rule-form.png", fullPage: true });

  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules\?saved=/);
  await expect(page.getByRole("status").filter({ hasText: "Saved rule" })).toContainText(id);
  const row = page.locator(`[data-rule-id="${id}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("threshold");
  await expect(row).toContainText("high");
  const toggle = row.getByRole("switch", { name: `Enabled: ${name}` });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await noSeriousAxeViolations(page);
  await page.screenshot({ path: "test-results/screenshots/alert-rules.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/alert-rules-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  const analyst = credentials("analyst").email;
  await page.getByRole("link", { name: "Version history" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules\/versions$/);
  const created = page.getByTestId("rule-version").filter({ hasText: `created rule ${id}` });
  await expect(created).toContainText(`by user:${analyst}`);
  await expect(created).toContainText("via dashboard");
  await expect(created).toContainText(`Added ${id} (${name})`);
  await page.screenshot({ path: "test-results/screenshots/alert-rule-versions.png", fullPage: true });

  await page.goto("/alerts/rules");
  // By keyboard: the switch is a real button, reached by Tab and pressed with Space.
  await page.locator(`[data-rule-id="${id}"]`).getByRole("switch").focus();
  await page.keyboard.press("Space");
  await expect(page.locator(`[data-rule-id="${id}"]`).getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(page.locator(`[data-rule-id="${id}"]`).getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await page.goto("/alerts/rules/versions");
  const disabled = page.getByTestId("rule-version").filter({ hasText: `disabled rule ${id}` });
  await expect(disabled).toContainText(`Changed ${id}`);
  await expect(disabled).toContainText("enabled: true → false");

  // The editor opens on the saved rule; a deletion is one more version, keeping the demo tidy.
  await page.goto(`/alerts/rules/${id}`);
  await expect(page.getByLabel("Count", { exact: true })).toHaveValue("3");
  await page.getByRole("button", { name: `Delete rule ${id}` }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules$/);
  await expect(page.locator(`[data-rule-id="${id}"]`)).toHaveCount(0);
});

test("a viewer reads the rules without controls, and the API refuses their changes", async ({ page }) => {
  await signInApi(page.request, "viewer");
  expect((await page.goto("/alerts/rules"))?.status()).toBe(200);
  const row = page.locator('[data-rule-id="denial-burst"]');
  await expect(row).toContainText("threshold");
  await expect(row.getByRole("cell").nth(4)).toHaveText(/^(On|Off)$/);
  await expect(page.getByRole("link", { name: "Export YAML" })).toHaveAttribute("href", "/api/v1/alert-rules");
  await expect(page.getByRole("link", { name: "Version history" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New rule" })).toHaveCount(0);
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  await page.goto("/alerts/rules/versions");
  await expect(page.getByTestId("rule-version").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Restore/ })).toHaveCount(0);

  expect((await page.goto("/alerts/rules/new"))?.status()).toBe(403);
  expect((await page.goto("/alerts/rules/denial-burst"))?.status()).toBe(403);
  const rule = {
    id: "denial-burst",
    name: "Viewer edit",
    severity: "low",
    kind: "threshold",
    match: { types: ["mcp.tool.called"] },
    groupBy: "agent",
    count: 1,
    window: "5m",
  };
  const put = await page.request.put("/api/v1/alert-rules/rules/denial-burst", { data: { rule } });
  expect(put.status()).toBe(403);
  expect(((await put.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  for (const [method, path, data] of [
    ["post", "/api/v1/alert-rules/rules", { rule: { ...rule, id: `viewer-${unique()}` } }],
    ["patch", "/api/v1/alert-rules/rules/denial-burst", { enabled: false }],
    ["delete", "/api/v1/alert-rules/rules/denial-burst", undefined],
    ["post", "/api/v1/alert-rules/test", { rule, range: "24h" }],
  ] as const)
    expect((await page.request[method](path, { data }))?.status(), `${method} ${path}`).toBe(403);
});
