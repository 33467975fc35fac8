import type { DemoAgent, DemoUser } from "./cast";
import { TOOLS } from "./catalog";
import type { ActClaim, DelegationHop, DemoEvent, Principal } from "./types";
import type { EventInput, Request, World } from "./world";

// Who is acting in a request and on whose behalf, and the fields every event of that
// request shares (actor, onBehalfOf, session, client, correlation, MCP session).

export type Acting = {
  agent: DemoAgent;
  /** The human behind the request; absent for services using client credentials. */
  user?: DemoUser;
  sessionId?: string;
  req: Request;
  delegation?: DelegationHop[];
  /** Send the chain as an RFC 8693 `act` claim instead of `delegation`. */
  useAct?: boolean;
  /** Span under which this actor's events nest (delegated work hangs below the exchange). */
  parentSpan?: string;
};

export const STATELESS_PROTOCOL = "2026-07-28";
export const STATEFUL_PROTOCOL = "2025-11-25";

export function userPrincipal(user: DemoUser): Principal {
  return { type: "user", id: user.id, name: user.name };
}

/** Human apps are driven by the person; agents and services act as themselves. */
export function actorOf(ctx: Acting): Principal {
  return ctx.agent.kind === "human_app" && ctx.user ? userPrincipal(ctx.user) : ctx.agent.principal;
}

export function actClaim(delegation: DelegationHop[]): ActClaim | undefined {
  // Outermost act is the current actor; each nested act is the actor before it. The human is `sub`.
  let claim: ActClaim | undefined;
  for (const hop of delegation.slice(1)) claim = claim ? { sub: hop.id, act: claim } : { sub: hop.id };
  return claim;
}

export function mcpFields(world: World, ctx: Acting, method: string, t: number): DemoEvent["mcp"] {
  if (ctx.agent.stateless || !ctx.sessionId) return { method, protocolVersion: STATELESS_PROTOCOL };
  const key = `${ctx.sessionId}|${ctx.agent.id}`;
  let sessionId = world.mcpSessions.get(key);
  if (!sessionId) {
    sessionId = `mcp-${world.random.hex(24)}`;
    world.mcpSessions.set(key, sessionId);
    world.emit(t - 5, {
      type: "mcp.session.started",
      ...shared(ctx),
      trace: ctx.req.child(ctx.parentSpan),
      target: { type: "session", id: sessionId },
      resource: TOOLS[ctx.agent.tools[0] as string]?.server,
      mcp: { method: "initialize", protocolVersion: STATEFUL_PROTOCOL, sessionId },
    });
  }
  return { method, protocolVersion: STATEFUL_PROTOCOL, sessionId };
}

/** Fields shared by every event this actor emits in the request. */
export function shared(ctx: Acting): Omit<EventInput, "type"> {
  const fields: Omit<EventInput, "type"> = {
    actor: actorOf(ctx),
    client: ctx.agent.client,
    correlationId: ctx.req.correlationId,
  };
  if (ctx.user && ctx.agent.kind !== "human_app") fields.onBehalfOf = userPrincipal(ctx.user);
  if (ctx.sessionId) fields.session = { id: ctx.sessionId };
  if (ctx.delegation && ctx.delegation.length > 1) {
    if (ctx.useAct) fields.act = actClaim(ctx.delegation);
    else fields.delegation = ctx.delegation;
  }
  return fields;
}

export function sourceFor(ctx: Acting, server: string | undefined): NonNullable<DemoEvent["source"]> {
  return {
    ...(ctx.user ? { ip: ctx.user.ip } : { ip: "10.0.8.12" }),
    userAgent: ctx.agent.userAgent,
    ...(server ? { service: new URL(server).host } : {}),
  };
}
