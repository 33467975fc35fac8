import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// Creates the people the e2e specs sign in as, in the seeded database the web server uses:
// one user per role in the demo tenant, and an admin of a second tenant ("rival") that has
// events and an agent of its own, for the tenant-isolation specs. Passwords are generated
// per run and handed to the specs through a git-ignored file.
// One file per run (E2E_PORT is chosen per run in playwright.config.ts), so two suites running
// at once never read each other's users.
export const E2E_USERS_FILE = path.join(import.meta.dirname, `../.data/e2e-users-${process.env.E2E_PORT}.json`);

export default async function globalSetup() {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  const { generatePassword } = await import("../lib/auth/passwords");
  const { createUser, setMembership } = await import("../lib/users");
  const { createTenant, findTenantBySlug } = await import("../lib/tenants");
  const { ingestEvents } = await import("../lib/ingest");
  const { disconnectDb } = await import("../lib/db");

  const demo = await findTenantBySlug("demo");
  if (!demo) throw new Error("The e2e database has no demo tenant; seed it first (npm test does).");
  const rival = (await findTenantBySlug("rival")) ?? (await createTenant("rival", "Rival Corp"));
  await ingestEvents(rival.id, [
    {
      id: "rival-1",
      type: "mcp.tool.called",
      time: new Date().toISOString(),
      actor: { type: "agent", id: "rival-bot", name: "Rival Bot" },
      onBehalfOf: { type: "user", id: "rival-user", name: "Rival User" },
      session: { id: "rival-sess" },
      target: { type: "tool", id: "rival.secret_tool" },
      correlationId: "rival-req-1",
      trace: { traceId: "5a1ee7c0de5a1ee7c0de5a1ee7c0de00", spanId: "5a1ee7c0de5a1ee7" },
    },
  ]);

  const run = Date.now().toString(36);
  const users: Record<string, { email: string; password: string; tenant: string }> = {};
  // "lockout" exists only to be locked out by the rate-limit spec, so no other spec is affected.
  const people = [
    ["admin", demo, "admin"],
    ["analyst", demo, "analyst"],
    ["auditor", demo, "auditor"],
    ["viewer", demo, "viewer"],
    ["lockout", demo, "viewer"],
    ["rival", rival, "admin"],
    ["consultant", demo, "viewer"],
  ] as const;
  for (const [name, tenant, role] of people) {
    const email = `${name}-${run}@e2e.attest.test`;
    const password = generatePassword();
    const user = await createUser({ email, name: `E2E ${name}`, password });
    await setMembership(tenant.id, user.id, role);
    // "consultant" is a viewer in the demo tenant and an analyst in rival: the tenant switcher's user.
    if (name === "consultant") await setMembership(rival.id, user.id, "analyst");
    users[name] = { email, password, tenant: tenant.slug };
  }
  mkdirSync(path.dirname(E2E_USERS_FILE), { recursive: true });
  writeFileSync(E2E_USERS_FILE, JSON.stringify(users, null, 2));
  await disconnectDb();
}
