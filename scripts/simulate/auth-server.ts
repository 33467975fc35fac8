import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type AccessTokenInstance, type OidcClient, type OidcContext } from "oidc-provider";
import { TOKEN_EXCHANGE, tokenExchangeHandler } from "./auth-exchange";
import { handleInteraction } from "./auth-interactions";
import { now, person, type Send, spanFromHeaders, traced } from "./context";
import { listen } from "./http";

// The OAuth 2.1 authorization server of one tenant, on oidc-provider v9: PKCE (S256) required,
// Dynamic Client Registration (RFC 7591), resource indicators (RFC 8707) issuing JWT access
// tokens whose `aud` is the MCP server and which carry the tenant, token exchange (RFC 8693) as
// a custom grant, and consent through the simulator's own interaction handlers. Each step is
// reported to Attest.

export type Registration = "pre_registered" | "dynamic" | "metadata_document";
export type ClientInfo = { agentId: string; agentName: string; registration: Registration; metadataUrl?: string };

export type ConsentGrant = { consentId: string; grantId: string; userId: string; clientId: string; revoked: boolean };

export type AuthServerOptions = {
  tenant: string;
  resource: string;
  scopes: string[];
  send: Send;
  /** Pre-registered clients (oidc-provider metadata) with the agent behind each. */
  clients?: { metadata: Record<string, unknown>; info: ClientInfo }[];
};

export type AuthState = {
  provider: Provider;
  options: AuthServerOptions;
  clients: Map<string, ClientInfo>;
  grants: ConsentGrant[];
  /** Extra claims of tokens minted by the token exchange (their `act` chain). */
  tokenClaims: WeakMap<object, Record<string, unknown>>;
};

export type AuthServer = {
  issuer: string;
  state: AuthState;
  close(): Promise<void>;
};

export const clientEvent = (id: string, info: ClientInfo | undefined, name?: string) => ({
  id,
  ...(name ? { name } : {}),
  kind: "ai_agent" as const,
  registration: info?.registration ?? "pre_registered",
  ...(info?.metadataUrl ? { metadataUrl: info.metadataUrl } : {}),
});

export function resourceServerInfo(options: AuthServerOptions, resource: string) {
  return {
    scope: options.scopes.join(" "),
    audience: resource,
    accessTokenTTL: 600,
    accessTokenFormat: "jwt",
    jwt: { sign: { alg: "RS256" } },
  };
}

export async function startAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `sim-${randomBytes(4).toString("hex")}`,
    alg: "RS256",
    use: "sig",
  };
  let state: AuthState | undefined;
  const http = await listen((req, res) => {
    if (!state) throw new Error("authorization server not ready");
    if (req.url?.startsWith("/interaction/")) return handleInteraction(state, req, res);
    return state.provider.callback()(req, res);
  });
  const provider = new Provider(http.url, {
    clients: (options.clients ?? []).map((c) => c.metadata),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    scopes: ["openid", ...options.scopes],
    extraClientMetadata: { properties: ["software_id"] },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Tokens say which tenant and which agent they were minted for; exchanged ones add `act`.
    extraTokenClaims: async (_ctx: unknown, token: AccessTokenInstance) => ({
      tenant: options.tenant,
      agent: token.clientId ? state?.clients.get(token.clientId)?.agentId : undefined,
      // The user's sign-in session at this AS, so every party can name the same session.
      sid: token.sessionUid,
      ...(state?.tokenClaims.get(token) ?? {}),
    }),
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== options.resource) throw new Error(`unknown resource ${resource}`);
          return resourceServerInfo(options, resource);
        },
      },
    },
  });
  state = { provider, options, clients: new Map(), grants: [], tokenClaims: new WeakMap() };
  for (const client of options.clients ?? []) state.clients.set(String(client.metadata.client_id), client.info);
  provider.registerGrantType(TOKEN_EXCHANGE, tokenExchangeHandler(state), [
    "subject_token",
    "subject_token_type",
    "actor_token",
    "actor_token_type",
    "scope",
    "resource",
    "audience",
    "requested_token_type",
  ]);
  watchProvider(state);
  return { issuer: http.url, state, close: http.close };
}

function watchProvider(state: AuthState) {
  const { provider, options, clients } = state;
  provider.on("registration_create.success", (ctx: OidcContext, client: OidcClient) => {
    const metadata = client.metadata();
    const agentId = String(metadata.software_id ?? client.clientId);
    const info: ClientInfo = { agentId, agentName: String(metadata.client_name ?? agentId), registration: "dynamic" };
    clients.set(client.clientId, info);
    reportRegistration(options.send, ctx.headers, client.clientId, info);
  });
  provider.on("grant.success", (ctx: OidcContext) => {
    if (ctx.oidc.params?.grant_type !== "authorization_code") return;
    const token = ctx.oidc.entities.AccessToken as AccessTokenInstance | undefined;
    if (!token?.clientId || !token.accountId) return;
    const info = clients.get(token.clientId);
    const span = spanFromHeaders(ctx.headers);
    options.send({
      type: "token.issued",
      time: now(),
      actor: { type: "agent", id: info?.agentId ?? token.clientId, name: info?.agentName },
      onBehalfOf: person(token.accountId),
      client: clientEvent(token.clientId, info, info?.agentName),
      ...(token.sessionUid ? { session: { id: token.sessionUid } } : {}),
      ...traced(span),
      target: { type: "token", id: token.jti },
      resource: options.resource,
      scopes: (token.scope ?? "").split(" ").filter(Boolean),
      token: {
        id: token.jti,
        audience: options.resource,
        expiresAt: new Date((token.exp ?? 0) * 1000).toISOString(),
        tenant: options.tenant,
      },
      source: { service: "sim-authorization-server" },
    });
  });
}

export function reportRegistration(send: Send, headers: OidcContext["headers"], clientId: string, info: ClientInfo) {
  send({
    type: "client.registered",
    time: now(),
    actor: { type: "agent", id: info.agentId, name: info.agentName },
    client: clientEvent(clientId, info, info.agentName),
    ...traced(spanFromHeaders(headers)),
    target: { type: "client", id: clientId, name: info.agentName },
    source: { service: "sim-authorization-server" },
  });
}

/**
 * Client ID Metadata Document registration. oidc-provider 9 has an experimental CIMD feature,
 * but it only fetches https client ids, and everything here is plain http on loopback. So the
 * simulator serves the document itself, and the AS fetches it and pre-registers a client whose
 * id is the document's https URL; Attest sees registration `metadata_document`.
 */
export async function registerFromMetadataDocument(
  server: AuthServer,
  clientIdUrl: string,
  documentUrl: string,
  headers: Record<string, string>,
): Promise<string> {
  const response = await fetch(documentUrl, { headers });
  if (!response.ok) throw new Error(`client metadata document ${documentUrl}: ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  if (document.client_id !== clientIdUrl) throw new Error("client metadata document names another client_id");
  const { state } = server;
  const info: ClientInfo = {
    agentId: String(document.software_id ?? clientIdUrl),
    agentName: String(document.client_name ?? clientIdUrl),
    registration: "metadata_document",
    metadataUrl: clientIdUrl,
  };
  state.clients.set(clientIdUrl, info);
  // Static clients are fixed at construction; Client.find falls back to the adapter, the store
  // dynamic registrations live in, so the document's metadata goes there.
  const adapter = (state.provider.Client as unknown as { adapter: { upsert(id: string, m: unknown): Promise<void> } })
    .adapter;
  await adapter.upsert(clientIdUrl, { ...document, token_endpoint_auth_method: "none" });
  reportRegistration(state.options.send, headers, clientIdUrl, info);
  return clientIdUrl;
}
