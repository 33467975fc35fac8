import { type Acting, mcpFields, shared, sourceFor, userPrincipal } from "./acting";
import { POLICY_ENGINE, POLICY_VERSIONS, RESOURCES, TOOLS, type ToolSpec } from "./catalog";
import type { Decision, DemoEvent } from "./types";
import { Request, type World } from "./world";

// A tool call and everything that follows it in the same request: the policy decision,
// an approval when required, and the downstream API call when allowed.

export const APPROVAL_THRESHOLD = 10_000;

export type CallOptions = {
  decision?: Decision;
  denyReason?: string;
  amount?: number;
  /**
   * Force the approval's outcome for scripted scenarios. "raced" is a faulty MCP server that
   * calls the downstream API right after asking for approval, without waiting for it.
   */
  approval?: "granted" | "denied" | "raced";
};

export function callTool(world: World, ctx: Acting, toolId: string, t: number, opts: CallOptions = {}): number {
  const tool = TOOLS[toolId] as ToolSpec;
  const r = world.random;
  const amount = toolId === "stripe.refund" ? (opts.amount ?? refundAmount(world)) : undefined;
  const { decision, reason } = decide(world, tool, amount, opts);
  const base = shared(ctx);
  const mcp = mcpFields(world, ctx, "tools/call", t);
  const callTrace = ctx.parentSpan ? ctx.req.child(ctx.parentSpan) : ctx.req.root();
  const args = argumentsFor(world, toolId, amount);

  world.emit(t, {
    type: "mcp.tool.called",
    ...(decision === "deny"
      ? { outcome: "denied" as const, reason }
      : decision === "require_approval"
        ? { outcome: "pending" as const, reason }
        : {}),
    ...base,
    trace: callTrace,
    target: { type: "tool", id: toolId },
    resource: tool.server,
    scopes: [tool.scope],
    mcp,
    source: sourceFor(ctx, tool.server),
    attributes: args,
  });
  const policyAt = t + r.int(3, 25);
  const policy = POLICY_VERSIONS[tool.policy] ?? { version: "1", engine: "opa" };
  world.emit(policyAt, {
    type: "policy.evaluated",
    ...(decision === "deny" ? { outcome: "denied" as const, reason } : {}),
    actor: POLICY_ENGINE,
    correlationId: ctx.req.correlationId,
    trace: ctx.req.child(callTrace.spanId),
    target: { type: "tool", id: toolId },
    policy: { id: tool.policy, version: policy.version, decision, reason, engine: policy.engine },
    attributes: {
      input: {
        agent: ctx.agent.id,
        user: ctx.user?.id ?? null,
        tool: toolId,
        ...(amount !== undefined ? { amount } : {}),
      },
      durationMs: r.int(1, 9),
    },
  });
  if (decision === "deny") return policyAt + 10;

  let at = policyAt + r.int(5, 40);
  if (decision === "require_approval") {
    const forced = opts.approval;
    if (forced === "raced") {
      const done = callDownstream(world, ctx, tool, callTrace.spanId, at + r.int(150, 400), amount);
      return Math.max(done, requestApproval(world, ctx, base, callTrace.spanId, at, amount, "granted").t);
    }
    const approved = requestApproval(world, ctx, base, callTrace.spanId, at, amount, forced);
    if (!approved.granted) return approved.t;
    at = approved.t + r.int(100, 600);
  }
  return callDownstream(world, ctx, tool, callTrace.spanId, at, amount);
}

function decide(
  world: World,
  tool: ToolSpec,
  amount: number | undefined,
  opts: CallOptions,
): { decision: Decision; reason: string } {
  if (opts.decision) return { decision: opts.decision, reason: opts.denyReason ?? tool.denyReason };
  if (amount !== undefined && amount > APPROVAL_THRESHOLD)
    return { decision: "require_approval", reason: `amount ${amount} > ${APPROVAL_THRESHOLD}` };
  if (world.random.chance(tool.denyRate)) return { decision: "deny", reason: tool.denyReason };
  return {
    decision: "allow",
    reason: amount !== undefined ? `amount ${amount} <= ${APPROVAL_THRESHOLD}` : "within granted scopes",
  };
}

function requestApproval(
  world: World,
  ctx: Acting,
  base: ReturnType<typeof shared>,
  parentSpan: string,
  t: number,
  amount: number | undefined,
  forced?: "granted" | "denied",
): { granted: boolean; t: number } {
  const r = world.random;
  const approvalId = `apr_${r.hex(16)}`;
  const expiresAt = new Date(t + 30 * 60 * 1000).toISOString();
  world.emit(t, {
    type: "approval.requested",
    outcome: "pending",
    ...base,
    trace: ctx.req.child(parentSpan),
    target: { type: "approval", id: approvalId },
    approval: { id: approvalId, expiresAt },
    attributes: { amount, currency: "USD", channel: "slack:#finance-approvals" },
  });
  const candidates = world.cast.approvers.filter((u) => u.id !== ctx.user?.id);
  const approver = r.pick(candidates.length ? candidates : world.cast.approvers);
  const roll = r.float();
  const outcome = forced ?? (roll < 0.72 ? "granted" : roll < 0.95 ? "denied" : "expired");
  const decidedAt = outcome === "expired" ? t + 30 * 60 * 1000 : t + r.int(60_000, 22 * 60_000);
  const approverFields = { approver: userPrincipal(approver) };
  if (outcome === "expired") {
    world.emit(decidedAt, {
      type: "approval.expired",
      outcome: "failure",
      reason: "no approver responded within 30 minutes",
      actor: { type: "service", id: "approval-service", name: "Approval Service" },
      correlationId: ctx.req.correlationId,
      trace: ctx.req.child(parentSpan),
      target: { type: "approval", id: approvalId },
      approval: { id: approvalId, expiresAt },
    });
    return { granted: false, t: decidedAt };
  }
  world.emit(decidedAt, {
    type: outcome === "granted" ? "approval.granted" : "approval.denied",
    ...(outcome === "denied"
      ? {
          outcome: "denied" as const,
          reason: r.pick([
            "refund exceeds order value",
            "customer flagged for chargeback abuse",
            "needs a second quote",
          ]),
        }
      : {}),
    actor: userPrincipal(approver),
    session: { id: `sess_${r.hex(20)}` },
    correlationId: ctx.req.correlationId,
    trace: ctx.req.child(parentSpan),
    target: { type: "approval", id: approvalId },
    approval: { id: approvalId, ...approverFields, expiresAt },
    source: { ip: approver.ip, service: "approval-service" },
    attributes: { amount, currency: "USD" },
  });
  return { granted: outcome === "granted", t: decidedAt };
}

function callDownstream(
  world: World,
  ctx: Acting,
  tool: ToolSpec,
  parentSpan: string,
  t: number,
  amount: number | undefined,
): number {
  const r = world.random;
  const failed = r.chance(0.015);
  const trace = ctx.req.child(parentSpan);
  const status = failed ? r.pick([502, 503, 429]) : tool.downstream.startsWith("POST") ? 201 : 200;
  const durationMs = r.int(40, 900);
  const event: Omit<DemoEvent, "id" | "time"> = {
    type: "downstream.called",
    ...(failed
      ? { outcome: "failure" as const, reason: `upstream returned ${status}` }
      : { outcome: "success" as const }),
    ...shared(ctx),
    target: { type: "api", id: tool.downstream },
    source: { service: new URL(tool.server).host },
    attributes: { status, durationMs, ...(amount !== undefined ? { amount, currency: "USD" } : {}) },
  };
  // Some MCP servers log the W3C header verbatim instead of the structured trace.
  if (r.chance(0.2)) event.traceparent = Request.traceparent(trace);
  else event.trace = trace;
  world.emit(t, event);
  return t + durationMs;
}

function refundAmount(world: World): number {
  const r = world.random;
  const roll = r.float();
  if (roll < 0.7) return r.int(20, 800);
  if (roll < 0.93) return r.int(800, 9_999);
  return r.int(10_001, 60_000);
}

function argumentsFor(world: World, toolId: string, amount: number | undefined): Record<string, unknown> {
  const r = world.random;
  if (amount !== undefined)
    return { amount, currency: "USD", chargeId: `ch_${r.hex(14)}`, customerId: `cus_${r.hex(10)}` };
  if (toolId.startsWith("crm.")) return { customerId: `cus_${r.hex(10)}` };
  if (toolId.startsWith("github.")) return { repo: "northwind/app", pr: r.int(1200, 4800) };
  if (toolId === "snowflake.run_query") return { warehouse: "ANALYTICS_WH", rowsReturned: r.int(0, 5000) };
  return { requestId: r.hex(8) };
}

export function readResource(world: World, ctx: Acting, t: number): number {
  const server = world.random.pick(Object.keys(RESOURCES));
  const uri = world.random.pick(RESOURCES[server] as string[]);
  world.emit(t, {
    type: "mcp.resource.read",
    ...shared(ctx),
    trace: ctx.parentSpan ? ctx.req.child(ctx.parentSpan) : ctx.req.root(),
    target: { type: "resource", id: uri },
    resource: server,
    mcp: mcpFields(world, ctx, "resources/read", t),
    source: sourceFor(ctx, server),
  });
  return t + world.random.int(30, 300);
}

export function getPrompt(world: World, ctx: Acting, t: number): number {
  const server = TOOLS[ctx.agent.tools[0] as string]?.server;
  world.emit(t, {
    type: "mcp.prompt.get",
    ...shared(ctx),
    trace: ctx.req.root(),
    target: {
      type: "prompt",
      id: world.random.pick(["summarize-ticket", "draft-reply", "explain-diff", "weekly-report"]),
    },
    resource: server,
    mcp: mcpFields(world, ctx, "prompts/get", t),
    source: sourceFor(ctx, server),
  });
  return t + world.random.int(20, 120);
}
