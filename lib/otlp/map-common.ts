import { isIP } from "node:net";
import type { Attributes } from "./values";

// What spans and log records share when they become contract events: who acted (GenAI agent
// attributes, else the resource's service.name), for whom (enduser.id / user.id), the MCP session, the
// correlation id, where it was observed, and the original attributes kept under bounded,
// namespaced keys.

/** Room left for the OTel attributes inside the contract's 16 KB `attributes`. */
const ATTRIBUTE_BUDGET_BYTES = 12 * 1024;
const MAX_STRING = 2048;

export type EventValue = Record<string, unknown>;

const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** A non-empty string attribute, from the item first and then its resource. */
export function text(attrs: Attributes, key: string, resource: Attributes = {}): string | undefined {
  const value = attrs[key] ?? resource[key];
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function actor(attrs: Attributes, resource: Attributes) {
  const agentId = text(attrs, "gen_ai.agent.id", resource);
  const agentName = text(attrs, "gen_ai.agent.name", resource);
  if (agentId || agentName) {
    return {
      type: "agent",
      id: clip((agentId ?? agentName) as string, 256),
      ...(agentId && agentName ? { name: clip(agentName, 256) } : {}),
    };
  }
  return { type: "service", id: clip(text(resource, "service.name") ?? "unknown_service", 256) };
}

/** The fields every mapped event gets from the item's and its resource's attributes. */
export function commonFields(attrs: Attributes, resource: Attributes): EventValue {
  const event: EventValue = { actor: actor(attrs, resource) };
  // enduser.id, or user.id, which newer semantic conventions use instead.
  const endUser = text(attrs, "enduser.id", resource) ?? text(attrs, "user.id", resource);
  if (endUser) event.onBehalfOf = { type: "user", id: clip(endUser, 256) };
  const sessionId = text(attrs, "mcp.session.id");
  if (sessionId) event.session = { id: clip(sessionId, 256) };
  const method = text(attrs, "mcp.method.name");
  const protocolVersion = text(attrs, "mcp.protocol.version");
  if (method || sessionId || protocolVersion) {
    event.mcp = {
      ...(method ? { method: clip(method, 128) } : {}),
      ...(protocolVersion ? { protocolVersion: clip(protocolVersion, 64) } : {}),
      ...(sessionId ? { sessionId: clip(sessionId, 256) } : {}),
    };
  }
  const correlationId = text(attrs, "attest.correlation_id");
  if (correlationId) event.correlationId = clip(correlationId, 128);
  const ip = text(attrs, "client.address");
  const userAgent = text(attrs, "user_agent.original");
  const service = text(resource, "service.name");
  if ((ip && isIP(ip)) || userAgent || service) {
    event.source = {
      ...(ip && isIP(ip) ? { ip } : {}),
      ...(userAgent ? { userAgent: clip(userAgent, 1024) } : {}),
      ...(service ? { service: clip(service, 256) } : {}),
    };
  }
  return event;
}

function bounded(value: unknown): unknown {
  if (typeof value === "string") return clip(value, MAX_STRING);
  return value;
}

/**
 * `meta` first, then the item's attributes as `<prefix>.<key>`, then the resource's as
 * `otel.resource.<key>`, until the budget is spent; what did not fit is counted in
 * `otel.dropped_attributes`.
 */
export function otelAttributes(meta: Attributes, prefix: string, attrs: Attributes, resource: Attributes): Attributes {
  const out: Attributes = {};
  let used = 0;
  let dropped = 0;
  const add = (key: string, raw: unknown) => {
    const value = bounded(raw);
    const size = Buffer.byteLength(JSON.stringify([key, value]) ?? "", "utf8");
    if (used + size > ATTRIBUTE_BUDGET_BYTES) {
      dropped++;
      return;
    }
    used += size;
    out[key] = value;
  };
  for (const [key, value] of Object.entries(meta)) if (value !== undefined && value !== "") add(key, value);
  for (const [key, value] of Object.entries(attrs)) add(`${prefix}.${key}`, value);
  for (const [key, value] of Object.entries(resource)) add(`otel.resource.${key}`, value);
  if (dropped > 0) out["otel.dropped_attributes"] = dropped;
  return out;
}

/** failure with a reason, or success. */
export function outcomeFields(failed: boolean, reason: string | undefined): EventValue {
  return failed ? { outcome: "failure", reason: clip(reason || "error", 1024) } : { outcome: "success" };
}
