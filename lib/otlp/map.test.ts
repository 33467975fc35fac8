import { describe, expect, it } from "vitest";
import type { OtlpLogRecord, OtlpSpan } from "./decode";
import { logRecordId, logRecordToEvent } from "./map-logs";
import { spanToEvent } from "./map-spans";

// The mapping rows of the README table, one by one, without HTTP or a database.

const START = 1_795_000_000_000_000_000n;

function span(attributes: Record<string, unknown>, overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    resource: { "service.name": "weather-mcp" },
    scope: { name: "mcp", version: "1" },
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    parentSpanId: "",
    name: "span",
    kind: 2,
    startNanos: START,
    endNanos: START + 2_500_000n,
    attributes,
    status: { code: 0, message: "" },
    ...overrides,
  };
}

function mapped(input: OtlpSpan) {
  const result = spanToEvent(input);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

describe("spans → events", () => {
  it.each([
    [
      { "mcp.method.name": "tools/call", "gen_ai.tool.name": "get_weather" },
      "mcp.tool.called",
      { type: "tool", id: "get_weather" },
    ],
    [
      { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search" },
      "mcp.tool.called",
      { type: "tool", id: "search" },
    ],
    [
      { "mcp.method.name": "resources/read", "mcp.resource.uri": "file:///a.txt" },
      "mcp.resource.read",
      { type: "resource", id: "file:///a.txt" },
    ],
    [
      { "mcp.method.name": "prompts/get", "gen_ai.prompt.name": "summarize" },
      "mcp.prompt.get",
      { type: "prompt", id: "summarize" },
    ],
    [{ "mcp.method.name": "initialize" }, "mcp.session.started", undefined],
    [{ "mcp.method.name": "tools/list" }, "x-otel.span", undefined],
    [{ "gen_ai.operation.name": "chat" }, "x-otel.span", undefined],
  ])("%j → %s", (attributes, type, target) => {
    const event = mapped(span(attributes));
    expect(event.type).toBe(type);
    expect(event.target).toEqual(target);
    expect(event.id).toBe("otel:0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331");
    expect(event.time).toBe(new Date(Number(START / 1_000_000n)).toISOString());
    expect(event.outcome).toBe("success");
  });

  it("takes the tool from the span name when gen_ai.tool.name is missing", () => {
    expect(mapped(span({ "mcp.method.name": "tools/call" }, { name: "tools/call get_forecast" })).target).toEqual({
      type: "tool",
      id: "get_forecast",
    });
  });

  it("actor: gen_ai.agent.* as an agent, else service.name; failure from status or error.type", () => {
    expect(mapped(span({ "gen_ai.agent.name": "planner" })).actor).toEqual({ type: "agent", id: "planner" });
    expect(mapped(span({})).actor).toEqual({ type: "service", id: "weather-mcp" });
    expect(mapped(span({}, { resource: {} })).actor).toEqual({ type: "service", id: "unknown_service" });
    expect(mapped(span({ "error.type": "timeout" }))).toMatchObject({ outcome: "failure", reason: "timeout" });
    expect(mapped(span({}, { status: { code: 2, message: "" } }))).toMatchObject({
      outcome: "failure",
      reason: "error",
    });
  });

  it("onBehalfOf: enduser.id, else user.id (its newer name)", () => {
    expect(mapped(span({ "enduser.id": "u-1", "user.id": "u-2" })).onBehalfOf).toEqual({ type: "user", id: "u-1" });
    expect(mapped(span({ "user.id": "u-2" })).onBehalfOf).toEqual({ type: "user", id: "u-2" });
    expect(mapped(span({})).onBehalfOf).toBeUndefined();
  });

  it("rejects a span without a valid trace id, span id or start time", () => {
    expect(spanToEvent(span({}, { traceId: "" })).ok).toBe(false);
    expect(spanToEvent(span({}, { spanId: "" })).ok).toBe(false);
    expect(spanToEvent(span({}, { startNanos: 0n })).ok).toBe(false);
  });

  it("keeps attributes namespaced and bounded, counting what it dropped", () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`big.${i}`, "x".repeat(5000)]));
    const attributes = mapped(span({ "client.address": "10.0.0.1", ...many })).attributes as Record<string, unknown>;
    expect(attributes["otel.span.client.address"]).toBe("10.0.0.1");
    expect(attributes["otel.span.big.0"]).toBe("x".repeat(2048));
    expect(Buffer.byteLength(JSON.stringify(attributes))).toBeLessThanOrEqual(16 * 1024);
    expect(attributes["otel.dropped_attributes"]).toBeGreaterThan(30);
  });
});

describe("log records → events", () => {
  const record = (overrides: Partial<OtlpLogRecord> = {}): OtlpLogRecord => ({
    resource: { "service.name": "idp-bridge" },
    scope: { name: "logs", version: "" },
    timeNanos: START,
    observedNanos: START + 1n,
    severityNumber: 9,
    severityText: "INFO",
    body: "hello",
    attributes: {},
    traceId: "",
    spanId: "",
    eventName: "",
    ...overrides,
  });

  it("maps catalogue event names, by field or event.name attribute; the rest is x-otel.log", () => {
    const received = new Date();
    const type = (r: OtlpLogRecord) => {
      const result = logRecordToEvent(r, received);
      return result.ok ? result.event.type : result.reason;
    };
    expect(type(record({ eventName: "auth.logout" }))).toBe("auth.logout");
    expect(type(record({ attributes: { "event.name": "mcp.session.ended" } }))).toBe("mcp.session.ended");
    expect(type(record({ eventName: "policy.evaluated" }))).toBe("x-otel.log");
    expect(type(record({ eventName: "gen_ai.client.inference.operation.details" }))).toBe("x-otel.log");
  });

  it("has a stable id per record content", () => {
    expect(logRecordId(record())).toBe(logRecordId(record()));
    expect(logRecordId(record())).not.toBe(logRecordId(record({ body: "hello!" })));
    expect(logRecordId(record())).not.toBe(logRecordId(record({ observedNanos: START + 2n })));
  });
});
