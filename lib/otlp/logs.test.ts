import { context, SeverityNumber, trace } from "@opentelemetry/api";
import { OTLPLogExporter as HttpJsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { LoggerProvider, type LogRecordExporter, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { traceEvents } from "@/lib/queries/trace";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { callOtlpRoute, type OtlpTestServer, startOtlpTestServer } from "./test-server";

// The real OTel logs SDK and OTLP/HTTP log exporters (JSON and protobuf) send to the logs route.

let server: OtlpTestServer;
beforeAll(async () => {
  server = await startOtlpTestServer();
});
afterAll(() => server.close());

type ExporterOptions = { url: string; headers: Record<string, string> };

const TRACE_ID = "5a9c3f0e1d2b4c6a8e7f9a0b1c2d3e4f";
const SPAN_ID = "1a2b3c4d5e6f7a8b";

/** A sign-in event, an MCP tool call event and an ordinary error log inside a span. */
async function runSample(exporter: LogRecordExporter) {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "mcp-gateway" }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("sample-gateway");
  const inSpan = trace.setSpan(
    context.active(),
    trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 }),
  );
  logger.emit({
    eventName: "auth.login",
    severityNumber: SeverityNumber.INFO,
    body: "u-42 signed in",
    attributes: { "enduser.id": "u-42", "client.address": "203.0.113.9" },
  });
  logger.emit({
    eventName: "mcp.tool.called",
    severityNumber: SeverityNumber.INFO,
    body: "tool called",
    attributes: { "gen_ai.tool.name": "crm.lookup", "gen_ai.agent.id": "support-bot", "mcp.session.id": "s-5" },
    context: inSpan,
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: "ERROR",
    body: "refund failed: card declined",
    attributes: { "error.type": "card_declined" },
    context: inSpan,
  });
  await provider.forceFlush();
  await provider.shutdown();
}

const exporters = {
  "OTLP/HTTP JSON (exporter-logs-otlp-http)": {
    makeExporter: (options: ExporterOptions) => new HttpJsonExporter(options),
    wire: { "content-type": "application/json" },
  },
  "OTLP/HTTP protobuf (exporter-logs-otlp-proto)": {
    makeExporter: (options: ExporterOptions) => new ProtoExporter(options),
    wire: { "content-type": "application/x-protobuf" },
  },
};

describe.each(Object.entries(exporters))("logs from the real %s exporter", (_name, { makeExporter, wire }) => {
  it("become catalogue events by event name, x-otel.log otherwise, and a replay stores nothing twice", async () => {
    const { tenant, key } = await tenantWithKey("otlp-logs");
    const before = server.received.length;
    await runSample(makeExporter({ url: `${server.baseUrl}/v1/logs`, headers: { Authorization: `Bearer ${key}` } }));
    const sent = server.received.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.status).toBe(200);
      expect(request.headers).toMatchObject(wire);
    }

    const rows = await prisma.event.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.type).sort()).toEqual(["auth.login", "mcp.tool.called", "x-otel.log"]);
    for (const row of rows) expect(row.eventId).toMatch(/^otel-log:[0-9a-f]{40}$/);

    const login = rows.find((r) => r.type === "auth.login");
    expect(login).toMatchObject({ actorType: "service", actorId: "mcp-gateway", onBehalfOfId: "u-42", traceId: null });
    expect(login?.data).toMatchObject({ source: { ip: "203.0.113.9", service: "mcp-gateway" } });

    const { events } = await traceEvents(tenant.id, TRACE_ID);
    expect(events.map((e) => e.type).sort()).toEqual(["mcp.tool.called", "x-otel.log"]);
    expect(events.every((e) => e.spanId === SPAN_ID)).toBe(true);
    const tool = events.find((e) => e.type === "mcp.tool.called");
    expect(tool).toMatchObject({ targetType: "tool", targetId: "crm.lookup", actorId: "support-bot" });
    const errorLog = rows.find((r) => r.type === "x-otel.log");
    expect(errorLog?.outcome).toBe("failure");
    expect(errorLog?.data).toMatchObject({
      reason: "card_declined",
      attributes: {
        "otel.severity_number": 17,
        "otel.severity_text": "ERROR",
        "otel.body": "refund failed: card declined",
        "otel.log.error.type": "card_declined",
      },
    });

    for (const request of sent) {
      expect((await callOtlpRoute(request.path, request.headers, request.body)).status).toBe(200);
    }
    expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(3);
  });
});
