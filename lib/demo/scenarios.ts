import { shared, userPrincipal } from "./acting";
import type { DemoAgent, DemoUser } from "./cast";
import { OTHER_TENANTS } from "./catalog";
import { delegatedRequest, pickUser, prepare, prepareAny, revokeConsent } from "./flows-requests";
import { ensureFreshToken, tokenClaims } from "./flows-tokens";
import { callTool } from "./flows-tools";
import type { World } from "./world";

// Scripted stories that a governance dashboard must surface. The generator plays each once
// at a fixed point of the window, so every seed and every size above a few hundred events has them.

export type Scenario = { at: number; name: string; run: (world: World, t: number) => number };

function agent(world: World, id: string): DemoAgent {
  const found = world.cast.agents.find((a) => a.id === id);
  if (!found) throw new Error(`demo agent ${id} is not in the catalog`);
  return found;
}

/** A refund above the approval threshold: require_approval, then a human decides minutes later. */
function largeRefund(approval: "granted" | "denied"): Scenario["run"] {
  return (world, t) => {
    const billing = agent(world, "billing-copilot");
    const prepared = prepareAny(world, billing, world.cast.users[6 + world.random.int(0, 3)], t);
    if (!prepared.ctx) return prepared.t;
    const amount = world.random.int(10_500, 48_000);
    return callTool(world, prepared.ctx, "stripe.refund", prepared.t + 800, { amount, approval });
  };
}

/** A refund over the threshold that a misconfigured policy allowed, so nobody approved it. */
function unapprovedLargeRefund(world: World, t: number): number {
  const billing = agent(world, "billing-copilot");
  const prepared = prepareAny(world, billing, world.cast.users[11], t);
  if (!prepared.ctx) return prepared.t;
  return callTool(world, prepared.ctx, "stripe.refund", prepared.t + 600, {
    amount: world.random.int(15_000, 25_000),
    decision: "allow",
    denyReason: "refund issued through the partner channel, which has no amount rule",
  });
}

/** The MCP server calls Stripe right after asking for approval, instead of waiting for it. */
function refundBeforeApproval(world: World, t: number): number {
  const billing = agent(world, "billing-copilot");
  const prepared = prepareAny(world, billing, world.cast.users[12], t);
  if (!prepared.ctx) return prepared.t;
  const amount = world.random.int(11_000, 30_000);
  return callTool(world, prepared.ctx, "stripe.refund", prepared.t + 700, { amount, approval: "raced" });
}

/** An agent uses a scope its user never consented to (a bulk export the consent did not cover). */
function outOfConsentScope(world: World, t: number): number {
  const support = agent(world, "support-assistant");
  const prepared = prepareAny(world, support, undefined, t);
  if (!prepared.ctx) return prepared.t;
  return callTool(world, prepared.ctx, "crm.export_customers", prepared.t + 400, {
    decision: "allow",
    denyReason: "export under 500 rows",
  });
}

/** An agent presents a token minted by another tenant's authorization server. */
function crossTenantToken(world: World, t: number): number {
  const support = agent(world, "support-assistant");
  const prepared = prepareAny(world, support, undefined, t);
  if (!prepared.ctx) return prepared.t;
  const ctx = prepared.ctx;
  const jti = `jti_${world.random.hex(20)}`;
  const server = "https://mcp.crm.northwind.example";
  const foreign = world.random.pick(OTHER_TENANTS);
  world.emit(prepared.t + 300, {
    type: "token.rejected",
    outcome: "denied",
    reason: "cross_tenant",
    ...shared(ctx),
    trace: ctx.req.root(),
    target: { type: "token", id: jti },
    resource: server,
    token: { ...tokenClaims(world, jti, server, prepared.t + 40 * 60 * 1000), tenant: foreign },
    source: { ip: "203.0.113.57", userAgent: support.userAgent, service: "mcp.crm.northwind.example" },
    attributes: { expectedTenant: world.tenant, issuer: `https://auth.${foreign}.example` },
  });
  return prepared.t + 300;
}

/** The same agent keeps trying a blocked bulk export: ten denials inside two minutes. */
function denialBurst(world: World, t: number): number {
  const sales = agent(world, "sales-researcher");
  const prepared = prepareAny(world, sales, undefined, t);
  if (!prepared.ctx?.user) return prepared.t;
  const user = prepared.ctx.user;
  let at = prepared.t + 1_000;
  for (let i = 0; i < 10; i++) {
    const ctx = { ...prepared.ctx, req: world.newRequest() };
    callTool(world, ctx, "crm.export_customers", at, {
      decision: "deny",
      denyReason: "bulk export of customer PII is blocked",
    });
    at += world.random.int(6_000, 11_000);
  }
  // Security reacts: the agent is suspended a few minutes later.
  const security = world.cast.users.find((u) => u.department === "Security") ?? user;
  const req = world.newRequest("admin");
  at += world.random.int(3 * 60_000, 8 * 60_000);
  world.emit(at, {
    type: "agent.suspended",
    actor: userPrincipal(security),
    correlationId: req.correlationId,
    trace: req.root(),
    target: { type: "agent", id: sales.id, name: sales.name },
    reason: "repeated denied bulk-export attempts",
    attributes: { deniedAttempts: 10, policy: "pii-guard" },
  });
  world.suspended.add(sales.id);
  return at;
}

/** A user revokes consent, yet the agent's still-valid token is used for another tool call. */
function callAfterRevoke(world: World, t: number): number {
  const support = agent(world, "support-assistant");
  const prepared = prepareAny(
    world,
    support,
    world.cast.users.find((u) => u.department === "Support"),
    t,
  );
  if (!prepared.ctx?.user) return prepared.t;
  const user = prepared.ctx.user;
  let at = callTool(world, prepared.ctx, "crm.lookup_customer", prepared.t + 500, { decision: "allow" });
  at += world.random.int(60_000, 180_000);
  revokeConsent(world, user, support, at);
  at += world.random.int(5 * 60_000, 15 * 60_000);
  const ctx = { ...prepared.ctx, req: world.newRequest() };
  return callTool(world, ctx, "zendesk.reply", at, { decision: "allow" });
}

/** An expired token is rejected, refreshed, and the call goes through. */
function expiredToken(world: World, t: number): number {
  const analyst = agent(world, "data-analyst");
  const prepared = prepareAny(world, analyst, undefined, t);
  if (!prepared.ctx?.user) return prepared.t;
  const user = prepared.ctx.user;
  const token = world.tokens.get(world.pairKey(user, analyst));
  if (token) token.expiresAt = prepared.t - 60_000;
  const at = ensureFreshToken(world, user, analyst, prepared.ctx.sessionId, prepared.ctx.req, prepared.t + 200, true);
  return callTool(world, prepared.ctx, "looker.get_dashboard", at + 150, { decision: "allow" });
}

/** Background noise: a token refused for a reason other than expiry, now and then. */
export function randomRejection(world: World, subject: DemoAgent, t: number): number {
  const prepared = prepare(world, subject, pickUser(world, subject), t);
  if (!prepared.ctx) return prepared.t;
  const ctx = prepared.ctx;
  const reason = world.random.weighted([
    ["wrong_audience", 4],
    ["bad_signature", 2],
    ["revoked", 2],
    ["cross_tenant", 1],
  ] as const);
  const token = world.tokens.get(world.pairKey(ctx.user ?? (world.cast.users[0] as DemoUser), subject));
  const jti = reason === "cross_tenant" || !token ? `jti_${world.random.hex(20)}` : token.jti;
  const server = "https://mcp.data.northwind.example";
  const claims = tokenClaims(
    world,
    jti,
    reason === "wrong_audience" ? "https://mcp.payments.northwind.example" : server,
    prepared.t + 20 * 60 * 1000,
  );
  world.emit(prepared.t + 200, {
    type: "token.rejected",
    outcome: "denied",
    reason,
    ...shared(ctx),
    trace: ctx.req.root(),
    target: { type: "token", id: jti },
    resource: server,
    token: reason === "cross_tenant" ? { ...claims, tenant: world.random.pick(OTHER_TENANTS) } : claims,
    source: { ...(ctx.user ? { ip: ctx.user.ip } : {}), userAgent: subject.userAgent, service: new URL(server).host },
  });
  return prepared.t + 200;
}

function escalatedDelegation(world: World, t: number): number {
  return delegatedRequest(world, agent(world, "ops-planner"), t, 3, { escalate: true });
}

export const SCENARIOS: Scenario[] = [
  { at: 0.08, name: "expired token", run: expiredToken },
  { at: 0.15, name: "cross-tenant token", run: crossTenantToken },
  { at: 0.22, name: "three-hop delegation", run: (w, t) => delegatedRequest(w, agent(w, "ops-planner"), t, 3) },
  { at: 0.3, name: "large refund approved", run: largeRefund("granted") },
  { at: 0.38, name: "two-hop delegation", run: (w, t) => delegatedRequest(w, agent(w, "ops-planner"), t, 2) },
  { at: 0.42, name: "large refund without approval", run: unapprovedLargeRefund },
  { at: 0.45, name: "denial burst", run: denialBurst },
  { at: 0.5, name: "three-hop delegation with escalation", run: (w, t) => escalatedDelegation(w, t) },
  { at: 0.55, name: "tool call after consent revoked", run: callAfterRevoke },
  { at: 0.6, name: "out-of-consent scope", run: outOfConsentScope },
  { at: 0.65, name: "large refund denied", run: largeRefund("denied") },
  { at: 0.68, name: "refund before approval", run: refundBeforeApproval },
  { at: 0.72, name: "cross-tenant token again", run: crossTenantToken },
];
