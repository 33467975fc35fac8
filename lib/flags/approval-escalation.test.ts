import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { approvalRecords } from "./approval";
import { FLAG_EVENT_COLUMNS, type FlagRow, flagsForEvents, toFlagEvent } from "./load";
import type { FlagKind } from "./types";

// The approval and escalation rules, run the way pages run them: events go through the real
// collector into Postgres, are read back, and `flagsForEvents` loads whatever else it needs.

async function ingest(events: Record<string, unknown>[]) {
  const { tenant, key } = await tenantWithKey("flags");
  const response = await postEvents(key, events);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return tenant.id;
}

async function stored(tenantId: string) {
  const { rows } = await pool().query<FlagRow>(
    `SELECT ${FLAG_EVENT_COLUMNS} FROM events e WHERE e.tenant_id = $1 ORDER BY e.seq`,
    [tenantId],
  );
  return rows.map(toFlagEvent);
}

/** Flag kinds per sender event id, for the events whose id is given. */
async function flagsOf(tenantId: string): Promise<Record<string, FlagKind[]>> {
  const events = await stored(tenantId);
  // Only the single event asked about, as the event page does: context is loaded, not given.
  const result: Record<string, FlagKind[]> = {};
  for (const one of events) {
    const flags = (await flagsForEvents(tenantId, [one])).get(one.eventId) ?? [];
    if (flags.length) result[one.eventId] = flags.map((f) => f.kind);
  }
  return result;
}

const at = (seconds: number) => new Date(Date.parse("2026-11-20T10:00:00Z") + seconds * 1000).toISOString();
const billing = { type: "agent", id: "billing-bot", name: "Billing Copilot" };

function request(correlationId: string, prefix: string, opts: { amount?: number | string; decision?: string }) {
  const amount = opts.amount ?? 12_000;
  return [
    event({
      id: `${prefix}-call`,
      time: at(0),
      actor: billing,
      correlationId,
      attributes: { amount },
      ...(opts.decision === "deny" ? { outcome: "denied", reason: "blocked" } : {}),
    }),
    event({
      id: `${prefix}-policy`,
      type: "policy.evaluated",
      time: at(0.01),
      actor: { type: "service", id: "policy-engine" },
      correlationId,
      target: { type: "tool", id: "stripe.refund" },
      policy: { id: "refund-limits", version: "7", decision: opts.decision ?? "require_approval" },
    }),
  ];
}

const approval = (correlationId: string, id: string, type: string, seconds: number) =>
  event({
    id: `${id}-${type}`,
    type,
    time: at(seconds),
    actor: type === "approval.requested" ? billing : { type: "user", id: "u-7", name: "Approver 7" },
    correlationId,
    ...(type === "approval.denied" || type === "approval.expired" ? { outcome: "denied", reason: "no" } : {}),
    approval: { id, ...(type === "approval.granted" ? { approver: { type: "user", id: "u-7" } } : {}) },
  });

const downstream = (correlationId: string, id: string, seconds: number, amount?: number) =>
  event({
    id,
    type: "downstream.called",
    time: at(seconds),
    actor: billing,
    correlationId,
    target: { type: "api", id: "POST https://api.stripe.com/v1/refunds" },
    ...(amount ? { attributes: { amount } } : {}),
  });

describe("action before approval", () => {
  it("flags calls that ran before the grant, while pending, after a denial or an expiry, or with no request", async () => {
    const tenantId = await ingest([
      ...request("c-early", "early", {}),
      approval("c-early", "ap-early", "approval.requested", 1),
      downstream("c-early", "early-down", 5),
      approval("c-early", "ap-early", "approval.granted", 190),
      ...request("c-pending", "pending", {}),
      approval("c-pending", "ap-pending", "approval.requested", 1),
      downstream("c-pending", "pending-down", 3),
      ...request("c-denied", "denied", {}),
      approval("c-denied", "ap-denied", "approval.requested", 1),
      approval("c-denied", "ap-denied", "approval.denied", 60),
      downstream("c-denied", "denied-down", 61),
      ...request("c-expired", "expired", {}),
      approval("c-expired", "ap-expired", "approval.requested", 1),
      approval("c-expired", "ap-expired", "approval.expired", 1800),
      downstream("c-expired", "expired-down", 1801),
      ...request("c-skipped", "skipped", { amount: 500 }),
      downstream("c-skipped", "skipped-down", 2),
    ]);
    const flags = await flagsOf(tenantId);
    expect(flags).toEqual({
      "early-down": ["action_before_approval"],
      "pending-down": ["action_before_approval"],
      "denied-down": ["action_before_approval"],
      "expired-down": ["action_before_approval"],
      "skipped-down": ["action_before_approval"],
    });
    const detail = (
      await flagsForEvents(
        tenantId,
        (await stored(tenantId)).filter((e) => e.eventId === "early-down"),
      )
    ).get("early-down")?.[0]?.detail;
    expect(detail).toBe("The downstream call ran 3m 5s before approval ap-early was granted.");
  });

  it("does not flag calls after the grant, at the same instant, or without any approval needed", async () => {
    const tenantId = await ingest([
      ...refundExample(),
      ...request("c-same", "same", {}),
      approval("c-same", "ap-same", "approval.requested", 1),
      approval("c-same", "ap-same", "approval.granted", 30),
      downstream("c-same", "same-down", 30),
      ...request("c-allow", "allow", { amount: 200, decision: "allow" }),
      downstream("c-allow", "allow-down", 1),
      ...request("c-deny", "deny", { decision: "deny" }),
    ]);
    expect(await flagsOf(tenantId)).toEqual({});
  });

  it("records approver, wait and status for the approvals view", async () => {
    const tenantId = await ingest([
      ...refundExample("rec"),
      ...request("c-pending", "pending", {}),
      approval("c-pending", "ap-pending", "approval.requested", 1),
      downstream("c-pending", "pending-down", 3),
    ]);
    const records = approvalRecords(await stored(tenantId)).sort((a, b) => a.approvalId.localeCompare(b.approvalId));
    expect(records).toMatchObject([
      {
        approvalId: "ap-1",
        correlationId: "req-123",
        status: "granted",
        approver: { type: "user", id: "u-7" },
        waitMs: 189_980,
        amount: 12_000,
        requesterId: "billing-bot",
        downstreamBeforeApproval: [],
      },
      { approvalId: "ap-pending", status: "pending", downstreamBeforeApproval: ["pending-down"] },
    ]);
  });
});

describe("high-value action without approval", () => {
  it("flags an action above the threshold that ran with no approval asked for", async () => {
    const tenantId = await ingest([
      ...request("c-high", "high", { decision: "allow" }),
      downstream("c-high", "high-down", 1),
      ...request("c-text", "text", { amount: "15000", decision: "allow" }),
      downstream("c-text", "text-down", 1),
      // No downstream reported: the successful tool call itself is the action.
      event({ id: "solo-call", time: at(0), actor: billing, correlationId: "c-solo", attributes: { amount: 50_000 } }),
    ]);
    expect(await flagsOf(tenantId)).toEqual({
      "high-down": ["high_value_without_approval"],
      "text-down": ["high_value_without_approval"],
      "solo-call": ["high_value_without_approval"],
    });
  });

  it("does not flag exactly the threshold, an approved one, a refused one, or another tenant's approval", async () => {
    const tenantId = await ingest([
      ...request("c-edge", "edge", { amount: 10_000, decision: "allow" }),
      downstream("c-edge", "edge-down", 1),
      ...refundExample("ok"),
      ...request("c-refused", "refused", { decision: "deny" }),
      // A sender that logs the call as a success before the policy denies it.
      event({ id: "early-log", actor: billing, correlationId: "c-refused", attributes: { amount: 30_000 } }),
      event({
        id: "pending-call",
        actor: billing,
        correlationId: "c-p",
        outcome: "pending",
        attributes: { amount: 20_000 },
      }),
    ]);
    expect(await flagsOf(tenantId)).toEqual({});

    // Another tenant granting an approval under the same correlation id changes nothing here.
    const victim = await ingest([
      ...request("c-shared", "v", { decision: "allow" }),
      downstream("c-shared", "v-down", 5),
    ]);
    const other = await ingest([
      approval("c-shared", "ap-x", "approval.requested", 1),
      approval("c-shared", "ap-x", "approval.granted", 2),
    ]);
    expect(other).not.toBe(victim);
    expect(await flagsOf(victim)).toEqual({ "v-down": ["high_value_without_approval"] });
  });
});

describe("delegation escalation", () => {
  const hop = (id: string, scopes?: string[]) => ({
    type: id.startsWith("u-") ? "user" : "agent",
    id,
    ...(scopes ? { scopes } : {}),
  });
  const delegated = (id: string, delegation: ReturnType<typeof hop>[]) =>
    event({ id, actor: { type: "agent", id: delegation.at(-1)?.id }, delegation });

  it("flags a hop holding a scope its delegator did not hold", async () => {
    const tenantId = await ingest([
      delegated("widened", [hop("u-1", ["a", "b"]), hop("planner", ["a"]), hop("billing", ["a", "c"])]),
      delegated("skips-unknown", [hop("u-1", ["a"]), hop("planner"), hop("billing", ["a", "b"])]),
    ]);
    expect(await flagsOf(tenantId)).toEqual({
      widened: ["delegation_escalation"],
      "skips-unknown": ["delegation_escalation"],
    });
    const [widened] = (await stored(tenantId)).filter((e) => e.eventId === "widened");
    const flag = (await flagsForEvents(tenantId, widened ? [widened] : [])).get("widened")?.[0];
    expect(flag?.detail).toBe("billing holds c, which its delegator planner did not hold (hop 2 of 2).");
  });

  it("does not flag narrowing or equal chains, unknown scopes, or an act claim", async () => {
    const tenantId = await ingest([
      delegated("narrows", [hop("u-1", ["a", "b", "c"]), hop("planner", ["a", "b"]), hop("billing", ["a"])]),
      delegated("equal", [hop("u-1", ["a"]), hop("planner", ["a"]), hop("billing", ["a"])]),
      delegated("unknown", [hop("u-1"), hop("planner", ["a", "z"]), hop("billing", ["a"])]),
      event({
        id: "act",
        actor: { type: "agent", id: "billing" },
        onBehalfOf: { type: "user", id: "u-1" },
        act: { sub: "billing", act: { sub: "planner" } },
      }),
    ]);
    expect(await flagsOf(tenantId)).toEqual({});
  });
});
