import { scopesOf } from "./agents";
import type { DemoAgent, DemoUser } from "./cast";
import { TOOLS } from "./catalog";
import { issueToken } from "./flows-tokens";
import type { Principal } from "./types";
import { type ConsentState, SESSION_TTL_MS, type World } from "./world";

// Identity plumbing that precedes agent work: client and agent registration, SSO sign-in,
// consent and tokens. Each helper emits events only when the state requires them and
// returns the time at which the caller may continue.

const ADMIN: Principal = { type: "user", id: "it-admin@northwind.example", name: "Northwind IT Admin" };

export function ensureRegistered(world: World, agent: DemoAgent, t: number): number {
  if (world.registered.has(agent.id)) return t;
  world.registered.add(agent.id);
  const req = world.newRequest("reg");
  const registrar: Principal = agent.registration === "pre_registered" ? ADMIN : agent.principal;
  const how = {
    dynamic: "RFC 7591 dynamic client registration",
    metadata_document: "client ID metadata document fetched",
    pre_registered: "registered by an administrator",
  }[agent.registration];
  world.emit(t, {
    type: "client.registered",
    actor: registrar,
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.root(),
    target: { type: "client", id: agent.client.id, name: agent.name },
    source: { service: "auth-server", userAgent: agent.userAgent },
    attributes: {
      registration: how,
      grantTypes: agent.kind === "service" ? ["client_credentials"] : ["authorization_code", "refresh_token"],
    },
  });
  if (agent.kind === "human_app") return t + 40;
  world.emit(t + 35, {
    type: "agent.registered",
    actor: registrar,
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.child(),
    target: { type: "agent", id: agent.id, name: agent.name },
    attributes: { kind: agent.kind, tools: agent.tools },
  });
  return t + 80;
}

/** Signs the user in through SSO when they have no live session; returns the session id. */
export function ensureSession(world: World, user: DemoUser, t: number): { sessionId: string; t: number } {
  const current = world.sessions.get(user.id);
  if (current && t - current.startedAt < SESSION_TTL_MS) {
    current.lastAt = t;
    return { sessionId: current.id, t };
  }
  const r = world.random;
  const sessionId = `sess_${r.hex(20)}`;
  const req = world.newRequest("sso");
  const common = {
    actor: { type: "user" as const, id: user.id, name: user.name },
    session: { id: sessionId },
    correlationId: req.correlationId,
    source: {
      ip: user.ip,
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/17.4",
      service: "okta",
    },
  };
  world.emit(t, {
    type: "auth.login",
    ...common,
    trace: req.root(),
    attributes: { idp: "okta", method: "sso", protocol: "oidc" },
  });
  let at = t + r.int(2_000, 9_000);
  if (r.chance(0.45)) {
    if (r.chance(0.1)) {
      world.emit(at, {
        type: "auth.mfa",
        outcome: "failure",
        reason: "push notification timed out",
        ...common,
        trace: req.child(),
        attributes: { factor: "okta_verify_push" },
      });
      at += r.int(15_000, 40_000);
    }
    world.emit(at, {
      type: "auth.mfa",
      ...common,
      trace: req.child(),
      attributes: { factor: r.pick(["okta_verify_push", "webauthn", "totp"]) },
    });
    at += r.int(500, 3_000);
  }
  world.sessions.set(user.id, { id: sessionId, userId: user.id, startedAt: t, lastAt: at });
  return { sessionId, t: at };
}

type ConsentResult = { consent: ConsentState | undefined; t: number };

/** Runs an OAuth authorization (consent, then token) when the pair has no live grant. */
export function ensureConsent(
  world: World,
  user: DemoUser,
  agent: DemoAgent,
  sessionId: string,
  t: number,
): ConsentResult {
  const key = world.pairKey(user, agent);
  const existing = world.consents.get(key);
  if (existing?.status === "granted") return { consent: existing, t };
  // A refusal sticks for a while; people rarely change their mind within hours.
  if (existing?.status === "denied" && t - existing.at < 6 * 60 * 60 * 1000) return { consent: existing, t };

  const r = world.random;
  const req = world.newRequest("oauth");
  const scopes = scopesOf(agent);
  const consentId = `cns_${r.hex(16)}`;
  const userPrincipal = { type: "user" as const, id: user.id, name: user.name };
  const resource = TOOLS[agent.tools[0] as string]?.server;
  world.emit(t, {
    type: "consent.requested",
    outcome: "pending",
    actor: agent.principal,
    onBehalfOf: userPrincipal,
    session: { id: sessionId },
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.root(),
    target: { type: "consent", id: consentId },
    resource,
    scopes,
    consent: { id: consentId, scopes },
    source: { service: "auth-server", userAgent: agent.userAgent },
    attributes: { pkce: "S256", prompt: "consent" },
  });
  const decidedAt = t + r.int(4_000, 45_000);
  const denied = r.chance(0.07);
  const expiresAt = new Date(decidedAt + 90 * 24 * 60 * 60 * 1000).toISOString();
  world.emit(decidedAt, {
    type: denied ? "consent.denied" : "consent.granted",
    ...(denied ? { outcome: "denied" as const, reason: "user declined the requested scopes" } : {}),
    actor: userPrincipal,
    session: { id: sessionId },
    client: agent.client,
    correlationId: req.correlationId,
    trace: req.child(),
    target: { type: "consent", id: consentId },
    resource,
    scopes,
    consent: denied ? { id: consentId, scopes } : { id: consentId, scopes, expiresAt },
    source: { ip: user.ip, service: "auth-server" },
  });
  const consent: ConsentState = { id: consentId, scopes, status: denied ? "denied" : "granted", at: decidedAt };
  world.consents.set(key, consent);
  if (denied) return { consent, t: decidedAt + 100 };
  const t2 = issueToken(world, agent, { user, sessionId, resource, scopes, req }, decidedAt + r.int(150, 900));
  return { consent, t: t2 };
}
