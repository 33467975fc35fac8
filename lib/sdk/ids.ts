import { randomBytes } from "node:crypto";

// Event ids are assigned once, at send time, so a retried batch carries the same ids and the
// collector's per-tenant dedupe makes the retry idempotent.

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that keeps ids from
 * one process strictly increasing within a millisecond, then 62 random bits.
 */
export function newEventId(): string {
  let now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff; // start low so the counter rarely overflows
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1; // borrow the next millisecond rather than repeat an id
      sequence = 0;
    }
    now = lastMs;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/** A W3C Trace Context `traceparent` value (version 00). Throws on malformed ids. */
export function traceparent(traceId: string, spanId: string, sampled = true): string {
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) {
    throw new TypeError("traceId must be 32 lowercase hex characters, not all zero");
  }
  if (!SPAN_ID.test(spanId) || /^0+$/.test(spanId)) {
    throw new TypeError("spanId must be 16 lowercase hex characters, not all zero");
  }
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/** Fresh random W3C trace and span ids, for senders that start a trace. */
export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

export function newSpanId(): string {
  return randomBytes(8).toString("hex");
}
