import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { evaluateUntilCaughtUp } from "./engine/evaluate";
import { ensureDemoRules } from "./rules/demo-rules";

// Out of the box: the demo's rule set (lib/alerts/rules/example-rules.yaml) raises alerts for
// the demo's scripted stories, and for nothing else in its ordinary traffic.

describe("demo rules on demo data", () => {
  it("raise the scripted alerts and nothing else", async () => {
    const now = "2026-11-28T12:00:00.000Z";
    const seeded = await seedDemo({
      seed: 42,
      events: 3_000,
      tenantSlug: `alerts-${randomBytes(4).toString("hex")}`,
      now,
    });
    const tenantId = seeded.tenant.id;
    expect(await ensureDemoRules(tenantId)).toBe(1);
    expect(await ensureDemoRules(tenantId)).toBe(0);
    await evaluateUntilCaughtUp(tenantId, { now: new Date(now) });
    const { rows } = await pool().query<{ rule_id: string; group_key: string }>(
      "SELECT rule_id, group_key FROM alerts WHERE tenant_id = $1 ORDER BY rule_id, group_key",
      [tenantId],
    );
    const fired = rows.map((r) => `${r.rule_id} ${r.group_key.replace(/correlation:.*/, "correlation")}`);
    // Every alert is a scripted story: the refund paid before approval, the call after the
    // revoked consent, the two cross-tenant tokens and the denial burst. Nothing else fires.
    expect(fired).toEqual([
      "approval-skipped correlation",
      expect.stringMatching(/^consent-revoked-use user:/),
      "cross-tenant-token agent:support-assistant",
      "cross-tenant-token agent:support-assistant",
      "denial-burst agent:sales-researcher",
    ]);
  });
});
