import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { policyDecisions } from "./policy-decisions";

const range = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };

function evaluated(
  id: string,
  version: string | undefined,
  decision: string,
  reason?: string,
  time = "2026-11-20T10:00:00Z",
) {
  return event({
    type: "policy.evaluated",
    time,
    actor: { type: "service", id: "policy-engine" },
    policy: { id, ...(version ? { version } : {}), decision, ...(reason ? { reason } : {}) },
    ...(decision === "deny" ? { outcome: "denied", reason: reason ?? "denied" } : {}),
  });
}

describe("policyDecisions", () => {
  it("counts decisions per policy and version, newest version first, with top reasons", async () => {
    const { tenant, key } = await tenantWithKey();
    const posted = await postEvents(key, [
      evaluated("refund-limits", "6", "allow", "amount <= 10000", "2026-11-20T08:00:00Z"),
      evaluated("refund-limits", "6", "deny", "amount > 5000", "2026-11-20T08:30:00Z"),
      evaluated("refund-limits", "7", "allow", "amount <= 10000"),
      evaluated("refund-limits", "7", "allow", "amount <= 10000"),
      evaluated("refund-limits", "7", "allow", "small refund"),
      evaluated("refund-limits", "7", "require_approval", "amount > 10000", "2026-11-20T11:00:00Z"),
      evaluated("refund-limits", "7", "require_approval", "amount > 10000"),
      evaluated("refund-limits", "10", "deny", "frozen"),
      evaluated("pii-guard", "12", "deny", "PII in prompt"),
      evaluated("pii-guard", undefined, "allow"),
      // Outside the range and not a policy evaluation: neither is counted.
      evaluated("refund-limits", "7", "deny", "too late", "2026-11-21T00:00:00Z"),
      event({ type: "mcp.tool.called", time: "2026-11-20T10:00:00Z" }),
    ]);
    expect(posted.status).toBe(200);

    const { policies, capped } = await policyDecisions(tenant.id, range);
    expect(capped).toBe(false);
    expect(policies.map((p) => p.policyId)).toEqual(["refund-limits", "pii-guard"]);

    const refund = policies[0];
    expect(refund?.counts).toEqual({ allow: 4, deny: 2, require_approval: 2 });
    expect(refund?.total).toBe(8);
    expect(refund?.lastEvaluated.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(refund?.versions.map((v) => v.version)).toEqual(["10", "7", "6"]);

    const v7 = refund?.versions[1];
    expect(v7?.counts).toEqual({ allow: 3, deny: 0, require_approval: 2 });
    expect(v7?.reasons.allow).toEqual([
      { reason: "amount <= 10000", count: 2 },
      { reason: "small refund", count: 1 },
    ]);
    expect(v7?.reasons.require_approval).toEqual([{ reason: "amount > 10000", count: 2 }]);
    expect(v7?.firstEvaluated.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(v7?.lastEvaluated.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(refund?.versions[2]?.reasons.deny).toEqual([{ reason: "amount > 5000", count: 1 }]);

    const pii = policies[1];
    expect(pii?.counts).toEqual({ allow: 1, deny: 1, require_approval: 0 });
    expect(pii?.versions.find((v) => v.version === null)?.reasons.allow).toEqual([]);
  });

  it("keeps at most three reasons per decision", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(
      key,
      ["a", "b", "b", "c", "c", "c", "d", "d", "d", "d"].map((reason) => evaluated("eng-access", "9", "deny", reason)),
    );
    const { policies } = await policyDecisions(tenant.id, range);
    expect(policies[0]?.versions[0]?.reasons.deny).toEqual([
      { reason: "d", count: 4 },
      { reason: "c", count: 3 },
      { reason: "b", count: 2 },
    ]);
  });

  it("sees only its own tenant", async () => {
    const mine = await tenantWithKey();
    const other = await tenantWithKey();
    await postEvents(other.key, [evaluated("refund-limits", "7", "allow", "ok")]);
    expect((await policyDecisions(mine.tenant.id, range)).policies).toEqual([]);
    expect((await policyDecisions(other.tenant.id, range)).policies).toHaveLength(1);
  });
});
