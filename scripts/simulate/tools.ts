import { randomBytes } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { AttestEvent } from "../../lib/sdk/types";
import { delegationOf } from "./auth-exchange";
import { childSpan, now, person, propagationHeaders, type Send, type Span, spanFromHeaders, traced } from "./context";
import { APPROVER, askApprover, evaluatePolicy, POLICY } from "./policy";

// The MCP server's tools. Each call: ask the policy (policy.evaluated), wait for a human when it
// says require_approval (approval.requested → approval.granted/denied), call the downstream
// API (downstream.called), and report the call itself (mcp.tool.called) with the delegation
// chain, scopes, session and client taken from the validated token.

export type TokenClaims = {
  sub: string;
  client_id: string;
  scope?: string;
  agent?: string;
  tenant?: string;
  /** The user's sign-in session at the AS. */
  sid?: string;
  act?: { sub: string; scope?: string; act?: TokenClaims["act"] };
};

type ToolDeps = { send: Send; downstreamUrl: string; approvalWaitMs: number; resource(): string };

type Extra = {
  authInfo?: { extra?: Record<string, unknown> };
  sessionId?: string;
  requestInfo?: { headers: Record<string, string | string[] | undefined> };
};

const SOURCE = { service: "sim-mcp-server" };

export function registerTools(server: McpServer, deps: ToolDeps) {
  const tool = (name: string, description: string, shape: z.ZodRawShape, downstream: (a: Args) => Call) =>
    server.registerTool(name, { description, inputSchema: shape }, (args: Args, extra: Extra) =>
      callTool(deps, name, args, extra, downstream),
    );
  tool("refund", "Refund a customer's payment", { customer: z.string(), amount: z.number().positive() }, (a) => ({
    method: "POST",
    path: "/v1/refunds",
    body: { customer: a.customer, amount: a.amount },
  }));
  tool("customer_lookup", "Look up a customer record", { customer: z.string() }, (a) => ({
    method: "GET",
    path: `/v1/customers/${encodeURIComponent(String(a.customer))}`,
    label: "/v1/customers/{id}",
  }));
  tool("export_records", "Export customer records", { limit: z.number().int().positive() }, (a) => ({
    method: "POST",
    path: "/v1/exports",
    body: { limit: a.limit },
  }));
}

type Args = Record<string, unknown>;
type Call = { method: string; path: string; label?: string; body?: unknown };

async function callTool(deps: ToolDeps, name: string, args: Args, extra: Extra, downstream: (a: Args) => Call) {
  const started = now();
  const claims = extra.authInfo?.extra?.claims as TokenClaims;
  const span = spanFromHeaders(extra.requestInfo?.headers ?? {});
  const scopes = (claims.scope ?? "").split(" ").filter(Boolean);
  const agent = { type: "agent" as const, id: claims.agent ?? claims.client_id };
  const amount = typeof args.amount === "number" ? args.amount : undefined;
  const common = {
    actor: agent,
    onBehalfOf: person(claims.sub),
    ...(claims.act ? { delegation: delegationOf(claims.sub, claims.act) } : {}),
    client: { id: claims.client_id, kind: "ai_agent" as const },
    // The human's session is the AS sign-in; the MCP session id goes in mcp.sessionId.
    session: { id: claims.sid ?? extra.sessionId ?? "stateless" },
  };
  const report = (event: Omit<AttestEvent, "actor" | "time"> & Partial<AttestEvent>, at: Span) =>
    deps.send({ actor: agent, time: now(), ...traced(at), source: SOURCE, ...event });

  const verdict = evaluatePolicy(name, args, scopes);
  report(
    {
      type: "policy.evaluated",
      actor: { type: "service", id: "policy-engine", name: "Simulator policy engine" },
      target: { type: "tool", id: name },
      policy: { ...POLICY, decision: verdict.decision, reason: verdict.reason },
      scopes,
      ...(amount !== undefined ? { attributes: { amount } } : {}),
    },
    childSpan(span),
  );
  let outcome: { outcome: "success" | "denied" | "failure"; reason?: string } = { outcome: "success" };
  if (verdict.decision === "deny") outcome = { outcome: "denied", reason: `policy: ${verdict.reason}` };
  if (verdict.decision === "require_approval") {
    const approval = { id: `apr-${randomBytes(6).toString("hex")}` };
    const approvalSpan = childSpan(span);
    report(
      { type: "approval.requested", approval, target: { type: "approval", id: approval.id }, attributes: { amount } },
      approvalSpan,
    );
    const answer = await askApprover(amount ?? 0, deps.approvalWaitMs);
    report(
      {
        type: answer.granted ? "approval.granted" : "approval.denied",
        actor: APPROVER,
        approval: { ...approval, approver: APPROVER },
        target: { type: "approval", id: approval.id },
        reason: answer.reason,
      },
      childSpan(approvalSpan),
    );
    if (!answer.granted) outcome = { outcome: "denied", reason: `approval denied: ${answer.reason}` };
  }
  let result: unknown = null;
  if (outcome.outcome === "success") {
    const call = downstream(args);
    const callSpan = childSpan(span);
    const url = `${deps.downstreamUrl}${call.path}`;
    const response = await fetch(url, {
      method: call.method,
      headers: { ...propagationHeaders(callSpan), "content-type": "application/json" },
      ...(call.body ? { body: JSON.stringify(call.body) } : {}),
    });
    result = await response.json();
    report(
      {
        type: "downstream.called",
        target: { type: "api", id: `${call.method} ${deps.downstreamUrl}${call.label ?? call.path}` },
        outcome: response.ok ? "success" : "failure",
        ...(response.ok ? {} : { reason: `HTTP ${response.status}` }),
        attributes: { status: response.status, ...(amount !== undefined ? { amount } : {}) },
      },
      callSpan,
    );
    if (!response.ok) outcome = { outcome: "failure", reason: `downstream answered ${response.status}` };
  }
  deps.send({
    type: "mcp.tool.called",
    time: started,
    ...common,
    ...outcome,
    ...traced(span),
    target: { type: "tool", id: name },
    resource: deps.resource(),
    scopes,
    mcp: { method: "tools/call", sessionId: extra.sessionId },
    source: SOURCE,
    attributes: { ...args },
  });
  const text = outcome.outcome === "success" ? JSON.stringify(result) : (outcome.reason ?? outcome.outcome);
  return { content: [{ type: "text" as const, text }], isError: outcome.outcome !== "success" };
}
