import { createHash } from "node:crypto";
import type { OtlpLogRecord } from "./decode";
import { commonFields, type EventValue, otelAttributes, outcomeFields, text } from "./map-common";
import type { MappedItem } from "./map-spans";
import { isoFromNanos } from "./values";

// One log record, one contract event. A record whose event name (the LogRecord's event_name, or
// an `event.name` attribute) is one of LOG_EVENT_TYPES becomes that event; every other record
// becomes x-otel.log with its severity and body. Catalogue types that need a sub-object the
// log cannot carry (policy.*, consent.*, token.*, approval.*) are not mapped.
// The id is a hash of the record as sent, so a retried export is a duplicate.

export const LOG_EVENT_TYPES = [
  "auth.login",
  "auth.logout",
  "auth.mfa",
  "client.registered",
  "client.updated",
  "agent.registered",
  "agent.updated",
  "agent.suspended",
  "mcp.session.started",
  "mcp.session.ended",
  "mcp.tool.called",
  "mcp.resource.read",
  "mcp.prompt.get",
  "downstream.called",
] as const;

const SEVERITY_ERROR = 17;

/** JSON with sorted keys and bigints as strings: the same record always hashes the same. */
function canonical(value: unknown): string {
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function logRecordId(record: OtlpLogRecord): string {
  return `otel-log:${createHash("sha256").update(canonical(record)).digest("hex").slice(0, 40)}`;
}

function target(type: string, record: OtlpLogRecord) {
  const attrs = record.attributes;
  const id =
    type === "mcp.tool.called"
      ? ["tool", text(attrs, "gen_ai.tool.name")]
      : type === "mcp.resource.read"
        ? ["resource", text(attrs, "mcp.resource.uri")]
        : type === "mcp.prompt.get"
          ? ["prompt", text(attrs, "gen_ai.prompt.name")]
          : [];
  return id[0] && id[1] ? { target: { type: id[0], id: id[1].slice(0, 512) } } : {};
}

function bodyText(body: unknown): string | undefined {
  if (body === null || body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}

export function logRecordToEvent(record: OtlpLogRecord, receivedAt: Date): MappedItem {
  const attrs = record.attributes;
  const eventName = record.eventName || text(attrs, "event.name") || "";
  const type = (LOG_EVENT_TYPES as readonly string[]).includes(eventName) ? eventName : "x-otel.log";
  const time = isoFromNanos(record.timeNanos) ?? isoFromNanos(record.observedNanos) ?? receivedAt.toISOString();
  const errorType = text(attrs, "error.type");
  const failed = record.severityNumber >= SEVERITY_ERROR || errorType !== undefined;
  const body = bodyText(record.body);
  const meta = {
    "otel.event_name": eventName,
    "otel.severity_number": record.severityNumber,
    "otel.severity_text": record.severityText,
    "otel.body": record.body ?? undefined,
    "otel.time_unix_nano": record.timeNanos > 0n ? record.timeNanos.toString() : undefined,
    "otel.scope.name": record.scope.name,
    "otel.scope.version": record.scope.version,
  };
  const event: EventValue = {
    id: logRecordId(record),
    type,
    time,
    ...outcomeFields(failed, errorType || record.severityText || body),
    ...commonFields(attrs, record.resource),
    ...(record.traceId && record.spanId ? { trace: { traceId: record.traceId, spanId: record.spanId } } : {}),
    ...target(type, record),
    attributes: otelAttributes(meta, "otel.log", attrs, record.resource),
  };
  return { ok: true, event };
}
