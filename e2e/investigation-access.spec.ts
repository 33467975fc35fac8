import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./fixtures";

// The investigation pages are guarded like every other page: signed-out visitors go to
// sign-in, and one tenant's correlation ids, trace ids and session keys are a 404 in another
// tenant, exactly like ids that do not exist. The search box jumps to a trace by either id.

const PAGES = [
  "/traces/anything",
  "/delegations",
  "/consents",
  "/approvals",
  "/policies",
  "/sessions",
  "/sessions/u:s",
];
const RIVAL = {
  correlationId: "rival-req-1",
  traceId: "5a1ee7c0de5a1ee7c0de5a1ee7c0de00",
  session: "rival-user:rival-sess",
};

async function demoRequest(): Promise<{ correlationId: string; traceId: string }> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ correlation_id: string; trace_id: string }>(
      `SELECT e.correlation_id, e.trace_id FROM events e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'demo' AND e.type = 'approval.granted' AND e.trace_id IS NOT NULL ORDER BY e.seq LIMIT 1`,
    );
    if (!rows[0]) throw new Error("the demo tenant has no granted approval");
    return { correlationId: rows[0].correlation_id, traceId: rows[0].trace_id };
  } finally {
    await client.end();
  }
}

test("signed-out visitors of the investigation pages are sent to sign-in", async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in/);
  }
});

test("another tenant's trace, trace id and session are not found, and its consents are not listed", async ({
  page,
}) => {
  await signIn(page, "analyst");
  for (const path of [
    `/traces/${RIVAL.correlationId}`,
    `/traces/${RIVAL.traceId}`,
    `/sessions/${encodeURIComponent(RIVAL.session)}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("rival.secret_tool")).toHaveCount(0);
  }
  await page.goto("/consents?user=rival-user");
  await expect(page.getByText("rival.secret_tool")).toHaveCount(0);
  await expect(page.getByText("rival-bot")).toHaveCount(0);
});

test("the search box opens a trace by correlation id and by trace id", async ({ page }) => {
  const { correlationId, traceId } = await demoRequest();
  await signIn(page, "viewer");
  const search = page.getByRole("searchbox", { name: "Jump to a correlation ID or trace ID" });
  await search.fill(correlationId);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/traces/${correlationId}$`));
  await expect(page.getByText("approval.granted").first()).toBeVisible();

  await page.goto("/events");
  await page
    .getByRole("searchbox", { name: "Jump to a correlation ID or trace ID" })
    .fill(` 00-${traceId}-00f067aa0ba902b7-01 `);
  await page.getByRole("searchbox", { name: "Jump to a correlation ID or trace ID" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
  await expect(page.getByText(correlationId).first()).toBeVisible();
});
