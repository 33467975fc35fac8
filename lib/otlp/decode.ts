import { gunzipSync } from "node:zlib";
import { ApiError, badRequest } from "../api/errors";
import { MAX_BODY_BYTES, readCapped } from "../ingest/read-body";
import { otlpTypes, TO_OBJECT_OPTIONS } from "./proto";
import {
  type Attributes,
  anyValue,
  enumValue,
  field,
  type IdEncoding,
  id,
  isObject,
  keyValues,
  list,
  nanos,
  str,
} from "./values";

// OTLP/HTTP request bodies: application/x-protobuf or application/json, optionally gzip, at most
// 5 MB on the wire and 5 MB once decompressed (as the collector). Both encodings end up as the
// same flat lists of spans and log records, one per item, with their resource and scope.

export type OtlpEncoding = "protobuf" | "json";
export type Signal = "traces" | "logs";

export type OtlpSpan = {
  resource: Attributes;
  scope: { name: string; version: string };
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startNanos: bigint;
  endNanos: bigint;
  attributes: Attributes;
  status: { code: number; message: string };
};

export type OtlpLogRecord = {
  resource: Attributes;
  scope: { name: string; version: string };
  timeNanos: bigint;
  observedNanos: bigint;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Attributes;
  traceId: string;
  spanId: string;
  eventName: string;
};

// Enum value names by number, for senders that print protobuf JSON with names.
const SPAN_KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];
const SEVERITIES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
const SEVERITY_NUMBERS = [
  "SEVERITY_NUMBER_UNSPECIFIED",
  ...SEVERITIES.flatMap((name) => ["", "2", "3", "4"].map((n) => `SEVERITY_NUMBER_${name}${n}`)),
];

const LIMIT = `An OTLP request may be at most ${MAX_BODY_BYTES} bytes, compressed or not.`;
const tooLarge = () => new ApiError(413, "payload_too_large", LIMIT);

export function otlpEncoding(request: Request): OtlpEncoding {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new ApiError(415, "unsupported_media_type", "Send Content-Type: application/x-protobuf or application/json.");
}

/** The request body, decompressed; Content-Encoding gzip or none. */
export async function readOtlpBody(request: Request): Promise<Buffer> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity" && encoding !== "") {
    throw new ApiError(415, "unsupported_encoding", "Content-Encoding must be gzip or absent.");
  }
  const raw = await readCapped(request, LIMIT);
  if (encoding !== "gzip") return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw badRequest("invalid_gzip", "The body is not valid gzip.");
  }
}

function parse(body: Buffer, encoding: OtlpEncoding, signal: Signal): unknown {
  if (encoding === "json") {
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch (error) {
      throw badRequest("invalid_json", `The body is not valid OTLP/JSON: ${(error as Error).message}`);
    }
  }
  const type = signal === "traces" ? otlpTypes.traceRequest : otlpTypes.logsRequest;
  try {
    return type.toObject(type.decode(body), TO_OBJECT_OPTIONS);
  } catch (error) {
    throw badRequest("invalid_protobuf", `The body is not a valid ${type.name}: ${(error as Error).message}`);
  }
}

function scopeOf(value: unknown) {
  return { name: str(value, "name"), version: str(value, "version") };
}

function resourceOf(value: unknown): Attributes {
  return keyValues(list(value, "attributes"));
}

export function decodeSpans(body: Buffer, encoding: OtlpEncoding): OtlpSpan[] {
  const request = parse(body, encoding, "traces");
  if (!isObject(request)) throw badRequest("invalid_body", "The body must be an ExportTraceServiceRequest.");
  const ids: IdEncoding = encoding === "json" ? "hex" : "base64";
  const spans: OtlpSpan[] = [];
  for (const resourceSpans of list(request, "resourceSpans")) {
    const resource = resourceOf(field(resourceSpans, "resource"));
    for (const scopeSpans of list(resourceSpans, "scopeSpans")) {
      const scope = scopeOf(field(scopeSpans, "scope"));
      for (const span of list(scopeSpans, "spans")) {
        const status = field(span, "status");
        spans.push({
          resource,
          scope,
          traceId: id(span, "traceId", ids, 16),
          spanId: id(span, "spanId", ids, 8),
          parentSpanId: id(span, "parentSpanId", ids, 8),
          name: str(span, "name"),
          kind: enumValue(span, "kind", SPAN_KINDS),
          startNanos: nanos(span, "startTimeUnixNano"),
          endNanos: nanos(span, "endTimeUnixNano"),
          attributes: keyValues(list(span, "attributes")),
          status: { code: enumValue(status, "code", STATUS_CODES), message: str(status, "message") },
        });
      }
    }
  }
  return spans;
}

export function decodeLogRecords(body: Buffer, encoding: OtlpEncoding): OtlpLogRecord[] {
  const request = parse(body, encoding, "logs");
  if (!isObject(request)) throw badRequest("invalid_body", "The body must be an ExportLogsServiceRequest.");
  const ids: IdEncoding = encoding === "json" ? "hex" : "base64";
  const records: OtlpLogRecord[] = [];
  for (const resourceLogs of list(request, "resourceLogs")) {
    const resource = resourceOf(field(resourceLogs, "resource"));
    for (const scopeLogs of list(resourceLogs, "scopeLogs")) {
      const scope = scopeOf(field(scopeLogs, "scope"));
      for (const record of list(scopeLogs, "logRecords")) {
        const body = field(record, "body");
        records.push({
          resource,
          scope,
          timeNanos: nanos(record, "timeUnixNano"),
          observedNanos: nanos(record, "observedTimeUnixNano"),
          severityNumber: enumValue(record, "severityNumber", SEVERITY_NUMBERS),
          severityText: str(record, "severityText"),
          body: body === undefined ? null : anyValue(body),
          attributes: keyValues(list(record, "attributes")),
          traceId: id(record, "traceId", ids, 16),
          spanId: id(record, "spanId", ids, 8),
          eventName: str(record, "eventName"),
        });
      }
    }
  }
  return records;
}
