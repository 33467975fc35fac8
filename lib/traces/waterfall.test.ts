import { describe, expect, it } from "vitest";
import { refundExample } from "../testing/fixtures";
import { formatDuration } from "./duration";
import { systemOf, systemsLegend } from "./systems";
import { asTraceEvents } from "./testing";
import { buildWaterfall, spanParents, type WaterfallEvent } from "./waterfall";

let n = 0;
function ev(
  ms: number,
  spanId: string | null,
  parentSpanId: string | null = null,
  type = "mcp.tool.called",
): WaterfallEvent {
  n += 1;
  return {
    eventId: `ev-${n}`,
    seq: String(n),
    type,
    time: new Date(Date.UTC(2026, 10, 20) + ms),
    spanId,
    parentSpanId,
  };
}

describe("buildWaterfall", () => {
  it("nests the contract's refund example by span and breaks the approval wait out of the axis", () => {
    const events = asTraceEvents(refundExample());
    const waterfall = buildWaterfall(events);
    // e1 is the root span, e2 (policy) its child; e3–e5 carry no trace context, so they are roots.
    expect(waterfall.rows.map((r) => [r.event.type, r.depth])).toEqual([
      ["mcp.tool.called", 0],
      ["policy.evaluated", 1],
      ["approval.requested", 0],
      ["approval.granted", 0],
      ["downstream.called", 0],
    ]);
    expect(waterfall.totalMs).toBe(190_300);
    expect(waterfall.gaps).toHaveLength(1);
    expect(waterfall.gaps[0]).toMatchObject({ durationMs: 189_980, label: "waited 3m 10s for approval" });
    const granted = waterfall.rows[3];
    expect(granted?.waitBefore?.label).toBe("waited 3m 10s for approval");
    // The 10 ms step is not squashed (linear: 10 of 190,300 ms): policy sits visibly right of the call.
    const [call, policy] = waterfall.rows;
    expect((policy?.at ?? 0) - (call?.at ?? 0)).toBeGreaterThan(0.025);
    expect(waterfall.rows.map((r) => r.at)).toEqual([...waterfall.rows.map((r) => r.at)].sort((a, b) => a - b));
    expect(waterfall.rows[4]?.at).toBe(1);
    expect(call?.until).toBe(policy?.at);
  });

  it("nests a demo-shaped request: everything under the tool call, children in time order", () => {
    const root = ev(100, "a0", null);
    const token = ev(0, "t1", "a0", "token.refreshed");
    const policy = ev(110, "p1", "a0", "policy.evaluated");
    const request = ev(130, "r1", "a0", "approval.requested");
    const granted = ev(8 * 60_000, "g1", "a0", "approval.granted");
    const downstream = ev(8 * 60_000 + 400, "d1", "a0", "downstream.called");
    const grandchild = ev(8 * 60_000 + 450, "d2", "d1", "downstream.called");
    const waterfall = buildWaterfall([downstream, granted, grandchild, policy, root, request, token]);
    expect(waterfall.rows.map((r) => [r.event.type, r.depth, r.parentEventId])).toEqual([
      ["mcp.tool.called", 0, null],
      ["token.refreshed", 1, root.eventId],
      ["policy.evaluated", 1, root.eventId],
      ["approval.requested", 1, root.eventId],
      ["approval.granted", 1, root.eventId],
      ["downstream.called", 1, root.eventId],
      ["downstream.called", 2, downstream.eventId],
    ]);
    expect(waterfall.rows[0]?.childCount).toBe(5);
    // The token refresh was stamped before the call it belongs to: the call's span bar starts there.
    expect(waterfall.rows[0]?.from).toBe(0);
    expect(waterfall.rows[0]?.at).toBeGreaterThan(0);
    expect(waterfall.rows[0]?.until).toBe(1);
    expect(waterfall.gaps.map((g) => [g.label, g.beforeEventId])).toEqual([
      ["waited 8m for approval", granted.eventId],
    ]);
  });

  it("makes events with a missing parent roots, events sharing a span siblings, and survives a cycle", () => {
    const a = ev(0, "s1", "missing");
    const b = ev(5, "s1", null);
    const child = ev(10, "s2", "s1");
    const parents = spanParents([a, b, child]);
    expect(parents.get(a.eventId)).toBeNull();
    expect(parents.get(b.eventId)).toBeNull();
    expect(parents.get(child.eventId)).toBe(a.eventId);

    const x = ev(0, "x", "y");
    const y = ev(1, "y", "x");
    const self = ev(2, "z", "z");
    const waterfall = buildWaterfall([x, y, self]);
    expect(waterfall.rows.map((r) => [r.event.eventId, r.depth])).toEqual([
      [x.eventId, 0],
      [y.eventId, 1],
      [self.eventId, 0],
    ]);
  });

  it("keeps a linear axis when no step stands out, and handles one event", () => {
    const steps = [ev(0, null), ev(60_000, null), ev(120_000, null), ev(180_000, null)];
    const even = buildWaterfall(steps);
    expect(even.gaps).toEqual([]);
    expect(even.rows.map((r) => r.at)).toEqual([0, 1 / 3, 2 / 3, 1]);
    const single = buildWaterfall([ev(0, "s")]);
    expect(single.rows).toHaveLength(1);
    expect(single.rows[0]?.at).toBe(0);
    expect(single.totalMs).toBe(0);
    expect(buildWaterfall([]).rows).toEqual([]);
  });

  it("gives a lone long wait the whole axis when nothing else takes time", () => {
    const waterfall = buildWaterfall([
      ev(0, null, null, "consent.requested"),
      ev(45_000, null, null, "consent.granted"),
    ]);
    expect(waterfall.gaps.map((g) => g.label)).toEqual(["waited 45 s for consent"]);
    expect(waterfall.rows.map((r) => r.at)).toEqual([0, 1]);
  });
});

describe("systems", () => {
  it("names the reporting system by type family and source.service", () => {
    expect(systemOf({ type: "auth.login", data: { source: { service: "okta" } } })).toEqual({
      kind: "identity",
      label: "Identity provider",
      name: "okta",
    });
    expect(systemOf({ type: "token.exchanged", data: {} }).name).toBe("Authorization server");
    expect(systemOf({ type: "x-acme.audit", data: {} }).kind).toBe("other");
    const legend = systemsLegend(asTraceEvents(refundExample()));
    expect(legend.map((l) => [l.label, l.events])).toEqual([
      ["MCP server", 1],
      ["Policy engine", 1],
      ["Approvals", 2],
      ["Downstream API", 1],
    ]);
  });

  it("formats durations for people", () => {
    expect([0, 10, 1_500, 59_940, 190_000, 3_600_000, 90 * 60_000, 26 * 3_600_000].map(formatDuration)).toEqual([
      "0 ms",
      "10 ms",
      "1.5 s",
      "59.9 s",
      "3m 10s",
      "1h",
      "1h 30m",
      "1d 2h",
    ]);
  });
});
