// Attest client SDK: a self-contained sender for the collector (POST /api/v1/events).
// It imports nothing from the rest of the app, so the lib/sdk folder can be vendored as is.
export { backoffDelay, parseRetryAfter } from "./backoff";
export { AttestClient } from "./client";
export { newEventId, newSpanId, newTraceId, traceparent } from "./ids";
export type {
  ActClaim,
  AttestClientOptions,
  AttestClientStats,
  AttestEvent,
  CatalogueEventType,
  DelegationHop,
  DropInfo,
  DropReason,
  EventType,
  Outcome,
  Principal,
  TargetType,
} from "./types";
