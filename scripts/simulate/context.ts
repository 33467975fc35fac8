import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AttestEvent } from "../../lib/sdk/types";

// One simulated user action = one correlation id and one W3C trace. Every party continues the
// trace it receives in the `traceparent` header (a new span of its own, parented on the
// caller's), and reports its events under that span, so Attest's trace page nests them.

export const CORRELATION_HEADER = "x-correlation-id";

export type Span = { traceId: string; spanId: string; parentSpanId?: string; correlationId: string };

/** Where events go: the SDK's `send` (never blocks; the SDK batches, retries and flushes). */
export type Send = (event: AttestEvent) => void;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export function rootSpan(correlationId: string): Span {
  return { traceId: hex(16), spanId: hex(8), correlationId };
}

export function childSpan(parent: Span): Span {
  return {
    traceId: parent.traceId,
    spanId: hex(8),
    parentSpanId: parent.spanId,
    correlationId: parent.correlationId,
  };
}

/** Headers that carry the span to the next party. */
export function propagationHeaders(span: Span): Record<string, string> {
  return {
    traceparent: `00-${span.traceId}-${span.spanId}-01`,
    [CORRELATION_HEADER]: span.correlationId,
  };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The receiving party's span: a child of the caller's, or a new trace when none came. */
export function spanFromHeaders(headers: IncomingHttpHeaders | Headers): Span {
  const get = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  const correlationId = get(CORRELATION_HEADER) ?? `sim-${hex(8)}`;
  const match = TRACEPARENT.exec(get("traceparent") ?? "");
  if (!match) return rootSpan(correlationId);
  return childSpan({ traceId: match[1] as string, spanId: match[2] as string, correlationId });
}

/** The `trace` and `correlationId` fields of an event reported under `span`. */
export function traced(span: Span): Pick<AttestEvent, "trace" | "correlationId"> {
  return {
    correlationId: span.correlationId,
    trace: {
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    },
  };
}

export const now = () => new Date().toISOString();

// The simulated company's directory: the AS signs these people in and the MCP server looks
// their names up, as both would in an enterprise directory.
const PEOPLE: Record<string, string> = {
  "u-ada": "Ada Lovelace",
  "u-grace": "Grace Hopper",
  "u-alan": "Alan Turing",
  "u-edsger": "Edsger Dijkstra",
  "u-barbara": "Barbara Liskov",
  "u-ken": "Ken Thompson",
  "u-margaret": "Margaret Hamilton",
  "u-dennis": "Dennis Ritchie",
};
export const USERS = Object.keys(PEOPLE);

export function person(id: string): { type: "user"; id: string; name?: string } {
  const name = PEOPLE[id];
  return name ? { type: "user", id, name } : { type: "user", id };
}
