// The collector contract's event, typed for senders (events-v1). Kept free of any app import so
// lib/sdk can be copied into another codebase as is.

export type Principal = { type: "user" | "agent" | "service"; id: string; name?: string };

export type DelegationHop = Principal & { scopes?: string[] };

export type Outcome = "success" | "failure" | "denied" | "pending";

export type CatalogueEventType =
  | "auth.login"
  | "auth.logout"
  | "auth.mfa"
  | "client.registered"
  | "client.updated"
  | "agent.registered"
  | "agent.updated"
  | "agent.suspended"
  | "consent.requested"
  | "consent.granted"
  | "consent.denied"
  | "consent.revoked"
  | "token.issued"
  | "token.refreshed"
  | "token.exchanged"
  | "token.revoked"
  | "token.rejected"
  | "mcp.session.started"
  | "mcp.session.ended"
  | "mcp.tool.called"
  | "mcp.resource.read"
  | "mcp.prompt.get"
  | "policy.evaluated"
  | "approval.requested"
  | "approval.granted"
  | "approval.denied"
  | "approval.expired"
  | "downstream.called";

/** A catalogue type, or `x-<vendor>.<name>` for a custom event. */
export type EventType = CatalogueEventType | `x-${string}.${string}`;

export type TargetType =
  | "tool"
  | "resource"
  | "prompt"
  | "api"
  | "token"
  | "consent"
  | "client"
  | "agent"
  | "policy"
  | "approval"
  | "session"
  | "user"
  | `x-${string}`;

/** RFC 8693 `act` claim: the nested `act` is the prior actor. Other JWT claims are kept. */
export type ActClaim = {
  sub: string;
  type?: Principal["type"];
  name?: string;
  scope?: string;
  scopes?: string[];
  act?: ActClaim;
  [claim: string]: unknown;
};

export type AttestEvent = {
  /** The idempotency key; the SDK assigns one at `send` when it is missing. */
  id?: string;
  type: EventType;
  /** RFC 3339 with offset; the SDK fills in the send time when it is missing. */
  time?: string;
  outcome?: Outcome;
  /** Required by the collector for `failure` and `denied`. */
  reason?: string;
  actor: Principal;
  onBehalfOf?: Principal;
  /** Outermost hop first; the last hop is the actor. */
  delegation?: DelegationHop[];
  act?: ActClaim;
  session?: { id: string };
  client?: {
    id: string;
    name?: string;
    kind: "ai_agent" | "human_app" | "service";
    registration?: "pre_registered" | "dynamic" | "metadata_document";
    metadataUrl?: string;
  };
  correlationId?: string;
  /** W3C Trace Context ids (lowercase hex: 32 for the trace, 16 for spans), or a `traceparent` string. */
  trace?: { traceId: string; spanId: string; parentSpanId?: string } | string;
  /** A W3C `traceparent` header value, accepted instead of `trace` (not both). */
  traceparent?: string;
  target?: { type: TargetType; id: string; name?: string };
  /** RFC 8707 resource (the token audience). */
  resource?: string;
  scopes?: string[];
  policy?: {
    id: string;
    version?: string | number;
    decision: "allow" | "deny" | "require_approval";
    reason?: string;
    engine?: string;
  };
  consent?: { id: string; scopes?: string[]; expiresAt?: string };
  /** `id` is the jti; `tenant` is the token's own tenant claim (makes cross-tenant use visible). */
  token?: { id?: string; audience?: string | string[]; expiresAt?: string; tenant?: string };
  approval?: { id: string; approver?: Principal; expiresAt?: string };
  mcp?: { method?: string; protocolVersion?: string; sessionId?: string };
  source?: { ip?: string; userAgent?: string; service?: string };
  attributes?: Record<string, unknown>;
};

export type DropReason = "buffer_full" | "rejected" | "retries_exhausted" | "shutdown";

export type DropInfo = { count: number; reason: DropReason; ids: string[]; errors?: unknown };

export type AttestClientOptions = {
  /** Attest base URL, e.g. http://127.0.0.1:3000; events go to `${endpoint}/api/v1/events`. */
  endpoint: string;
  /** An ingest key, sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Events per request: default 100, at most 1000 (the contract's limit). Requests also stay under ~4 MB. */
  batchSize?: number;
  /** How long a partly filled batch waits before it is sent: default 1000 ms. */
  flushIntervalMs?: number;
  /** Events held in memory: default 10 000. Beyond it new events are dropped and reported. */
  maxBufferSize?: number;
  /** Retries of one request after the first attempt: default 8. */
  maxRetries?: number;
  /** First backoff: default 250 ms, doubling, with full jitter, capped by maxBackoffMs. */
  initialBackoffMs?: number;
  /** Backoff cap: default 30 000 ms. A longer `Retry-After` from the collector still wins (up to 10 minutes). */
  maxBackoffMs?: number;
  /** Per-request timeout: default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Deadline for the flush at exit (beforeExit, SIGTERM, SIGINT): default 10 000 ms. */
  exitTimeoutMs?: number;
  fetch?: typeof fetch;
  onDrop?: (info: DropInfo) => void;
  onError?: (error: unknown) => void;
  /** Default true: shut down (flush, bounded by exitTimeoutMs) on beforeExit, SIGTERM and SIGINT, then exit as Node would. */
  handleExit?: boolean;
};

export type AttestClientStats = {
  /** Events waiting in the buffer (not counting the request in flight). */
  buffered: number;
  /** Events the collector acknowledged as newly stored. */
  sent: number;
  /** Events the collector acknowledged as already stored (a retried batch, or a repeated id). */
  duplicates: number;
  /** Events refused: invalid (by the collector, or before sending: too large, not serializable), or a bad key (401/403). */
  rejected: number;
  /** Events given up for any other reason: buffer full, retries exhausted, shutdown deadline. */
  dropped: number;
  /** Requests repeated after a retryable failure. */
  retries: number;
  /** Events in the request currently in flight. */
  inFlight: number;
};
