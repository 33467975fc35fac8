// The event type catalogue of contract v1 (../shared/contract/events-v1.md).
export const EVENT_TYPES = [
  "auth.login",
  "auth.logout",
  "auth.mfa",
  "client.registered",
  "client.updated",
  "agent.registered",
  "agent.updated",
  "agent.suspended",
  "consent.requested",
  "consent.granted",
  "consent.denied",
  "consent.revoked",
  "token.issued",
  "token.refreshed",
  "token.exchanged",
  "token.revoked",
  "token.rejected",
  "mcp.session.started",
  "mcp.session.ended",
  "mcp.tool.called",
  "mcp.resource.read",
  "mcp.prompt.get",
  "policy.evaluated",
  "approval.requested",
  "approval.granted",
  "approval.denied",
  "approval.expired",
  "downstream.called",
] as const;

export type CatalogueEventType = (typeof EVENT_TYPES)[number];

/** `x-<vendor>.<name>`: custom event types that senders may add. */
export const CUSTOM_EVENT_TYPE = /^x-[a-z0-9][a-z0-9-]{0,62}\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const TARGET_TYPES = [
  "tool",
  "resource",
  "prompt",
  "api",
  "token",
  "consent",
  "client",
  "agent",
  "policy",
  "approval",
  "session",
  "user",
] as const;

/** `x-<name>` target types. */
export const CUSTOM_TARGET_TYPE = /^x-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const OUTCOMES = ["success", "failure", "denied", "pending"] as const;
export const PRINCIPAL_TYPES = ["user", "agent", "service"] as const;
export const CLIENT_KINDS = ["ai_agent", "human_app", "service"] as const;
export const CLIENT_REGISTRATIONS = ["pre_registered", "dynamic", "metadata_document"] as const;
export const POLICY_DECISIONS = ["allow", "deny", "require_approval"] as const;
