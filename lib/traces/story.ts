import type { EventData } from "../flags/types";
import { formatDuration } from "./duration";
import { actorName, amountOf, humanLabel, humanOf, listInWords, type NamedEvent, subjectPhrase } from "./people";

// One sentence that tells what happened in a trace, for the page header: who acted for whom
// (and through which agents), what they did, what the policy decided, who approved and how long
// it took, and how the final call ended. Each event contributes at most one clause; routine
// plumbing (token issuance, MCP session set-up) is left out when the trace has a real action.

export type StoryEvent = NamedEvent & { type: string; time: Date; outcome: string };

/** A sentence stops being readable past this many clauses; the rest is counted. */
const MAX_CLAUSES = 7;

type Context = {
  events: readonly StoryEvent[];
  introduced: Set<string>;
  requestedAt: Map<string, number>;
  lastRequestAt: number | undefined;
  approvalRequired: boolean;
  hasAction: boolean;
};

const ACTION_TYPES =
  /^(mcp\.(tool\.called|resource\.read|prompt\.get)|downstream\.called|policy\.evaluated|approval\.)/;

function reasonOf(data: EventData): string | undefined {
  return data.reason?.trim() || undefined;
}

function withReason(text: string, data: EventData): string {
  const reason = reasonOf(data);
  return reason ? `${text}: ${reason}` : text;
}

/** The full "X, acting for Y via Z," the first time an actor appears; the bare name after. */
function subject(event: StoryEvent, ctx: Context): string {
  if (ctx.introduced.has(event.actorId)) return actorName(event);
  ctx.introduced.add(event.actorId);
  return subjectPhrase(event);
}

function targetName(data: EventData): string {
  return data.target?.name?.trim() || data.target?.id || "something";
}

function policyName(policy: NonNullable<EventData["policy"]>): string {
  return `policy ${policy.id}${policy.version ? ` v${policy.version}` : ""}`;
}

function waitedFor(event: StoryEvent, ctx: Context): string {
  const id = event.data.approval?.id;
  const from = (id ? ctx.requestedAt.get(id) : undefined) ?? ctx.lastRequestAt;
  return from === undefined ? "" : ` after ${formatDuration(event.time.getTime() - from)}`;
}

function approverName(event: StoryEvent): string {
  const approver = event.data.approval?.approver;
  if (approver?.name) return approver.name;
  if (event.actorType === "user" || !approver) return actorName(event);
  return approver.id;
}

function toolCall(event: StoryEvent, ctx: Context, verb: string): string {
  const amount = amountOf(event.data);
  const text = `${subject(event, ctx)} ${verb} ${targetName(event.data)}${amount ? ` (${amount})` : ""}`;
  const policyFollows = ctx.events.some((e) => e.type === "policy.evaluated" && e.time >= event.time);
  if (policyFollows) return text;
  if (event.outcome === "denied") return withReason(`${text}, which was denied`, event.data);
  if (event.outcome === "failure") return withReason(`${text}, which failed`, event.data);
  return text;
}

function tokenRejected(event: StoryEvent, ctx: Context): string {
  const { data } = event;
  const rejected = data.source?.service ? `${data.source.service} rejected` : "was rejected";
  const reason = reasonOf(data) ?? "no reason given";
  const detail =
    reason === "cross_tenant" && data.token?.tenant ? ` (the token was issued for tenant ${data.token.tenant})` : "";
  return `${subject(event, ctx)} presented a token that ${rejected}: ${reason}${detail}`;
}

function consentClause(event: StoryEvent, ctx: Context): string | undefined {
  const { data } = event;
  const scopes = data.consent?.scopes ?? data.scopes;
  const forScopes = scopes?.length ? ` for ${scopes.join(" ")}` : "";
  const client = data.client?.name ?? data.client?.id;
  const human = humanOf(event);
  switch (event.type) {
    case "consent.requested":
      return `${subject(event, ctx)} asked ${human ? humanLabel(human, data.session?.id) : "the user"} for consent${forScopes}`;
    case "consent.granted":
      return `${actorName(event)} granted consent${client ? ` to ${client}` : ""}${forScopes}`;
    case "consent.denied":
      return withReason(`${actorName(event)} refused consent${client ? ` to ${client}` : ""}${forScopes}`, data);
    case "consent.revoked":
      return `${actorName(event)} revoked the consent${client ? ` of ${client}` : ""}${forScopes}`;
    default:
      return undefined;
  }
}

function identityClause(event: StoryEvent): string | undefined {
  const user = actorName(event);
  const through = event.data.source?.service ? ` through ${event.data.source.service}` : "";
  const failed = event.outcome === "failure" || event.outcome === "denied";
  switch (event.type) {
    case "auth.login":
      return failed ? withReason(`${user} failed to sign in${through}`, event.data) : `${user} signed in${through}`;
    case "auth.mfa":
      return failed ? withReason(`${user} failed MFA`, event.data) : `${user} completed MFA`;
    case "auth.logout":
      return `${user} signed out`;
    default:
      return undefined;
  }
}

function tokenClause(event: StoryEvent, ctx: Context): string | undefined {
  if (event.type === "token.rejected") return tokenRejected(event, ctx);
  if (event.type === "token.revoked")
    return `${actorName(event)} revoked token ${event.data.token?.id ?? targetName(event.data)}`;
  // Issuance, refresh and exchange are plumbing when something was done with the token.
  if (ctx.hasAction) return undefined;
  const verb =
    event.type === "token.issued"
      ? "got a token"
      : event.type === "token.refreshed"
        ? "refreshed its token"
        : "received a delegated token by token exchange";
  const audience = event.data.token?.audience ?? event.data.resource;
  return `${subject(event, ctx)} ${verb}${audience ? ` for ${audience}` : ""}`;
}

function registryClause(event: StoryEvent): string | undefined {
  const target = targetName(event.data);
  const client = event.data.client?.name ?? event.data.client?.id ?? target;
  switch (event.type) {
    case "client.registered":
      return `client ${client} was registered${event.data.client?.registration ? ` (${event.data.client.registration})` : ""}`;
    case "client.updated":
      return `client ${client} was updated`;
    case "agent.registered":
      return `agent ${target} was registered`;
    case "agent.updated":
      return `${actorName(event)} updated agent ${target}`;
    case "agent.suspended":
      return withReason(`${actorName(event)} suspended agent ${target}`, event.data);
    default:
      return undefined;
  }
}

function approvalClause(event: StoryEvent, ctx: Context): string | undefined {
  const id = event.data.approval?.id;
  switch (event.type) {
    case "approval.requested":
      if (id) ctx.requestedAt.set(id, event.time.getTime());
      ctx.lastRequestAt = event.time.getTime();
      return ctx.approvalRequired ? undefined : `${subject(event, ctx)} requested approval`;
    case "approval.granted":
      return `${approverName(event)} approved${waitedFor(event, ctx)}`;
    case "approval.denied":
      return withReason(`${approverName(event)} denied the approval${waitedFor(event, ctx)}`, event.data);
    case "approval.expired":
      return `the approval expired unanswered${waitedFor(event, ctx)}`;
    default:
      return undefined;
  }
}

function clauseFor(event: StoryEvent, ctx: Context): string | undefined {
  const { type, data } = event;
  if (type === "mcp.tool.called") return toolCall(event, ctx, "called");
  if (type === "mcp.resource.read") return toolCall(event, ctx, "read");
  if (type === "mcp.prompt.get") return toolCall(event, ctx, "fetched prompt");
  if (type === "policy.evaluated" && data.policy) {
    const policy = policyName(data.policy);
    if (data.policy.decision === "require_approval") {
      ctx.approvalRequired = true;
      return `${policy} required approval`;
    }
    if (data.policy.decision === "deny") {
      const reason = data.policy.reason?.trim() || reasonOf(data);
      return `${policy} denied it${reason ? `: ${reason}` : ""}`;
    }
    return `${policy} allowed it`;
  }
  if (type.startsWith("approval.")) return approvalClause(event, ctx);
  if (type === "downstream.called") {
    const call = `the downstream call ${targetName(data)}`;
    if (event.outcome === "success") return `${call} succeeded`;
    if (event.outcome === "pending") return `${call} is pending`;
    return withReason(`${call} ${event.outcome === "denied" ? "was denied" : "failed"}`, data);
  }
  if (type.startsWith("token.")) return tokenClause(event, ctx);
  if (type.startsWith("consent.")) return consentClause(event, ctx);
  if (type.startsWith("auth.")) return identityClause(event);
  if (type.startsWith("client.") || type.startsWith("agent.")) return registryClause(event);
  return undefined;
}

function fallback(events: readonly StoryEvent[]): string {
  const types = [...new Set(events.map((e) => e.type))];
  const actors = [...new Set(events.map((e) => actorName(e)))];
  return `${listInWords(actors)} reported ${events.length === 1 ? "one event" : `${events.length} events`} (${types.join(", ")})`;
}

/** Capitalizes our own opening words, never an id a sender chose ("sales-bot" stays as sent). */
function capitalize(text: string): string {
  return /^(the|policy|client|agent) /.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The trace in one sentence; events may come in any order. Empty for an empty trace. */
export function traceStory(input: readonly StoryEvent[]): string {
  if (input.length === 0) return "";
  const events = [...input].sort((a, b) => a.time.getTime() - b.time.getTime());
  const ctx: Context = {
    events,
    introduced: new Set(),
    requestedAt: new Map(),
    lastRequestAt: undefined,
    approvalRequired: false,
    hasAction: events.some((e) => ACTION_TYPES.test(e.type) || e.type === "token.rejected"),
  };
  const clauses: string[] = [];
  for (const event of events) {
    const clause = clauseFor(event, ctx);
    if (clause && clause !== clauses[clauses.length - 1]) clauses.push(clause);
  }
  if (clauses.length === 0) clauses.push(fallback(events));
  const shown = clauses.length > MAX_CLAUSES ? clauses.slice(0, MAX_CLAUSES - 1) : clauses;
  const more = clauses.length - shown.length;
  const sentence = shown.join("; ") + (more ? `; and ${more} more steps` : "");
  return `${capitalize(sentence).replace(/,$/, "")}.`;
}
