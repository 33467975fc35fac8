import { createLocalJWKSet, type JWTPayload, jwtVerify } from "jose";
import { errors, type OidcContext } from "oidc-provider";
import { type AuthState, clientEvent, resourceServerInfo } from "./auth-server";
import { now, person, spanFromHeaders, traced } from "./context";

// RFC 8693 token exchange, registered with oidc-provider as a custom grant: an agent presents
// the token it was handed (subject_token) and receives one for itself, on behalf of the same
// user, with the scopes narrowed to what it asked for and an `act` claim naming the actor chain
// (the newest actor outermost). Each hop keeps its scopes in the claim so the chain is auditable.

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

type Act = { sub: string; scope?: string; act?: Act };

export function tokenExchangeHandler(state: AuthState) {
  return async (ctx: OidcContext) => {
    const { provider, options } = state;
    const params = ctx.oidc.params ?? {};
    const client = ctx.oidc.client;
    if (!client) throw new errors.InvalidRequest("client authentication is required");
    if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest("subject_token_type must be an access token");
    }
    let subject: JWTPayload;
    try {
      const jwks = createLocalJWKSet(await publicJwks(provider.issuer));
      ({ payload: subject } = await jwtVerify(String(params.subject_token), jwks, {
        issuer: provider.issuer,
        audience: options.resource,
      }));
    } catch (error) {
      throw new errors.InvalidGrant(`subject_token is not valid: ${(error as Error).message}`);
    }
    const held = String(subject.scope ?? "")
      .split(" ")
      .filter(Boolean);
    const asked = String(params.scope ?? "")
      .split(" ")
      .filter(Boolean);
    const scopes = asked.length ? asked.filter((s) => held.includes(s)) : held;
    if (asked.length && scopes.length < asked.length) {
      throw new errors.InvalidGrant("the requested scopes exceed the subject token's");
    }
    const info = state.clients.get(client.clientId);
    const actorId = info?.agentId ?? client.clientId;
    const prior: Act = (subject.act as Act | undefined) ?? {
      sub: String(subject.agent ?? subject.client_id),
      scope: held.join(" "),
    };
    const act: Act = { sub: actorId, scope: scopes.join(" "), act: prior };
    const token = new provider.AccessToken({
      accountId: String(subject.sub),
      client,
      scope: scopes.join(" "),
      gty: "token_exchange",
    });
    token.resourceServer = new provider.ResourceServer(options.resource, resourceServerInfo(options, options.resource));
    state.tokenClaims.set(token, { act, ...(subject.sid ? { sid: subject.sid } : {}) });
    const value = await token.save();
    ctx.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: "Bearer",
      expires_in: token.expiration,
      scope: scopes.join(" "),
    };
    options.send({
      type: "token.exchanged",
      time: now(),
      actor: { type: "agent", id: actorId, name: info?.agentName },
      onBehalfOf: person(String(subject.sub)),
      delegation: delegationOf(String(subject.sub), act),
      ...(subject.sid ? { session: { id: String(subject.sid) } } : {}),
      client: clientEvent(client.clientId, info, info?.agentName),
      ...traced(spanFromHeaders(ctx.headers)),
      target: { type: "token", id: token.jti },
      resource: options.resource,
      scopes,
      token: {
        id: token.jti,
        audience: options.resource,
        expiresAt: new Date(Date.now() + token.expiration * 1000).toISOString(),
        tenant: options.tenant,
      },
      source: { service: "sim-authorization-server" },
      attributes: { subjectTokenId: subject.jti, grantType: TOKEN_EXCHANGE },
    });
  };
}

/** user → first agent → … → current actor, from an `act` claim (outermost = current actor). */
export function delegationOf(userId: string, act: Act) {
  const agents: { type: "agent"; id: string; scopes?: string[] }[] = [];
  for (let hop: Act | undefined = act; hop; hop = hop.act) {
    const scopes = hop.scope?.split(" ").filter(Boolean);
    agents.unshift({ type: "agent", id: hop.sub, ...(scopes?.length ? { scopes } : {}) });
  }
  return [person(userId), ...agents];
}

const jwksCache = new Map<string, { keys: Record<string, unknown>[] }>();

async function publicJwks(issuer: string) {
  let jwks = jwksCache.get(issuer);
  if (!jwks) {
    jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    jwksCache.set(issuer, jwks);
  }
  return jwks;
}
