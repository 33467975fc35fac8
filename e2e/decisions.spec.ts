import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { type E2eUser, signIn } from "./fixtures";

// Policy decisions, approvals and sessions as an analyst reads them in the seeded demo: the
// refund policy's require-approval decisions, the large refund's approval with its approver
// and wait, the refund that ran before approval and the one that ran without, and a session
// used by both a stateful and a stateless MCP client. A rival tenant's session is a 404.

test.describe.configure({ timeout: 90_000 });

async function signInAs(page: Page, user: E2eUser) {
  await signIn(page, user).catch(() => signIn(page, user));
}

async function expectNoSeriousAxeViolations(page: Page, rules?: string[]) {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

function screenshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  return page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** A demo session with MCP calls both in an MCP session and stateless (read from Postgres). */
async function mixedSession(): Promise<{ userId: string; sessionId: string; events: number }> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ user_id: string; session_id: string; event_count: string }>(
      `SELECT s.user_id, s.session_id, s.event_count FROM sessions s JOIN tenants t ON t.id = s.tenant_id
        WHERE t.slug = 'demo' AND cardinality(s.mcp_session_ids) > 0 AND EXISTS (
          SELECT 1 FROM events e WHERE e.tenant_id = s.tenant_id AND e.session_key = s.session_key
            AND jsonb_typeof(e.data->'mcp') = 'object' AND NOT (e.data->'mcp' ? 'sessionId'))
        ORDER BY s.event_count DESC, s.session_key LIMIT 1`,
    );
    const row = rows[0];
    if (!row) throw new Error("the demo has no session with both stateful and stateless MCP calls");
    return { userId: row.user_id, sessionId: row.session_id, events: Number(row.event_count) };
  } finally {
    await client.end();
  }
}

test("an analyst reads refund-limits' decisions by version, with require-approval counts and reasons", async ({
  page,
}) => {
  await signInAs(page, "analyst");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policy decisions" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByRole("heading", { level: 1, name: "Policy decisions" })).toBeVisible();

  const table = page.getByRole("table", { name: /Policy decisions by policy and version/ });
  const refund = table.locator("tbody").filter({ hasText: "refund-limits" });
  await expect(refund).toHaveCount(1);
  // The policy's row: require-approval count is a link into the explorer, and more than zero.
  const requireApproval = refund.getByRole("link", { name: /require approval decisions of refund-limits/ });
  await expect(requireApproval).toBeVisible();
  expect(Number((await requireApproval.textContent())?.replace(/\D/g, ""))).toBeGreaterThan(0);
  await expect(requireApproval).toHaveAttribute("href", /type=policy\.evaluated/);
  await expect(requireApproval).toHaveAttribute("href", /policy=refund-limits&decision=require_approval/);
  // Its version row and the reason the engine gave.
  await expect(refund.getByRole("rowheader", { name: /^v7/ })).toBeVisible();
  await expect(refund.getByText(/Require approval:\s*amount \d+ > 10000/).first()).toBeVisible();

  // Another range is a link that keeps the page.
  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "30d" }).click();
  await expect(page).toHaveURL(/\/policies\?range=30d/);
  await expect(table.locator("tbody").filter({ hasText: "refund-limits" })).toBeVisible();
  await screenshot(page, "policies");
  await expectNoSeriousAxeViolations(page);
});

test("an analyst sees the large refund's approval with approver and wait, and actions without approval", async ({
  page,
}) => {
  await signInAs(page, "analyst");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expect(page.getByTestId("kpi-requested")).toContainText(/[1-9]/);
  await expect(page.getByTestId("kpi-median-wait")).toContainText(/\d+m/);

  const rows = page.getByTestId("approval-row");
  const granted = rows.filter({ hasText: "granted" }).filter({ hasText: "stripe.refund" });
  await expect(granted.first()).toBeVisible();
  const row = granted.first();
  // Approver (a person's name), wait as minutes and seconds, the amount above the threshold.
  await expect(row.locator("td").nth(4)).toHaveText(/[A-Z][a-z]+ [A-Z][a-zA-Z]+/);
  await expect(row.locator("td").nth(5)).toHaveText(/^\d+m( \d+s)?$/);
  await expect(row.locator("td").nth(2)).toContainText(/amount [1-9]\d,\d{3}/);
  await expect(row.getByRole("link", { name: /^Trace of request req-/ })).toHaveAttribute("href", /^\/traces\/req-/);

  // The demo's refund that ran before its approval was granted carries the finding.
  const early = rows.filter({ hasText: "Action before approval" });
  await expect(early).toHaveCount(1);
  await expect(early).toContainText("granted");

  // And the refund that ran with no approval at all is listed below.
  const unapproved = page.getByRole("region", { name: "High-value actions without approval" });
  await expect(unapproved.getByTestId("unapproved-row").first()).toContainText("High-value action without approval");

  // Status filter narrows the table, keeps the range, and is a shareable link.
  await page
    .getByRole("navigation", { name: "Filter approvals by status" })
    .getByRole("link", { name: "denied" })
    .click();
  await expect(page).toHaveURL(/status=denied/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain("denied");
  await page.getByRole("navigation", { name: "Filter approvals by status" }).getByRole("link", { name: "all" }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(rows.filter({ hasText: "granted" }).first()).toBeVisible();

  await screenshot(page, "approvals");
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxeViolations(page, ["color-contrast"]);
  await screenshot(page, "approvals-dark");
});

test("an analyst finds a user's session and reads everything done in it, stateful and stateless", async ({ page }) => {
  const session = await mixedSession();
  await signInAs(page, "analyst");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  await expect(page.getByTestId("session-row").first()).toBeVisible();

  await page.getByLabel("User id").fill(session.userId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/sessions\?user=/);
  const rows = page.getByTestId("session-row");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(session.userId);

  await rows.getByRole("link", { name: new RegExp(`^${session.sessionId}`) }).click();
  await expect(page).toHaveURL(
    new RegExp(`/sessions/${encodeURIComponent(session.userId)}(%3A|:)${session.sessionId}$`),
  );
  await expect(page.getByRole("heading", { level: 1, name: /^Session of / })).toBeVisible();
  await expect(page.getByText(`${session.sessionId}`, { exact: true })).toBeVisible();

  const events = page.getByTestId("session-event");
  await expect(events).toHaveCount(Math.min(session.events, 1000));
  await expect(page.getByText(`${session.events} events, oldest first.`)).toBeVisible();
  // Stateful calls name their MCP session; stateless ones say so.
  await expect(events.filter({ hasText: /mcp-[0-9a-f]{8}/ }).first()).toBeVisible();
  await expect(events.filter({ hasText: "stateless (MCP 2026-07-28)" }).first()).toBeVisible();
  // Each event opens; agents link to their page.
  await expect(events.first().getByRole("link").first()).toHaveAttribute("href", /^\/events\//);
  await expect(events.locator('a[href^="/agents/"]').first()).toBeVisible();
  await screenshot(page, "session");
  await expectNoSeriousAxeViolations(page);

  // Another tenant's session key (the rival's) and an unknown one answer 404.
  for (const key of ["rival-user:rival-sess", "nobody:nothing"]) {
    const response = await page.goto(`/sessions/${encodeURIComponent(key)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Session not found" })).toBeVisible();
  }
});
