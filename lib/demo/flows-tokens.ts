import { scopesOf } from "./agents";
import type { DemoAgent, DemoUser } from "./cast";
import { TOOLS } from "./catalog";
import type { DemoEvent } from "./types";
import { type Request, TOKEN_TTL_MS, type World } from "./world";

// Access tokens: issued after consent (or by client credentials for services), refreshed
// when they lapse, and now and then refused by the MCP server for being expired.

type TokenContext = { user?: DemoUser; sessionId?: string; resource?: string; scopes: string[]; req: Request };

export function issueToken(world: World, agent: DemoAgent, ctx: TokenContext, t: number): number {
  const jti = `jti_${world.random.hex(20)}`;
  const key = ctx.user ? world.pairKey(ctx.user, agent) : agent.id;
  world.tokens.set(key, { jti, issuedAt: t, expiresAt: t + TOKEN_TTL_MS, refreshes: 0 });
  world.emit(t, {
    type: "token.issued",
    actor: agent.principal,
    ...(ctx.user
      ? {
          onBehalfOf: { type: "user" as const, id: ctx.user.id, name: ctx.user.name },
          session: { id: ctx.sessionId as string },
        }
      : {}),
    client: agent.client,
    correlationId: ctx.req.correlationId,
    trace: ctx.req.child(),
    target: { type: "token", id: jti },
    resource: ctx.resource,
    scopes: ctx.scopes,
    token: tokenClaims(world, jti, ctx.resource, t + TOKEN_TTL_MS),
    source: { service: "auth-server" },
    attributes: { grantType: ctx.user ? "authorization_code" : "client_credentials" },
  });
  return t + 50;
}

export function tokenClaims(
  world: World,
  jti: string,
  audience: string | undefined,
  expiresMs: number,
): NonNullable<DemoEvent["token"]> {
  return {
    id: jti,
    ...(audience ? { audience } : {}),
    expiresAt: new Date(expiresMs).toISOString(),
    tenant: world.tenant,
  };
}

/** Refreshes the pair's token when it has expired, sometimes after the MCP server rejected it. */
export function ensureFreshToken(
  world: World,
  user: DemoUser | undefined,
  agent: DemoAgent,
  sessionId: string | undefined,
  req: Request,
  t: number,
  forceRejection = false,
): number {
  const key = user ? world.pairKey(user, agent) : agent.id;
  const token = world.tokens.get(key);
  const resource = TOOLS[agent.tools[0] as string]?.server;
  const scopes = scopesOf(agent);
  if (!token) return issueToken(world, agent, { user, sessionId, resource, scopes, req }, t);
  if (t < token.expiresAt) return t;
  let at = t;
  const onBehalf = user
    ? { onBehalfOf: { type: "user" as const, id: user.id, name: user.name }, session: { id: sessionId as string } }
    : {};
  if (forceRejection || world.random.chance(0.08)) {
    world.emit(at, {
      type: "token.rejected",
      outcome: "denied",
      reason: "expired",
      actor: agent.principal,
      ...onBehalf,
      client: agent.client,
      correlationId: req.correlationId,
      trace: req.child(),
      target: { type: "token", id: token.jti },
      resource,
      token: tokenClaims(world, token.jti, resource, token.expiresAt),
      source: { service: new URL(resource ?? "https://mcp.northwind.example").host },
      attributes: { expiredForSeconds: Math.round((t - token.expiresAt) / 1000) },
    });
    at += world.random.int(80, 400);
  }
  if (!user) return issueToken(world, agent, { resource, scopes, req }, at);
  const jti = `jti_${world.random.hex(20)}`;
  world.tokens.set(key, { jti, issuedAt: at, expiresAt: at + TOKEN_TTL_MS, refreshes: token.refreshes + 1 });
  world.emit(at, {
    type: "token.refreshed",
    actor: agent.principal,
    ...onBehalf,
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.child(),
    target: { type: "token", id: jti },
    resource,
    scopes,
    token: tokenClaims(world, jti, resource, at + TOKEN_TTL_MS),
    source: { service: "auth-server" },
    attributes: { previousTokenId: token.jti, rotation: token.refreshes + 1 },
  });
  return at + 60;
}
