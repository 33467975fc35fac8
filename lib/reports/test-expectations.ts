import type { DemoEvent } from "../demo";

// For tests only: what a report must say about a list of sent events, computed in plain
// TypeScript straight from the events as sent (not from the database, not with the report's
// SQL). The rules are written again from the framework definitions, so a wrong SQL predicate
// and a wrong expectation would have to be wrong in the same way to pass.

export type SentEvent = DemoEvent;

export type Flat = {
  id: string;
  type: string;
  time: number;
  outcome: string;
  actorType: string;
  actorId: string;
  agentId: string | null;
  onBehalfOf: string | null;
  targetId: string | null;
  resource: string | null;
  scopes: string[];
  hops: { id: string; type: string; scopes?: string[] }[];
  policyDecision: string | null;
  approvalId: string | null;
  consentId: string | null;
  consentExpiresAt: number | null;
};

/** RFC 8693 `act` nests prior actors inside; the chain runs from the originating human to the actor. */
function hopsOf(e: SentEvent): Flat["hops"] {
  if (e.delegation) return e.delegation;
  if (!e.act) return [];
  const inner: string[] = [];
  for (let claim = e.act.act; claim; claim = claim.act) inner.unshift(claim.sub);
  const root = e.onBehalfOf ? [{ type: e.onBehalfOf.type, id: e.onBehalfOf.id }] : [];
  return [...root, ...inner.map((id) => ({ type: "agent", id })), { type: e.actor.type, id: e.actor.id }];
}

export function flatten(e: SentEvent): Flat {
  const hops = hopsOf(e);
  const origin = hops[0];
  const human = e.onBehalfOf?.id ?? (e.actor.type !== "user" && origin?.type === "user" ? origin.id : null);
  return {
    id: e.id,
    type: e.type,
    time: Date.parse(e.time),
    outcome: e.outcome ?? "success",
    actorType: e.actor.type,
    actorId: e.actor.id,
    agentId: e.actor.type === "agent" || e.actor.type === "service" ? e.actor.id : null,
    onBehalfOf: human,
    targetId: e.target?.id ?? null,
    resource: e.resource ?? null,
    scopes: e.scopes ?? [],
    hops,
    policyDecision: e.policy?.decision ?? null,
    approvalId: e.approval?.id ?? null,
    consentId: e.consent?.id ?? null,
    consentExpiresAt: e.consent?.expiresAt ? Date.parse(e.consent.expiresAt) : null,
  };
}

const ACCESS = ["mcp.tool.called", "mcp.resource.read", "mcp.prompt.get", "downstream.called"];
const isPrivileged = (e: Flat) =>
  e.type === "mcp.tool.called" &&
  e.scopes.some((s) => s.endsWith(":admin") || ["payments:write", "ap:write", "deploy:write"].includes(s));
const startsAny = (type: string, ...prefixes: string[]) => prefixes.some((p) => type.startsWith(p));

export function soxCategory(e: Flat): string | null {
  if (startsAny(e.type, "x-attest.member.", "x-attest.user.")) return "sox.role_change";
  if (startsAny(e.type, "x-attest.ingest_key.", "x-attest.api_token.")) return "sox.key_lifecycle";
  if (["agent.registered", "agent.updated", "agent.suspended"].includes(e.type) || e.type.startsWith("x-attest.agent."))
    return "sox.agent_lifecycle";
  if (["client.registered", "client.updated"].includes(e.type)) return "sox.client_registration";
  if (["token.issued", "token.exchanged", "token.revoked"].includes(e.type)) return "sox.token_lifecycle";
  if (e.type.startsWith("approval.")) return "sox.approval";
  if (e.type.startsWith("x-attest.")) return "sox.dashboard_action";
  if (isPrivileged(e)) return "sox.privileged_tool_call";
  return null;
}

export function pciCategory(e: Flat): string | null {
  const refused = e.outcome === "failure" || e.outcome === "denied";
  if (
    e.type === "token.rejected" ||
    e.type === "x-attest.auth.sign_in_failed" ||
    (e.type.startsWith("auth.") && refused)
  )
    return "10.2.1.4";
  if (startsAny(e.type, "x-attest.export.", "x-attest.integrity.")) return "10.2.1.3";
  if (startsAny(e.type, "x-attest.rules.", "x-attest.webhook.", "x-attest.settings.")) return "10.2.1.6/10.2.1.7";
  if (
    startsAny(
      e.type,
      "x-attest.ingest_key.",
      "x-attest.api_token.",
      "x-attest.member.",
      "x-attest.user.",
      "x-attest.agent.",
    ) ||
    [
      "client.registered",
      "client.updated",
      "token.issued",
      "token.exchanged",
      "token.revoked",
      "agent.registered",
      "agent.updated",
      "agent.suspended",
    ].includes(e.type)
  )
    return "10.2.1.5";
  if (e.type.startsWith("x-attest.") || isPrivileged(e)) return "10.2.1.2";
  if (ACCESS.includes(e.type)) return "10.2.1.1";
  return null;
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatches(glob: string, value: string | null): boolean {
  if (value === null) return false;
  const parts = glob.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[\\s\\S]*")}$`).test(value);
}

export function hipaaCategory(e: Flat, patterns: string[]): string | null {
  if (!patterns.some((p) => globMatches(p, e.targetId) || globMatches(p, e.resource))) return null;
  if (e.outcome === "denied" || e.outcome === "failure") return "hipaa.denied";
  if (ACCESS.includes(e.type)) return "hipaa.access";
  return "hipaa.authorization";
}

export function gdprCategory(e: Flat): string | null {
  if (e.type.startsWith("consent.")) return "gdpr.consent";
  if (ACCESS.includes(e.type) && e.onBehalfOf) return "gdpr.processing";
  return null;
}

export function countBy<T>(items: T[], key: (item: T) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** A hop holding a scope that the nearest earlier hop listing scopes did not hold. */
export function escalates(e: Flat): boolean {
  let previous: string[] | null = null;
  for (const hop of e.hops) {
    if (!Array.isArray(hop.scopes)) continue;
    if (previous && hop.scopes.some((s) => !previous?.includes(s))) return true;
    previous = hop.scopes;
  }
  return false;
}

/** Median as Postgres' percentile_cont(0.5): the mean of the two middle values for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
