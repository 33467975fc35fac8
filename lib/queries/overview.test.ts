import { describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/ingest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { overviewAggregates } from "./overview";

// A small hand-made day of events in a fresh tenant, and the numbers the overview must show.
const day = { from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") };
const bot = { type: "agent", id: "bot", name: "Bot" };
const helper = { type: "agent", id: "helper" };
const pdp = { type: "service", id: "pdp" };
const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;

function handMadeDay() {
  // The fixture's default target is a tool; only tool calls keep it.
  return [
    event({ actor: bot, time: at("09:05"), target: { type: "tool", id: "stripe.refund" } }),
    event({ actor: bot, time: at("09:10"), target: { type: "tool", id: "stripe.refund" } }),
    event({
      actor: bot,
      time: at("09:20"),
      target: { type: "tool", id: "crm.export" },
      outcome: "denied",
      reason: "policy",
    }),
    event({ actor: helper, time: at("10:00"), target: { type: "tool", id: "crm.export" } }),
    event({ type: "policy.evaluated", actor: pdp, time: at("09:19"), policy: { id: "p", decision: "allow" } }),
    // A deny decision whose event outcome is success still counts once as a denial.
    event({ type: "policy.evaluated", actor: pdp, time: at("09:20"), policy: { id: "p", decision: "deny" } }),
    event({
      type: "policy.evaluated",
      actor: pdp,
      time: at("11:00"),
      policy: { id: "p", decision: "require_approval" },
    }),
    event({
      type: "token.rejected",
      actor: bot,
      time: at("11:30"),
      token: { id: "jti-1" },
      outcome: "denied",
      reason: "expired",
    }),
    // Approvals: ap-1 granted (not pending), ap-2 open (pending), ap-3 expired (not pending).
    event({ type: "approval.requested", actor: bot, time: at("11:00"), approval: { id: "ap-1" }, outcome: "pending" }),
    event({
      type: "approval.granted",
      actor: { type: "user", id: "u-1" },
      time: at("11:05"),
      approval: { id: "ap-1" },
    }),
    event({ type: "approval.requested", actor: bot, time: at("12:00"), approval: { id: "ap-2" }, outcome: "pending" }),
    event({ type: "approval.requested", actor: bot, time: at("13:00"), approval: { id: "ap-3" }, outcome: "pending" }),
    event({ type: "approval.expired", actor: pdp, time: at("14:00"), approval: { id: "ap-3" } }),
    // Outside the range: never counted.
    event({ actor: bot, time: "2026-11-19T23:59:59Z", outcome: "denied", reason: "x" }),
    event({ actor: bot, time: "2026-11-21T00:00:00Z" }),
  ].map(({ target, ...rest }) => (rest.type === "mcp.tool.called" ? { ...rest, target } : rest));
}

describe("overviewAggregates", () => {
  it("counts events, denials, pending approvals, token rejections and active agents in the range", async () => {
    const { tenant, key } = await tenantWithKey();
    const posted = await postEvents(key, handMadeDay());
    expect(posted.body.rejected).toEqual([]);
    // A suspended agent with events in range is not active.
    await postEvents(key, [
      event({ type: "agent.suspended", actor: { type: "user", id: "admin" }, target: { type: "agent", id: "helper" } }),
    ]);

    const overview = await overviewAggregates(tenant.id, day);
    expect(overview.totals).toEqual({
      // 13 in range, plus the agent.suspended event (its time is the fixture default, in range).
      events: 14,
      activeAgents: 2,
      denials: 3,
      pendingApprovals: 1,
      tokenRejections: 1,
    });
    expect(overview.bucket).toBe("hour");
    expect(overview.series).toHaveLength(24);
    const nine = overview.series.find((b) => b.t === Date.parse(at("09:00")));
    expect(nine).toMatchObject({ success: 4, denied: 1, allow: 1, deny: 1, require_approval: 0 });
    expect(overview.series.reduce((n, b) => n + b.require_approval, 0)).toBe(1);

    expect(overview.topAgents.map((a) => [a.agentId, a.events, a.status])).toEqual([
      ["bot", 7, "active"],
      ["pdp", 4, "active"],
      ["helper", 1, "suspended"],
    ]);
    expect(overview.topTools).toEqual([
      { tool: "crm.export", calls: 2, denied: 1 },
      { tool: "stripe.refund", calls: 2, denied: 0 },
    ]);
  });

  it("returns zeros and a full, empty series for a range without events", async () => {
    const { tenant } = await tenantWithKey();
    const overview = await overviewAggregates(tenant.id, {
      from: new Date("2026-11-20T10:00:00Z"),
      to: new Date("2026-11-20T11:00:00Z"),
    });
    expect(overview.totals).toEqual({
      events: 0,
      activeAgents: 0,
      denials: 0,
      pendingApprovals: 0,
      tokenRejections: 0,
    });
    expect(overview.bucket).toBe("minute");
    expect(overview.series).toHaveLength(60);
    expect(overview.topAgents).toEqual([]);
  });

  it("leaves the dashboard's own audit trail (x-attest.*) out of every figure", async () => {
    const { tenant, key } = await tenantWithKey();
    await postEvents(key, [event({ actor: bot, time: at("09:05") })]);
    const signIn = event({
      type: "x-attest.auth.signed_in",
      actor: { type: "user", id: "ops@example.com" },
      time: at("09:06"),
    });
    const stored = await ingestEvents(tenant.id, [signIn], { allowReservedTypes: true });
    expect(stored.accepted).toBe(1);
    const overview = await overviewAggregates(tenant.id, day);
    expect(overview.totals.events).toBe(1);
    expect(overview.series.reduce((n, b) => n + b.success, 0)).toBe(1);
    // A partial hour is counted from events, not the hourly counts: the same rule holds there.
    const partial = await overviewAggregates(tenant.id, { from: new Date(at("09:00")), to: new Date(at("09:30")) });
    expect(partial.totals.events).toBe(1);
  });

  it("never counts another tenant's events", async () => {
    const mine = await tenantWithKey();
    const theirs = await tenantWithKey();
    await postEvents(theirs.key, handMadeDay());
    const overview = await overviewAggregates(mine.tenant.id, day);
    expect(overview.totals.events).toBe(0);
  });
});
