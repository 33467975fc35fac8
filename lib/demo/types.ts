// The shape the demo generator emits: the collector contract v1 (shared/contract/events-v1.md),
// restricted to what the generator uses. Kept local so lib/demo depends on nothing but faker.
export type PrincipalType = "user" | "agent" | "service";
export type Principal = { type: PrincipalType; id: string; name?: string };
export type DelegationHop = Principal & { scopes?: string[] };
export type ActClaim = { sub: string; act?: ActClaim };
export type ClientKind = "ai_agent" | "human_app" | "service";
export type Registration = "pre_registered" | "dynamic" | "metadata_document";
export type Outcome = "success" | "failure" | "denied" | "pending";
export type Decision = "allow" | "deny" | "require_approval";

export type DemoEvent = {
  id: string;
  type: string;
  time: string;
  outcome?: Outcome;
  reason?: string;
  actor: Principal;
  onBehalfOf?: Principal;
  delegation?: DelegationHop[];
  act?: ActClaim;
  session?: { id: string };
  client?: { id: string; name?: string; kind: ClientKind; registration?: Registration; metadataUrl?: string };
  correlationId?: string;
  trace?: { traceId: string; spanId: string; parentSpanId?: string };
  traceparent?: string;
  target?: { type: string; id: string; name?: string };
  resource?: string;
  scopes?: string[];
  policy?: { id: string; version?: string; decision: Decision; reason?: string; engine?: string };
  consent?: { id: string; scopes?: string[]; expiresAt?: string };
  token?: { id?: string; audience?: string; expiresAt?: string; tenant?: string };
  approval?: { id: string; approver?: Principal; expiresAt?: string };
  mcp?: { method?: string; protocolVersion?: string; sessionId?: string };
  source?: { ip?: string; userAgent?: string; service?: string };
  attributes?: Record<string, unknown>;
};

export type DemoOptions = {
  seed: number;
  /** Total events to emit (default 3,000). */
  count?: number;
  /** End of the window; events fall in [now - days, now). Defaults to the current minute. */
  now?: Date | number | string;
  /** Window length in days (default 7). */
  days?: number;
  /** The tenant's own slug, written into `token.tenant`; cross-tenant tokens name another. */
  tenant?: string;
};
