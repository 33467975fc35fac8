import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { parseRuleSet } from "./rules/document";
import { applyRuleSet } from "./rules/store";
import { startAlertWorker } from "./worker";

// The worker loop raises an alert for freshly committed events on its own, within a few
// ticks, and stops cleanly.

describe("alert worker", () => {
  it("evaluates tenants with rules on its own and stops cleanly", async () => {
    const { tenant, key } = await tenantWithKey("worker");
    const parsed = parseRuleSet(`version: 1
rules:
  - id: two-logins
    name: Two failed logins
    severity: low
    kind: threshold
    match: { types: [auth.login], outcomes: [failure] }
    groupBy: user
    count: 2
    window: 10m
`);
    if (!parsed.ok) throw new Error("bad rules");
    await applyRuleSet(tenant.id, parsed.ruleSet, { actor: "user:test", source: "ui" });
    // Only this test's tenant: other test files evaluate theirs with fixed clocks.
    const worker = startAlertWorker({ intervalMs: 100, onlyTenants: [tenant.id] });
    try {
      const now = Date.now();
      const login = (offset: number) =>
        event({
          type: "auth.login",
          time: new Date(now - offset).toISOString(),
          outcome: "failure",
          reason: "bad password",
          actor: { type: "user", id: "u-1" },
        });
      expect((await postEvents(key, [login(2_000), login(1_000)])).status).toBe(200);
      let found = 0;
      for (let i = 0; i < 100 && found === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { rows } = await pool().query("SELECT 1 FROM alerts WHERE tenant_id = $1", [tenant.id]);
        found = rows.length;
      }
      expect(found).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
