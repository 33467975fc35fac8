import { spawn } from "node:child_process";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signInApi } from "./fixtures";

// Issue 7's acceptance run: `npm run simulate` (a real OAuth AS, MCP server and MCP clients on
// loopback) for a short, bounded run against the built app's collector, into a tenant of its
// own (so no other spec's demo counts move) with a second fresh tenant as the "other" tenant.
// The alert rules are evaluated for that tenant alone; then everything is checked through
// Attest's own API and pages, as an auditor of the tenant.

test.describe.configure({ timeout: 120_000 });

const root = path.resolve(import.meta.dirname, "..");
// The steps of one approved refund, in the order they happen.
const REQUEST = [
  ...["auth.login", "consent.granted", "token.issued", "mcp.tool.called", "policy.evaluated"],
  ...["approval.requested", "approval.granted", "downstream.called"],
];
type Item = { eventId: string; type: string; correlationId: string | null };

function runSimulator(
  endpoint: string,
  key: string,
  foreignKey: string,
): Promise<{ code: number | null; out: string }> {
  const args = ["scripts/simulate.ts", "--endpoint", endpoint, "--key", key, "--foreign-key", foreignKey];
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), [...args, "--duration", "6s", "--rate", "2"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

async function search(page: Page, params: Record<string, string>): Promise<Item[]> {
  const query = new URLSearchParams({ range: "1h", limit: "500", ...params });
  const response = await page.request.get(`/api/v1/events/search?${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { events: Item[] }).events;
}

/** Two fresh tenants with ingest keys, the example rules and an auditor for the first (via lib/, on the e2e DB). */
async function setUp(run: string) {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  const { createTenant } = await import("../lib/tenants");
  const { createIngestKey } = await import("../lib/keys/ingest-keys");
  const { createUser, setMembership } = await import("../lib/users");
  const { generatePassword } = await import("../lib/auth/passwords");
  const { ensureDemoRules } = await import("../lib/alerts/rules/demo-rules");
  const { disconnectDb } = await import("../lib/db");
  try {
    const home = await createTenant(`sim-${run}`, "Simulated Corp");
    const other = await createTenant(`sim-${run}-other`, "Other Corp");
    await ensureDemoRules(home.id); // the documented example rules, cross-tenant and revoked-consent among them
    const email = `sim-auditor-${run}@e2e.attest.test`;
    const password = generatePassword();
    await setMembership(home.id, (await createUser({ email, name: "Sim Auditor", password })).id, "auditor");
    const key = (await createIngestKey(home.id, "simulator")).key;
    const foreignKey = (await createIngestKey(other.id, "simulator")).key;
    return { tenantId: home.id, email, password, key, foreignKey };
  } finally {
    await disconnectDb();
  }
}

/** What the alert worker does on its next tick, for this tenant only (not the whole demo history). */
async function evaluateAlerts(tenantId: string) {
  const { evaluateUntilCaughtUp } = await import("../lib/alerts/engine/evaluate");
  const { disconnectDb } = await import("../lib/db");
  try {
    await evaluateUntilCaughtUp(tenantId);
  } finally {
    await disconnectDb();
  }
}

test("a bounded simulator run is told by Attest's API, trace page, delegations and alerts", async ({
  page,
  baseURL,
}, testInfo) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { tenantId, email, password, key, foreignKey } = await setUp(run);

  // 1. The simulator runs for 6 s against the real app and exits 0 (nothing failed or lost).
  const simulated = await runSimulator(baseURL as string, key, foreignKey);
  expect(simulated.code, simulated.out).toBe(0);
  expect(simulated.out).toMatch(/rejected 0, dropped 0/);
  await evaluateAlerts(tenantId);

  // 2. Attest's own API, as the tenant's auditor: every kind of step is there.
  await signInApi(page.request, { email, password });
  const events = await search(page, {});
  const types = new Set(events.map((e) => e.type));
  for (const type of REQUEST.slice(3)) expect(types, type).toContain(type);
  const granted = await search(page, { type: "approval.granted" });
  const id = granted.map((e) => e.correlationId).find((c) => c?.endsWith("-refund_large"));
  expect(id, "an approved large refund").toBeTruthy();
  const correlationId = id as string;
  // One correlation id holds the whole request: login, consent, token, call, policy, approval, downstream.
  const trace = new Set((await search(page, { correlationId })).map((e) => e.type));
  for (const type of REQUEST) expect(trace, type).toContain(type);

  // 3. In Chromium: the trace page tells that story, step by step.
  await page.goto(`/traces/${encodeURIComponent(correlationId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Trace" })).toBeVisible();
  await expect(page.getByTestId("trace-story")).toContainText(
    // The call is stamped when it arrived and the policy decision right after, often in the same
    // millisecond, so the story may tell either first; everything else has a fixed order.
    /signed in.*granted consent.*(required approval.*called refund|called refund.*required approval).*approved.*downstream call/,
  );
  // Each step is labelled by its type; the tool call is a root with policy, approval and the
  // downstream call nested under it, in that order.
  const steps = page.getByRole("list", { name: "Trace steps" });
  for (const type of REQUEST.slice(0, 3)) {
    await expect(steps.locator(`li[data-event-type='${type}']`).first()).toContainText(type);
  }
  const call = steps.locator(":scope > li[data-event-type='mcp.tool.called']").filter({ hasText: "refund" });
  await expect(call).toHaveCount(1);
  const nested = await call
    .locator(":scope > ol > li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-event-type")));
  const wanted = ["policy.evaluated", "approval.requested", "downstream.called"];
  expect(nested.filter((type) => wanted.includes(type ?? ""))).toEqual(wanted);
  await expect(call.locator("li[data-event-type='approval.granted']")).toContainText("approval.granted");
  await page.screenshot({ path: testInfo.outputPath("simulator-trace.png"), fullPage: true });

  // The token exchange shows as a two-hop chain: human → planner → billing.
  await page.goto("/delegations?range=24h");
  const paths = page.getByRole("table", { name: "Delegation chain paths, busiest first" });
  await expect(
    paths.locator("summary").filter({ hasText: /^[^→]+ → [^→]*[Pp]lanner[^→]* → [^→]*[Bb]illing[^→]*:/ }),
  ).not.toHaveCount(0);

  // The alerts inbox has the cross-tenant token and the use after a revoked consent.
  const alert = (name: string) => page.getByTestId("alert-row").filter({ hasText: name });
  await expect
    .poll(
      async () => {
        await page.goto("/alerts");
        return [
          await alert("Token from another tenant presented").count(),
          await alert("used after consent was revoked").count(),
        ].every((n) => n > 0);
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath("simulator-alerts.png"), fullPage: true });
});
