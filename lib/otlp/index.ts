// OTLP/HTTP ingest, POST /api/v1/otlp/v1/traces and /v1/logs (README, "OpenTelemetry (OTLP) ingest").
//
//   1. read     — Content-Type protobuf or JSON (415 otherwise), gzip, 5 MB before and after
//                 decompression (413) (decode.ts)
//   2. decode   — protobufjs from the embedded OTLP .proto, or OTLP/JSON; 400 if undecodable
//   3. map      — each span or log record to one contract event with a stable id
//                 (map-spans.ts, map-logs.ts); an item that cannot be mapped is rejected alone
//   4. throttle — the collector's per-tenant token bucket (429 with Retry-After)
//   5. ingest   — the collector pipeline itself (lib/ingest): validation, dedupe, hash chain,
//                 one transaction per 1,000 events; 503 if storage fails, and the exporter retries
//   6. answer   — 200 with partial_success counting the rejected items (response.ts)
import { ingestEvents } from "../ingest";
import { takeIngestTokens } from "../ingest/rate-limit";
import { MAX_EVENTS_PER_REQUEST } from "../ingest/read-body";
import { decodeLogRecords, decodeSpans, otlpEncoding, readOtlpBody, type Signal } from "./decode";
import { logRecordToEvent } from "./map-logs";
import type { MappedItem } from "./map-spans";
import { spanToEvent } from "./map-spans";
import { otlpSuccess, type PartialSuccess } from "./response";

const LISTED_ERRORS = 5;

/** Stores the mapped items; returns how many were rejected and why (the first few). */
export async function storeMappedItems(tenantId: string, items: MappedItem[]): Promise<PartialSuccess> {
  const errors: string[] = [];
  const events: { index: number; value: unknown }[] = [];
  items.forEach((item, index) => {
    if (item.ok) events.push({ index, value: item.event });
    else errors.push(`item ${index}: ${item.reason}`);
  });
  takeIngestTokens(tenantId, events.length);
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
    const chunk = events.slice(start, start + MAX_EVENTS_PER_REQUEST);
    const result = await ingestEvents(
      tenantId,
      chunk.map((e) => e.value),
    );
    for (const rejected of result.rejected) {
      const where = rejected.errors.map((e) => `${e.path || "event"} ${e.message}`).join(", ");
      errors.push(`item ${chunk[rejected.index]?.index}: ${where}`);
    }
  }
  const more = errors.length > LISTED_ERRORS ? ` (and ${errors.length - LISTED_ERRORS} more)` : "";
  return { rejected: errors.length, errorMessage: errors.slice(0, LISTED_ERRORS).join("; ") + more };
}

/** The whole OTLP export request, for one tenant (from its ingest key). */
export async function handleOtlpExport(signal: Signal, tenantId: string, request: Request): Promise<Response> {
  const encoding = otlpEncoding(request);
  const body = await readOtlpBody(request);
  const receivedAt = new Date();
  const items =
    signal === "traces"
      ? decodeSpans(body, encoding).map(spanToEvent)
      : decodeLogRecords(body, encoding).map((record) => logRecordToEvent(record, receivedAt));
  const partial = await storeMappedItems(tenantId, items);
  return otlpSuccess(signal, encoding, partial);
}
