import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { traceEvents } from "@/lib/queries/trace";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { callOtlpRoute, type OtlpTestServer, startOtlpTestServer } from "./test-server";

// The real OTel SDK and the real OTLP/HTTP trace exporters (JSON and protobuf) send an
// instrumented sample to the traces route over real HTTP; the events must land joined into one trace.

let server: OtlpTestServer;
beforeAll(async () => {
  server = await startOtlpTestServer();
});
afterAll(() => server.close());

type ExporterOptions = { url: string; headers: Record<string, string>; compression?: never };

/** An agent invocation that calls one MCP tool and makes one unrelated HTTP call. */
async function runSample(exporter: SpanExporter) {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "billing-agent", "service.version": "1.4.0" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("sample-agent", "0.1.0");
  const agent = tracer.startSpan("invoke_agent billing-bot", {
    kind: SpanKind.INTERNAL,
    attributes: {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.id": "billing-bot",
      "gen_ai.agent.name": "Billing Copilot",
      "enduser.id": "u-42",
    },
  });
  const inAgent = trace.setSpan(context.active(), agent);
  const tool = tracer.startSpan(
    "tools/call stripe.refund",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "mcp.method.name": "tools/call",
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "stripe.refund",
        "gen_ai.agent.id": "billing-bot",
        "mcp.session.id": "mcp-s-1",
        "mcp.protocol.version": "2025-06-18",
        "jsonrpc.request.id": "7",
        "enduser.id": "u-42",
        "server.address": "mcp.example.com",
        "attest.correlation_id": "req-otel-1",
      },
    },
    inAgent,
  );
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
  tool.setAttribute("error.type", "tool_error");
  tool.end();
  const http = tracer.startSpan(
    "GET",
    { kind: SpanKind.CLIENT, attributes: { "http.request.method": "GET" } },
    inAgent,
  );
  http.end();
  agent.end();
  await provider.forceFlush();
  await provider.shutdown();
  return {
    traceId: agent.spanContext().traceId,
    agentSpan: agent.spanContext().spanId,
    toolSpan: tool.spanContext().spanId,
    httpSpan: http.spanContext().spanId,
  };
}

const exporters = {
  "OTLP/HTTP JSON (exporter-trace-otlp-http)": {
    makeExporter: (options: ExporterOptions) => new HttpJsonExporter(options),
    wire: { "content-type": "application/json" },
  },
  "OTLP/HTTP protobuf, gzip (exporter-trace-otlp-proto)": {
    makeExporter: (options: ExporterOptions) => new ProtoExporter({ ...options, compression: "gzip" as never }),
    wire: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
  },
};

describe.each(Object.entries(exporters))("traces from the real %s exporter", (_name, { makeExporter, wire }) => {
  it("land as contract events joined into one trace, and a replayed export stores nothing twice", async () => {
    const { tenant, key } = await tenantWithKey("otlp-traces");
    const before = server.received.length;
    const ids = await runSample(
      makeExporter({ url: `${server.baseUrl}/v1/traces`, headers: { Authorization: `Bearer ${key}` } }),
    );
    const sent = server.received.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.status === 200)).toBe(true);
    for (const request of sent) expect(request.headers).toMatchObject(wire);

    const { events } = await traceEvents(tenant.id, ids.traceId);
    const bySpan = new Map(events.map((e) => [e.spanId, e]));
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.traceId))).toEqual(new Set([ids.traceId]));

    const tool = bySpan.get(ids.toolSpan);
    expect(tool).toMatchObject({
      type: "mcp.tool.called",
      parentSpanId: ids.agentSpan,
      targetType: "tool",
      targetId: "stripe.refund",
      outcome: "failure",
    });
    expect(bySpan.get(ids.agentSpan)).toMatchObject({ type: "x-otel.span", parentSpanId: null });
    expect(bySpan.get(ids.httpSpan)).toMatchObject({ type: "x-otel.span", parentSpanId: ids.agentSpan });

    const row = await prisma.event.findFirstOrThrow({
      where: { tenantId: tenant.id, eventId: `otel:${ids.traceId}:${ids.toolSpan}` },
    });
    expect(row).toMatchObject({
      actorType: "agent",
      actorId: "billing-bot",
      onBehalfOfId: "u-42",
      sessionKey: "u-42:mcp-s-1",
      correlationId: "req-otel-1",
    });
    const data = row.data as { attributes: Record<string, unknown>; mcp: unknown; reason: string };
    expect(data.reason).toBe("card declined");
    expect(data.mcp).toEqual({ method: "tools/call", protocolVersion: "2025-06-18", sessionId: "mcp-s-1" });
    expect(data.attributes).toMatchObject({
      "otel.name": "tools/call stripe.refund",
      "otel.kind": "client",
      "otel.span.jsonrpc.request.id": "7",
      "otel.span.server.address": "mcp.example.com",
      "otel.resource.service.name": "billing-agent",
    });

    const count = () => prisma.event.count({ where: { tenantId: tenant.id } });
    expect(await count()).toBe(3);
    for (const request of sent) {
      const again = await callOtlpRoute(request.path, request.headers, request.body);
      expect(again.status).toBe(200);
    }
    expect(await count()).toBe(3);
  });
});
