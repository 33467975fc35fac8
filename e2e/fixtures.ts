import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import pg from "pg";

export type E2eUser = "admin" | "analyst" | "auditor" | "viewer" | "lockout" | "rival" | "consultant";

const USERS_FILE = path.join(import.meta.dirname, `../.data/e2e-users-${process.env.E2E_PORT}.json`);

export function credentials(user: E2eUser): { email: string; password: string; tenant: string } {
  const users = JSON.parse(readFileSync(USERS_FILE, "utf8"));
  return users[user];
}

/** Signs in through the real sign-in form and waits for the overview. */
export async function signIn(page: Page, user: E2eUser) {
  const { email, password } = credentials(user);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Signing in hashes a password and renders the overview; allow for a loaded CI machine.
  await expect(page).toHaveURL(/\/overview/, { timeout: 20_000 });
}

/**
 * Signs in through next-auth's credentials endpoint, without a page: for API-level specs.
 * Works on `page.request` (shares the page's cookies) or a fresh `request.newContext()`.
 */
export async function signInApi(request: APIRequestContext, user: E2eUser | { email: string; password: string }) {
  const { email, password } = typeof user === "string" ? credentials(user) : user;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok(), `sign-in of ${email}`).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { uid?: string };
  expect(session.uid, `session of ${email}`).toBeTruthy();
}

/** Ids of real rows in the e2e database, for routes that take one (read straight from Postgres). */
export async function sampleIds(tenantSlug: string): Promise<{ eventId: string; agentId: string }> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ event_id: string; agent_id: string }>(
      `SELECT e.event_id, e.agent_id FROM events e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = $1 AND e.agent_id IS NOT NULL ORDER BY e.seq LIMIT 1`,
      [tenantSlug],
    );
    const row = rows[0];
    if (!row) throw new Error(`tenant ${tenantSlug} has no events with an agent`);
    return { eventId: row.event_id, agentId: row.agent_id };
  } finally {
    await client.end();
  }
}

/** A minimal valid event of the collector contract (events-v1), unique per call. */
export function sampleEvent(label: string) {
  return {
    id: `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    type: "mcp.tool.called",
    time: new Date().toISOString(),
    actor: { type: "agent", id: "e2e-bot", name: "E2E Bot" },
    target: { type: "tool", id: "e2e.tool" },
  };
}
