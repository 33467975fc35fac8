import type { OtlpSpan } from "./decode";
import { commonFields, type EventValue, otelAttributes, outcomeFields, text } from "./map-common";
import { isoFromNanos } from "./values";

// One span, one contract event (README, "OpenTelemetry (OTLP) ingest", has the table):
//   mcp.method.name tools/call, or gen_ai.operation.name execute_tool → mcp.tool.called (target: the tool)
//   mcp.method.name resources/read → mcp.resource.read (target: mcp.resource.uri)
//   mcp.method.name prompts/get    → mcp.prompt.get (target: gen_ai.prompt.name)
//   mcp.method.name initialize     → mcp.session.started
//   anything else (invoke_agent, chat, HTTP, DB…) → x-otel.span
// The id is otel:<traceId>:<spanId>, so an exporter's retry is a duplicate, not a second event.

export type MappedItem = { ok: true; event: EventValue } | { ok: false; reason: string };

const SPAN_KINDS = ["unspecified", "internal", "server", "client", "producer", "consumer"];
const STATUS_ERROR = 2;

/** The part of a span name after the method: MCP spans are named "{mcp.method.name} {target}". */
function nameTarget(span: OtlpSpan, method: string): string | undefined {
  const rest = span.name.startsWith(`${method} `) ? span.name.slice(method.length + 1).trim() : "";
  return rest || undefined;
}

type TypeAndTarget = { type: string; target?: { type: string; id: string } };

function withTarget(type: string, targetType: string, id: string | undefined): TypeAndTarget {
  return id ? { type, target: { type: targetType, id: id.slice(0, 512) } } : { type };
}

function typeAndTarget(span: OtlpSpan): TypeAndTarget {
  const attrs = span.attributes;
  const method = text(attrs, "mcp.method.name");
  const operation = text(attrs, "gen_ai.operation.name");
  if (method === "tools/call" || operation === "execute_tool") {
    const tool = text(attrs, "gen_ai.tool.name") ?? nameTarget(span, method ?? operation ?? "");
    return withTarget("mcp.tool.called", "tool", tool);
  }
  if (method === "resources/read") {
    const uri = text(attrs, "mcp.resource.uri") ?? nameTarget(span, method);
    return withTarget("mcp.resource.read", "resource", uri);
  }
  if (method === "prompts/get") {
    const prompt = text(attrs, "gen_ai.prompt.name") ?? nameTarget(span, method);
    return withTarget("mcp.prompt.get", "prompt", prompt);
  }
  if (method === "initialize") return { type: "mcp.session.started" };
  return { type: "x-otel.span" };
}

export function spanToEvent(span: OtlpSpan): MappedItem {
  if (!span.traceId) return { ok: false, reason: "traceId must be 16 bytes and not all zeros" };
  if (!span.spanId) return { ok: false, reason: "spanId must be 8 bytes and not all zeros" };
  const time = isoFromNanos(span.startNanos);
  if (!time) return { ok: false, reason: "startTimeUnixNano is missing" };

  const { type, target } = typeAndTarget(span);
  const attrs = span.attributes;
  const errorType = text(attrs, "error.type");
  const failed = span.status.code === STATUS_ERROR || errorType !== undefined;
  const durationMs = span.endNanos >= span.startNanos ? Number(span.endNanos - span.startNanos) / 1e6 : undefined;
  const meta = {
    "otel.name": span.name,
    "otel.kind": SPAN_KINDS[span.kind] ?? String(span.kind),
    "otel.status_code": ["unset", "ok", "error"][span.status.code] ?? String(span.status.code),
    "otel.status_message": span.status.message,
    "otel.start_time_unix_nano": span.startNanos.toString(),
    "otel.duration_ms": durationMs,
    "otel.scope.name": span.scope.name,
    "otel.scope.version": span.scope.version,
  };
  const event: EventValue = {
    id: `otel:${span.traceId}:${span.spanId}`,
    type,
    time,
    ...outcomeFields(failed, span.status.message || errorType),
    ...commonFields(attrs, span.resource),
    trace: {
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    },
    ...(target ? { target } : {}),
    attributes: otelAttributes(meta, "otel.span", attrs, span.resource),
  };
  return { ok: true, event };
}
