import { type Acting, shared, userPrincipal } from "./acting";
import type { DemoAgent, DemoUser } from "./cast";
import { usersFor } from "./cast";
import { TOOLS } from "./catalog";
import { ensureConsent, ensureRegistered, ensureSession } from "./flows-identity";
import { ensureFreshToken, tokenClaims } from "./flows-tokens";
import { callTool, getPrompt, readResource } from "./flows-tools";
import type { DelegationHop } from "./types";
import type { World } from "./world";

// Whole requests as a person (or a scheduled job) would cause them. Each returns the time
// its last event happened.

export type Prepared = { ctx: Acting; t: number } | { ctx?: undefined; t: number };

/** Signs the user in, registers the agent, gets consent and a fresh token, in that order. */
export function prepare(world: World, agent: DemoAgent, user: DemoUser | undefined, t: number): Prepared {
  let at = ensureRegistered(world, agent, t);
  const req = world.newRequest();
  if (agent.kind === "service" || !user) {
    at = ensureFreshToken(world, undefined, agent, undefined, req, at);
    return { ctx: { agent, req }, t: at };
  }
  const session = ensureSession(world, user, at);
  at = session.t;
  if (agent.kind !== "human_app") {
    const consent = ensureConsent(world, user, agent, session.sessionId, at);
    at = consent.t;
    if (consent.consent?.status !== "granted") return { t: at };
  }
  at = ensureFreshToken(world, user, agent, session.sessionId, req, at + world.random.int(200, 5_000));
  return { ctx: { agent, user, sessionId: session.sessionId, req }, t: at };
}

/** Like prepare, but tries other users when one refuses consent; scripted scenarios need a yes. */
export function prepareAny(world: World, agent: DemoAgent, preferred: DemoUser | undefined, t: number): Prepared {
  let at = t;
  for (let attempt = 0; attempt < 8; attempt++) {
    const user = attempt === 0 && preferred ? preferred : pickUser(world, agent);
    const prepared = prepare(world, agent, user, at);
    if (prepared.ctx) return prepared;
    at = prepared.t + 1_000;
  }
  return { t: at };
}

export function pickUser(world: World, agent: DemoAgent): DemoUser {
  return world.random.pick(usersFor(agent, world.cast));
}

/** The everyday request: one to three tool calls, now and then a resource or a prompt. */
export function everydayRequest(world: World, agent: DemoAgent, t: number): number {
  const r = world.random;
  const user = agent.kind === "service" ? undefined : pickUser(world, agent);
  const prepared = prepare(world, agent, user, t);
  if (!prepared.ctx) return prepared.t;
  const { ctx } = prepared;
  let at = prepared.t + r.int(100, 1_500);
  const roll = r.float();
  if (roll < 0.1) at = readResource(world, ctx, at);
  else if (roll < 0.15) at = getPrompt(world, ctx, at);
  const calls = r.weighted([
    [1, 6],
    [2, 3],
    [3, 1],
  ] as const);
  for (let i = 0; i < calls; i++) {
    if (i > 0) ctx.req = world.newRequest();
    at = callTool(world, ctx, r.pick(ctx.agent.tools), at) + r.int(500, 20_000);
  }
  if (ctx.sessionId && !agent.stateless && r.chance(0.04)) endMcpSession(world, ctx, at);
  if (user && r.chance(0.02)) logout(world, user, at + r.int(1_000, 60_000));
  return at;
}

function endMcpSession(world: World, ctx: Acting, t: number) {
  const key = `${ctx.sessionId}|${ctx.agent.id}`;
  const sessionId = world.mcpSessions.get(key);
  if (!sessionId) return;
  world.mcpSessions.delete(key);
  world.emit(t, {
    type: "mcp.session.ended",
    ...shared(ctx),
    trace: ctx.req.child(),
    target: { type: "session", id: sessionId },
    mcp: { method: "session/close", protocolVersion: "2025-11-25", sessionId },
  });
}

function logout(world: World, user: DemoUser, t: number) {
  const session = world.sessions.get(user.id);
  if (!session) return;
  world.sessions.delete(user.id);
  const req = world.newRequest("sso");
  world.emit(t, {
    type: "auth.logout",
    actor: userPrincipal(user),
    session: { id: session.id },
    correlationId: req.correlationId,
    trace: req.root(),
    source: { ip: user.ip, service: "okta" },
  });
}

/**
 * An orchestrator hands work down through RFC 8693 token exchanges, one hop per agent,
 * narrowing scopes at each hop; the last agent calls the tool with the full chain.
 */
export function delegatedRequest(
  world: World,
  orchestrator: DemoAgent,
  t: number,
  hops?: 2 | 3,
  opts: { escalate?: boolean } = {},
): number {
  const r = world.random;
  const chain = delegationChain(world, orchestrator, hops ?? (r.chance(0.3) ? 3 : 2));
  const last = chain[chain.length - 1] as DemoAgent;
  // Scripted chains (an explicit hop count) must happen, so they insist on a consenting user.
  const prepared = hops
    ? prepareAny(world, orchestrator, undefined, t)
    : prepare(world, orchestrator, pickUser(world, orchestrator), t);
  if (!prepared.ctx?.user) return prepared.t;
  const user = prepared.ctx.user;
  for (const agent of chain.slice(1)) ensureRegistered(world, agent, prepared.t);
  const toolId = r.pick(last.tools);
  const tool = TOOLS[toolId];
  if (!tool) return prepared.t;

  const pool = [...new Set(chain.flatMap((a) => a.tools).map((id) => TOOLS[id]?.scope ?? "docs:read"))].filter(
    (s) => s !== tool.scope,
  );
  const delegation: DelegationHop[] = [
    { ...userPrincipal(user), scopes: [tool.scope, ...pool.slice(0, chain.length + 1)] },
  ];
  const { req, sessionId } = prepared.ctx;
  let at = prepared.t + r.int(200, 2_000);
  let parentSpan = req.rootSpan;
  chain.forEach((agent, i) => {
    // Each hop keeps the tool's scope and drops one more of the others.
    const keep = Math.max(0, chain.length - 1 - i);
    const scopes = [tool.scope, ...pool.slice(0, keep)];
    // A misconfigured token exchange: the last agent gets an admin scope nobody delegated.
    if (opts.escalate && i === chain.length - 1) scopes.push(`${tool.scope.split(":")[0]}:admin`);
    delegation.push({ ...agent.principal, scopes });
    if (i === 0) return;
    const jti = `jti_${r.hex(20)}`;
    const trace = req.child(parentSpan);
    world.emit(at, {
      type: "token.exchanged",
      ...shared({ agent, user, sessionId, req, delegation: [...delegation] }),
      trace,
      target: { type: "token", id: jti },
      resource: tool.server,
      scopes: delegation[delegation.length - 1]?.scopes,
      token: tokenClaims(world, jti, tool.server, at + 15 * 60 * 1000),
      source: { service: "auth-server", userAgent: agent.userAgent },
      attributes: {
        grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
        subjectTokenType: "urn:ietf:params:oauth:token-type:access_token",
        fromActor: chain[i - 1]?.id,
      },
    });
    parentSpan = trace.spanId;
    at += r.int(40, 400);
  });
  const ctx: Acting = { agent: last, user, sessionId, req, delegation, useAct: r.chance(0.15), parentSpan };
  return callTool(world, ctx, toolId, at);
}

function delegationChain(world: World, orchestrator: DemoAgent, hops: 2 | 3): DemoAgent[] {
  const byId = new Map(world.cast.agents.map((a) => [a.id, a]));
  const chain = [orchestrator];
  while (chain.length < hops) {
    const current = chain[chain.length - 1] as DemoAgent;
    const next = (current.delegatesTo ?? [])
      .map((id) => byId.get(id))
      .filter((a): a is DemoAgent => !!a && !chain.includes(a) && !world.suspended.has(a.id));
    // Prefer a sub-orchestrator when the chain must grow further.
    const wantsMore = chain.length + 1 < hops;
    const choices = wantsMore ? next.filter((a) => a.delegatesTo?.length) : next;
    const pick = choices.length ? world.random.pick(choices) : next.length ? world.random.pick(next) : undefined;
    if (!pick) break;
    chain.push(pick);
  }
  return chain;
}

/** A user withdraws an agent's consent; the next request will have to ask again. */
export function revokeConsent(world: World, user: DemoUser, agent: DemoAgent, t: number): boolean {
  const key = world.pairKey(user, agent);
  const consent = world.consents.get(key);
  if (consent?.status !== "granted") return false;
  const session = ensureSession(world, user, t);
  const req = world.newRequest("consent");
  world.emit(session.t, {
    type: "consent.revoked",
    actor: userPrincipal(user),
    session: { id: session.sessionId },
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.root(),
    target: { type: "consent", id: consent.id },
    scopes: consent.scopes,
    consent: { id: consent.id, scopes: consent.scopes },
    source: { ip: user.ip, service: "auth-server" },
    attributes: { agent: agent.id, via: "account settings" },
  });
  consent.status = "revoked";
  consent.at = session.t;
  world.tokens.delete(key);
  return true;
}
