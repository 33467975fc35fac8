import { describe, expect, it } from "vitest";
import { refundExample } from "../testing/fixtures";
import { traceStory } from "./story";
import { asTraceEvents } from "./testing";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + seconds * 1000).toISOString();
const billing = { type: "agent", id: "billing-bot", name: "Billing Copilot" };
const user42 = { type: "user", id: "u-42", name: "User 42" };

describe("traceStory", () => {
  it("tells the contract's refund example in one sentence", () => {
    expect(traceStory(asTraceEvents(refundExample()))).toBe(
      "Billing Copilot, acting for User 42 (u-42:s-9) via planner, called stripe.refund ($12,000); " +
        "policy refund-limits v7 required approval; Approver 7 approved after 3m 10s; " +
        "the downstream call POST https://api.stripe.com/v1/refunds succeeded.",
    );
  });

  it("reads the same whatever order the events arrive in", () => {
    const events = asTraceEvents(refundExample());
    expect(traceStory([...events].reverse())).toBe(traceStory(events));
  });

  it("names the intermediaries by name, and a direct call without delegation or session", () => {
    const [call] = refundExample();
    const named = {
      ...call,
      delegation: [
        { type: "user", id: "u-42" },
        { type: "agent", id: "ops", name: "Ops Planner" },
        { type: "agent", id: "router", name: "Router" },
        billing,
      ],
    };
    expect(traceStory(asTraceEvents([named]))).toBe(
      "Billing Copilot, acting for User 42 (u-42:s-9) via Ops Planner and Router, called stripe.refund ($12,000).",
    );
    const direct = {
      id: "d1",
      type: "mcp.tool.called",
      time: at(0),
      actor: billing,
      target: { type: "tool", id: "crm.lookup" },
    };
    expect(traceStory(asTraceEvents([direct]))).toBe("Billing Copilot called crm.lookup.");
    const noSession = { ...direct, id: "d2", onBehalfOf: user42 };
    expect(traceStory(asTraceEvents([noSession]))).toBe("Billing Copilot, acting for User 42, called crm.lookup.");
  });

  it("says when the policy denied the call, with its reason", () => {
    const events = [
      {
        id: "p1",
        type: "mcp.tool.called",
        time: at(0),
        outcome: "denied",
        reason: "blocked",
        actor: { type: "agent", id: "sales" },
        onBehalfOf: user42,
        session: { id: "s-1" },
        target: { type: "tool", id: "crm.export_customers" },
      },
      {
        id: "p2",
        type: "policy.evaluated",
        time: at(0.01),
        outcome: "denied",
        reason: "blocked",
        actor: { type: "service", id: "policy-engine" },
        policy: { id: "pii-guard", version: "3", decision: "deny", reason: "bulk export of customer PII is blocked" },
      },
    ];
    expect(traceStory(asTraceEvents(events))).toBe(
      "sales, acting for User 42 (u-42:s-1), called crm.export_customers; policy pii-guard v3 denied it: bulk export of customer PII is blocked.",
    );
  });

  it("tells a denied and an expired approval", () => {
    const [call, policy, request] = refundExample();
    const denied = {
      id: "x4",
      type: "approval.denied",
      time: at(12 * 60 + 34),
      outcome: "denied",
      reason: "needs a second quote",
      actor: { type: "user", id: "u-7", name: "Approver 7" },
      approval: { id: "ap-1" },
    };
    expect(traceStory(asTraceEvents([call, policy, request, denied]))).toContain(
      "policy refund-limits v7 required approval; Approver 7 denied the approval after 12m 34s: needs a second quote.",
    );
    const expired = {
      id: "x5",
      type: "approval.expired",
      time: at(30 * 60),
      outcome: "failure",
      reason: "no answer",
      actor: { type: "service", id: "approval-service" },
      approval: { id: "ap-1" },
    };
    expect(traceStory(asTraceEvents([call, policy, request, expired]))).toMatch(
      /; the approval expired unanswered after 30m\.$/,
    );
  });

  it("tells a downstream failure", () => {
    const events = refundExample();
    const last = { ...(events[4] as object), outcome: "failure", reason: "upstream returned 502" };
    expect(traceStory(asTraceEvents([...events.slice(0, 4), last]))).toMatch(
      /; the downstream call POST https:\/\/api\.stripe\.com\/v1\/refunds failed: upstream returned 502\.$/,
    );
  });

  it("tells a token rejected for another tenant, without the routine token issuance", () => {
    const support = { type: "agent", id: "support-assistant", name: "Support Assistant" };
    const events = [
      {
        id: "t1",
        type: "token.issued",
        time: at(0),
        actor: support,
        onBehalfOf: user42,
        session: { id: "s-2" },
        token: { id: "jti-1" },
        source: { service: "auth-server" },
      },
      {
        id: "t2",
        type: "token.rejected",
        time: at(1),
        outcome: "denied",
        reason: "cross_tenant",
        actor: support,
        onBehalfOf: user42,
        session: { id: "s-2" },
        target: { type: "token", id: "jti-2" },
        token: { id: "jti-2", tenant: "globex" },
        source: { service: "mcp.crm.northwind.example" },
      },
    ];
    expect(traceStory(asTraceEvents(events))).toBe(
      "Support Assistant, acting for User 42 (u-42:s-2), presented a token that mcp.crm.northwind.example rejected: cross_tenant (the token was issued for tenant globex).",
    );
  });

  it("tells a consent flow", () => {
    const events = [
      {
        id: "c1",
        type: "consent.requested",
        time: at(0),
        outcome: "pending",
        actor: billing,
        onBehalfOf: user42,
        session: { id: "s-3" },
        scopes: ["payments:read"],
        consent: { id: "cs-1" },
      },
      {
        id: "c2",
        type: "consent.granted",
        time: at(45),
        actor: user42,
        session: { id: "s-3" },
        client: { id: "cl-7", name: "Billing Copilot app", kind: "ai_agent" },
        consent: { id: "cs-1", scopes: ["payments:read"] },
      },
      {
        id: "c3",
        type: "token.issued",
        time: at(46),
        actor: billing,
        onBehalfOf: user42,
        session: { id: "s-3" },
        token: { id: "jti-3", audience: "https://mcp.example.com" },
      },
    ];
    expect(traceStory(asTraceEvents(events))).toBe(
      "Billing Copilot, acting for User 42 (u-42:s-3), asked User 42 (u-42:s-3) for consent for payments:read; " +
        "User 42 granted consent to Billing Copilot app for payments:read; Billing Copilot got a token for https://mcp.example.com.",
    );
  });

  it("tells a login-only trace, and a failed one", () => {
    const login = {
      id: "l1",
      type: "auth.login",
      time: at(0),
      actor: user42,
      session: { id: "s-4" },
      source: { service: "okta" },
    };
    const mfa = { id: "l2", type: "auth.mfa", time: at(5), actor: user42, session: { id: "s-4" } };
    expect(traceStory(asTraceEvents([login, mfa]))).toBe("User 42 signed in through okta; User 42 completed MFA.");
    const failed = { ...login, id: "l3", outcome: "failure", reason: "wrong password" };
    expect(traceStory(asTraceEvents([failed]))).toBe("User 42 failed to sign in through okta: wrong password.");
  });

  it("falls back to a count of events it has no words for, and is empty for no events", () => {
    const custom = { id: "x1", type: "x-acme.audit", time: at(0), actor: { type: "service", id: "acme" } };
    expect(traceStory(asTraceEvents([custom, { ...custom, id: "x2" }]))).toBe("acme reported 2 events (x-acme.audit).");
    expect(traceStory([])).toBe("");
  });
});
