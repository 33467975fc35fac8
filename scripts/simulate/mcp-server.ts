import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from "jose";
import { now, person, type Send, type Span, spanFromHeaders, traced } from "./context";
import { listen, readJson, sendJson } from "./http";
import { registerTools, type TokenClaims } from "./tools";

// The MCP server (resource server) on @modelcontextprotocol/sdk over Streamable HTTP. It
// publishes protected-resource metadata (RFC 9728), answers 401 with a pointer to it, and
// validates bearer JWTs itself with jose against the issuing AS's JWKS: signature, issuer,
// audience (its own resource URL), expiry and tenant. It trusts the ASs of the platform it runs
// on (both simulated tenants' ASs), so a token from the other tenant verifies but carries the
// wrong tenant: rejected as cross_tenant. It does not introspect, so a token whose consent
// was revoked keeps working until it expires.

export type McpServerOptions = {
  tenant: string;
  send: Send;
  downstreamUrl: string;
  approvalWaitMs: number;
};

export type SimMcpServer = {
  resource: string;
  metadataUrl: string;
  trust(issuer: string, authorizationServer?: boolean): void;
  close(): Promise<void>;
};

type Session = { transport: StreamableHTTPServerTransport; subject: string; lastSpan: Span };

export async function startMcpServer(options: McpServerOptions): Promise<SimMcpServer> {
  const trusted = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const authorizationServers: string[] = [];
  const sessions = new Map<string, Session>();
  let resource = "";
  let metadataUrl = "";

  const metadata = () => ({
    resource,
    authorization_servers: authorizationServers,
    scopes_supported: ["payments:read", "payments:write", "customers:read", "records:export"],
    bearer_methods_supported: ["header"],
    resource_name: "Attest simulator MCP server",
  });

  const reject = (req: IncomingMessage, res: ServerResponse, reason: string, claims?: JWTPayload) => {
    if (claims) reportRejection(options, req, resource, reason, claims);
    res.writeHead(401, {
      "content-type": "application/json",
      "www-authenticate": `Bearer error="invalid_token", error_description="${reason}", resource_metadata="${metadataUrl}"`,
    });
    res.end(JSON.stringify({ error: "invalid_token", error_description: reason }));
  };

  const http = await listen(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path.startsWith("/.well-known/oauth-protected-resource")) return sendJson(res, 200, metadata());
    if (path !== "/mcp") return sendJson(res, 404, { error: "not found" });
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer) return reject(req, res, "missing bearer token");
    let claims: JWTPayload;
    try {
      claims = decodeJwt(bearer);
    } catch {
      return reject(req, res, "malformed token");
    }
    const jwks = trusted.get(String(claims.iss));
    if (!jwks) return reject(req, res, "untrusted_issuer", claims);
    try {
      ({ payload: claims } = await jwtVerify(bearer, jwks, { issuer: String(claims.iss), audience: resource }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      return reject(req, res, code === "ERR_JWT_EXPIRED" ? "expired" : "invalid_token", claims);
    }
    if (claims.tenant !== options.tenant) return reject(req, res, "cross_tenant", claims);
    const auth = {
      token: bearer,
      clientId: String(claims.client_id),
      scopes: String(claims.scope ?? "")
        .split(" ")
        .filter(Boolean),
      expiresAt: claims.exp,
      extra: { claims: claims as TokenClaims },
    };
    Object.assign(req, { auth });

    const sessionId = req.headers["mcp-session-id"];
    const body = req.method === "POST" ? await readJson(req) : undefined;
    let session = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    // A session belongs to the user it was opened for; another subject's token cannot ride it.
    if (session && session.subject !== claims.sub) return reject(req, res, "session belongs to another subject");
    if (!session) {
      if (req.method !== "POST" || !isInitializeRequest(body)) {
        return sendJson(res, 400, { error: "no MCP session; send initialize first" });
      }
      const subject = String(claims.sub);
      const opened: Session = { transport: undefined as never, subject, lastSpan: spanFromHeaders(req.headers) };
      const sessionClaims = claims;
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (id) => {
          sessions.set(id, opened);
          reportSession(options, "mcp.session.started", sessionClaims, id, opened.lastSpan);
        },
      });
      opened.transport = transport;
      transport.onclose = () => {
        if (!transport.sessionId) return;
        sessions.delete(transport.sessionId);
        reportSession(options, "mcp.session.ended", sessionClaims, transport.sessionId, opened.lastSpan);
      };
      const server = new McpServer({ name: "attest-sim-mcp", version: "1.0.0" });
      registerTools(server, { ...options, resource: () => resource });
      await server.connect(transport);
      session = opened;
    }
    session.lastSpan = spanFromHeaders(req.headers);
    await session.transport.handleRequest(req, res, body);
  });

  resource = `${http.url}/mcp`;
  metadataUrl = `${http.url}/.well-known/oauth-protected-resource/mcp`;
  return {
    resource,
    metadataUrl,
    trust(issuer, authorizationServer = false) {
      trusted.set(issuer, createRemoteJWKSet(new URL(`${issuer}/jwks`)));
      if (authorizationServer) authorizationServers.push(issuer);
    },
    async close() {
      for (const { transport } of sessions.values()) await transport.close();
      await http.close();
    },
  };
}

function reportSession(
  options: McpServerOptions,
  type: "mcp.session.started" | "mcp.session.ended",
  claims: JWTPayload,
  mcpSessionId: string,
  span: Span,
) {
  options.send({
    type,
    time: now(),
    actor: { type: "agent", id: String(claims.agent ?? claims.client_id) },
    onBehalfOf: person(String(claims.sub)),
    session: { id: String(claims.sid ?? mcpSessionId) },
    client: { id: String(claims.client_id), kind: "ai_agent" },
    ...traced(span),
    target: { type: "session", id: mcpSessionId },
    mcp: { sessionId: mcpSessionId },
    source: { service: "sim-mcp-server" },
  });
}

function reportRejection(
  options: McpServerOptions,
  req: IncomingMessage,
  resource: string,
  reason: string,
  claims: JWTPayload,
) {
  const agentId = String(claims.agent ?? claims.client_id ?? "unknown-client");
  options.send({
    type: "token.rejected",
    time: now(),
    outcome: "denied",
    reason,
    actor: { type: "agent", id: agentId },
    ...(claims.sub ? { onBehalfOf: person(String(claims.sub)) } : {}),
    ...(claims.client_id ? { client: { id: String(claims.client_id), kind: "ai_agent" as const } } : {}),
    ...traced(spanFromHeaders(req.headers)),
    target: { type: "token", id: String(claims.jti ?? "unknown") },
    resource,
    token: {
      ...(claims.jti ? { id: String(claims.jti) } : {}),
      ...(typeof claims.aud === "string" ? { audience: claims.aud } : {}),
      ...(claims.tenant ? { tenant: String(claims.tenant) } : {}),
      ...(claims.exp ? { expiresAt: new Date(claims.exp * 1000).toISOString() } : {}),
    },
    source: { service: "sim-mcp-server" },
    attributes: { issuer: claims.iss ?? null },
  });
}
