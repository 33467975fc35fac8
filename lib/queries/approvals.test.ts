import { describe, expect, it } from "vitest";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { approvalsOverview, percentile } from "./approvals";

const range = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };
const at = (seconds: number) => new Date(Date.parse("2026-11-20T10:00:00Z") + seconds * 1000).toISOString();
const billing = { type: "agent", id: "billing-bot", name: "Billing Copilot" };
const customer = { type: "user", id: "u-42", name: "User 42" };
const approver = { type: "user", id: "u-7", name: "Approver 7" };

async function ingest(events: Record<string, unknown>[]) {
  const { tenant, key } = await tenantWithKey("approvals");
  const response = await postEvents(key, events);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return tenant.id;
}

/** A refund request: tool call, policy decision, then whatever the case adds. */
function refund(correlationId: string, amount: unknown, decision: "allow" | "require_approval", start = 0) {
  return [
    event({
      time: at(start),
      actor: billing,
      onBehalfOf: customer,
      correlationId,
      attributes: { amount },
      // As MCP servers log it: the call waits while its approval is pending.
      ...(decision === "require_approval" ? { outcome: "pending" } : {}),
    }),
    event({
      type: "policy.evaluated",
      time: at(start + 0.01),
      actor: { type: "service", id: "policy-engine" },
      correlationId,
      target: { type: "tool", id: "stripe.refund" },
      policy: { id: "refund-limits", version: "7", decision },
    }),
  ];
}
const requested = (correlationId: string, id: string, seconds: number) =>
  event({
    type: "approval.requested",
    time: at(seconds),
    actor: billing,
    onBehalfOf: customer,
    correlationId,
    approval: { id },
  });
const decided = (correlationId: string, id: string, type: string, seconds: number, reason?: string) =>
  event({
    type,
    time: at(seconds),
    actor: type === "approval.expired" ? { type: "service", id: "approval-service" } : approver,
    correlationId,
    approval: { id, ...(type === "approval.expired" ? {} : { approver }) },
    ...(reason ? { outcome: "denied", reason } : {}),
  });
const downstream = (correlationId: string | undefined, seconds: number, amount?: unknown) =>
  event({
    type: "downstream.called",
    time: at(seconds),
    actor: billing,
    ...(correlationId ? { correlationId } : {}),
    target: { type: "api", id: "POST https://api.stripe.com/v1/refunds" },
    ...(amount !== undefined ? { attributes: { amount } } : {}),
  });

describe("approvalsOverview", () => {
  it("reads the contract's refund: granted by the approver after 3m 10s, downstream after approval, no flag", async () => {
    const tenantId = await ingest(refundExample());
    const { approvals, kpis, unapproved, capped } = await approvalsOverview(tenantId, range);
    expect(capped).toBe(false);
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      approvalId: "ap-1",
      correlationId: "req-123",
      status: "granted",
      waitMs: 189_980,
      amount: 12_000,
      action: "stripe.refund",
      requesterId: "billing-bot",
      onBehalfOfId: "u-42",
      downstreamBeforeApproval: [],
      flags: [],
    });
    expect(approvals[0]?.approver?.id).toBe("u-7");
    expect(kpis).toMatchObject({ requested: 1, granted: 1, denied: 0, expired: 0, pending: 0, medianWaitMs: 189_980 });
    expect(unapproved).toEqual([]);
  });

  it("flags a downstream call that ran before its approval was granted", async () => {
    const tenantId = await ingest([
      ...refund("early", 15_000, "require_approval"),
      requested("early", "ap-early", 1),
      downstream("early", 30),
      decided("early", "ap-early", "approval.granted", 61),
    ]);
    const { approvals, unapproved } = await approvalsOverview(tenantId, range);
    expect(approvals[0]).toMatchObject({ status: "granted", waitMs: 60_000 });
    expect(approvals[0]?.downstreamBeforeApproval).toHaveLength(1);
    expect(approvals[0]?.flags.map((f) => [f.kind, f.detail])).toEqual([
      ["action_before_approval", "The downstream call ran 31s before approval ap-early was granted."],
    ]);
    // Shown on the approval's row, not again as an action without approval.
    expect(unapproved).toEqual([]);
  });

  it("counts denied, expired and pending approvals, with the denial's reason and wait percentiles", async () => {
    const tenantId = await ingest([
      ...refund("d", 20_000, "require_approval"),
      requested("d", "ap-d", 1),
      decided("d", "ap-d", "approval.denied", 121, "needs a second quote"),
      ...refund("x", 30_000, "require_approval", 200),
      requested("x", "ap-x", 201),
      decided("x", "ap-x", "approval.expired", 2001, "no approver responded"),
      ...refund("p", 40_000, "require_approval", 300),
      requested("p", "ap-p", 301),
      ...refund("g", 11_000, "require_approval", 400),
      requested("g", "ap-g", 401),
      decided("g", "ap-g", "approval.granted", 461),
      downstream("g", 462),
    ]);
    const { approvals, kpis, unapproved } = await approvalsOverview(tenantId, range);
    expect(approvals.map((a) => [a.approvalId, a.status, a.decisionReason, a.flags.length])).toEqual([
      ["ap-g", "granted", null, 0],
      ["ap-p", "pending", null, 0],
      ["ap-x", "expired", "no approver responded", 0],
      ["ap-d", "denied", "needs a second quote", 0],
    ]);
    expect(unapproved).toEqual([]);
    expect(kpis).toEqual({
      requested: 4,
      granted: 1,
      denied: 1,
      expired: 1,
      pending: 1,
      medianWaitMs: 60_000,
      p95WaitMs: 120_000,
    });
  });

  it("flags high-value actions without approval, and not those with one or at exactly the threshold", async () => {
    const tenantId = await ingest([
      // Above the threshold, allowed by policy, never approved: flagged.
      ...refund("high", 12_000, "allow"),
      downstream("high", 1, 12_000),
      // Above the threshold with a granted approval before the action: not flagged.
      ...refund("approved", 50_000, "require_approval", 100),
      requested("approved", "ap-ok", 101),
      decided("approved", "ap-ok", "approval.granted", 160),
      downstream("approved", 161, 50_000),
      // Exactly the threshold is not high value.
      ...refund("edge", 10_000, "allow", 200),
      downstream("edge", 201, 10_000),
      // A numeric string counts; text that is no number is ignored without failing the query.
      ...refund("text", "15000", "allow", 300),
      downstream("text", 301),
      ...refund("junk", "lots", "allow", 400),
      downstream("junk", 401, "lots"),
      // No correlation id: it cannot have an approval.
      downstream(undefined, 500, 25_000),
    ]);
    const { unapproved, approvals } = await approvalsOverview(tenantId, range);
    expect(approvals.map((a) => a.approvalId)).toEqual(["ap-ok"]);
    expect(unapproved.map((u) => [u.correlationId, u.type, u.amount, u.flag.kind])).toEqual([
      [null, "downstream.called", 25_000, "high_value_without_approval"],
      ["text", "downstream.called", 15_000, "high_value_without_approval"],
      ["high", "downstream.called", 12_000, "high_value_without_approval"],
    ]);
    expect(unapproved[2]?.target).toBe("POST https://api.stripe.com/v1/refunds");
  });

  it("lists an action whose policy required approval that was never requested", async () => {
    const tenantId = await ingest([...refund("skipped", 5_000, "require_approval"), downstream("skipped", 2)]);
    const { unapproved } = await approvalsOverview(tenantId, range);
    expect(unapproved.map((u) => [u.correlationId, u.flag.kind])).toEqual([["skipped", "action_before_approval"]]);
  });

  it("caps the requests it loads and says so, and sees only its own tenant", async () => {
    const events = [0, 100, 200].flatMap((s, i) => [
      ...refund(`c-${i}`, 20_000, "require_approval", s),
      requested(`c-${i}`, `ap-${i}`, s + 1),
    ]);
    const tenantId = await ingest(events);
    const capped = await approvalsOverview(tenantId, range, { limit: 2 });
    expect(capped.capped).toBe(true);
    expect(capped.approvals.map((a) => a.approvalId)).toEqual(["ap-2", "ap-1"]);

    // Another tenant with the same correlation and approval ids: none of its events mix in.
    const other = await ingest([...events, decided("c-0", "ap-0", "approval.granted", 30), downstream("c-0", 5)]);
    const mine = await approvalsOverview(tenantId, range);
    expect(mine.approvals.map((a) => [a.approvalId, a.status, a.flags.length])).toEqual([
      ["ap-2", "pending", 0],
      ["ap-1", "pending", 0],
      ["ap-0", "pending", 0],
    ]);
    expect((await approvalsOverview(other, range)).approvals.find((a) => a.approvalId === "ap-0")?.status).toBe(
      "granted",
    );

    const empty = await approvalsOverview((await tenantWithKey("empty")).tenant.id, range);
    expect(empty).toMatchObject({ approvals: [], unapproved: [], capped: false });
    expect(empty.kpis).toMatchObject({ requested: 0, medianWaitMs: null, p95WaitMs: null });
  });

  it("computes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
