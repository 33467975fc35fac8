import { describe, expect, it } from "vitest";
import { event, postEvents, refundExample, tenantWithKey } from "@/lib/testing/fixtures";
import { loadTraceView } from "@/lib/traces/view";
import { buildWaterfall } from "@/lib/traces/waterfall";
import { traceEvents } from "./trace";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("traceEvents", () => {
  it("returns the request's events in time order, and never another tenant's with the same id", async () => {
    const { tenant, key } = await tenantWithKey("trace");
    const rival = await tenantWithKey("rival");
    await postEvents(key, [...refundExample()].reverse());
    const ingested = await postEvents(rival.key, [
      event({ correlationId: "req-123", time: "2026-11-20T10:00:00.005Z", actor: { type: "agent", id: "rival-bot" } }),
      event({ trace: { traceId: TRACE, spanId: "1111111111111111" }, time: "2026-11-20T10:00:00.006Z" }),
    ]);
    expect(ingested.body.accepted).toBe(2);

    const { events, capped } = await traceEvents(tenant.id, "req-123");
    expect(capped).toBe(false);
    expect(events.map((e) => e.type)).toEqual([
      "mcp.tool.called",
      "policy.evaluated",
      "approval.requested",
      "approval.granted",
      "downstream.called",
    ]);
    expect(events.map((e) => e.actorId)).not.toContain("rival-bot");
    const [call, policy] = events;
    expect(call).toMatchObject({
      correlationId: "req-123",
      traceId: TRACE,
      spanId: "00f067aa0ba902b7",
      parentSpanId: null,
      sessionKey: "u-42:s-9",
      agentId: "billing-bot",
      onBehalfOfId: "u-42",
      targetId: "stripe.refund",
    });
    expect(call?.time).toBeInstanceOf(Date);
    expect(call?.data.attributes).toEqual({ amount: 12000, currency: "USD" });
    expect(policy).toMatchObject({ parentSpanId: "00f067aa0ba902b7", policyDecision: "require_approval" });

    // The rival sees only its own event under the same correlation id.
    const theirs = await traceEvents(rival.tenant.id, "req-123");
    expect(theirs.events.map((e) => e.actorId)).toEqual(["rival-bot"]);
    expect((await traceEvents(tenant.id, "req-unknown")).events).toEqual([]);
  });

  it("finds a trace by its W3C trace id, with the correlated events that carry no trace context", async () => {
    const { tenant, key } = await tenantWithKey("trace");
    await postEvents(key, refundExample());
    const { events } = await traceEvents(tenant.id, TRACE);
    expect(events.map((e) => e.type)).toEqual([
      "mcp.tool.called",
      "policy.evaluated",
      "approval.requested",
      "approval.granted",
      "downstream.called",
    ]);
  });

  it("adds events that share a trace id but carry no correlation id, and nests them by span", async () => {
    const { tenant, key } = await tenantWithKey("trace");
    const trace = "0af7651916cd43dd8448eb211c80319c";
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 20, 9) + ms).toISOString();
    await postEvents(key, [
      event({ correlationId: "req-9", time: at(0), trace: { traceId: trace, spanId: "aaaaaaaaaaaaaaaa" } }),
      event({
        type: "policy.evaluated",
        correlationId: "req-9",
        time: at(5),
        actor: { type: "service", id: "policy-engine" },
        trace: { traceId: trace, spanId: "bbbbbbbbbbbbbbbb", parentSpanId: "aaaaaaaaaaaaaaaa" },
        policy: { id: "p", decision: "allow" },
      }),
      // The downstream call logged only the W3C header, as a child of the policy span.
      event({
        type: "downstream.called",
        time: at(20),
        traceparent: `00-${trace}-cccccccccccccccc-01`,
        target: { type: "api", id: "GET https://api.example.com/x" },
      }),
      event({
        type: "downstream.called",
        time: at(30),
        trace: { traceId: trace, spanId: "dddddddddddddddd", parentSpanId: "bbbbbbbbbbbbbbbb" },
        target: { type: "api", id: "GET https://api.example.com/y" },
      }),
      // Unrelated: another trace, no correlation.
      event({ time: at(10), trace: { traceId: "1".repeat(32), spanId: "eeeeeeeeeeeeeeee" } }),
    ]);
    const { events } = await traceEvents(tenant.id, "req-9");
    const label = (e: { type: string; targetId: string | null }) =>
      e.type === "downstream.called" ? e.targetId : e.type;
    expect(events.map(label)).toEqual([
      "mcp.tool.called",
      "policy.evaluated",
      "GET https://api.example.com/x",
      "GET https://api.example.com/y",
    ]);
    const rows = buildWaterfall(events).rows;
    expect(rows.map((r) => [label(r.event), r.depth])).toEqual([
      ["mcp.tool.called", 0],
      ["policy.evaluated", 1],
      ["GET https://api.example.com/y", 2],
      ["GET https://api.example.com/x", 0],
    ]);
  });

  it("builds the page's view: findings, facts and story (a refund whose API call ran before its approval)", async () => {
    const { tenant, key } = await tenantWithKey("trace");
    const [call, policy, request, granted, downstream] = refundExample();
    const early = { ...(downstream as { id: string }), time: "2026-11-20T10:00:01.000Z" };
    await postEvents(key, [call, policy, request, granted, early]);
    const view = await loadTraceView(tenant.id, "req-123");
    expect(view).not.toBeNull();
    if (!view) return;
    expect(view.flagCount).toBe(1);
    expect(view.flags.get(early.id)?.map((f) => f.kind)).toEqual(["action_before_approval"]);
    expect(view.correlationIds).toEqual(["req-123"]);
    expect(view.traceIds).toEqual([TRACE]);
    expect(view.sessionKeys).toEqual(["u-42:s-9"]);
    expect(view.actors.map((a) => [a.type, a.id, a.name ?? null])).toEqual([
      ["agent", "billing-bot", "Billing Copilot"],
      ["service", "policy-engine", null],
      ["user", "u-7", "Approver 7"],
      ["user", "u-42", "User 42"],
      ["agent", "planner", null],
    ]);
    expect(view.story).toContain("; the downstream call POST https://api.stripe.com/v1/refunds succeeded; Approver 7");
    expect(view.waterfall.gaps.map((g) => g.label)).toEqual(["waited 3m 9s for approval"]);
    expect(await loadTraceView(tenant.id, "req-unknown")).toBeNull();
  });

  it("caps a huge trace and says so", async () => {
    const { tenant, key } = await tenantWithKey("trace");
    const many = Array.from({ length: 12 }, (_, i) =>
      event({ correlationId: "req-big", time: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString() }),
    );
    await postEvents(key, many);
    const { events, capped } = await traceEvents(tenant.id, "req-big", 10);
    expect(capped).toBe(true);
    expect(events).toHaveLength(10);
    expect(events[0]?.time.toISOString()).toBe("2026-11-20T00:00:00.000Z");
  });
});
