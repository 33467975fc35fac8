import {
  discoverAuthorizationServerMetadata,
  discoverOAuthServerInfo,
  extractResourceMetadataUrl,
} from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { AuthorizationServerMetadata } from "@modelcontextprotocol/sdk/shared/auth.js";
import { propagationHeaders, type Span } from "./context";
import type { AsEndpoints } from "./oauth-client";

// An agent's MCP client on the official SDK: one Streamable HTTP session per user action, the
// bearer token and the action's trace context on every request.

export type ToolCall = { name: string; arguments: Record<string, unknown> };
export type ToolOutcome = { rejected?: string; results: { isError: boolean; text: string }[] };

export async function callTools(
  agentName: string,
  mcpUrl: string,
  token: string,
  span: Span,
  calls: ToolCall[],
): Promise<ToolOutcome> {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { authorization: `Bearer ${token}`, ...propagationHeaders(span) } },
  });
  const client = new Client({ name: agentName, version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    const message = (error as Error).message;
    return { rejected: /"error_description":"([^"]+)"/.exec(message)?.[1] ?? message, results: [] };
  }
  try {
    const results = [];
    for (const call of calls) {
      const result = (await client.callTool(call)) as { isError?: boolean; content?: { text?: string }[] };
      results.push({ isError: !!result.isError, text: result.content?.[0]?.text ?? "" });
    }
    return { results };
  } finally {
    await transport.terminateSession().catch(() => undefined);
    await client.close();
  }
}

/**
 * How an agent finds the authorization server of an MCP server it has only the URL of: call it
 * without a token, follow the 401's `resource_metadata` to the protected-resource metadata
 * (RFC 9728), then read the named AS's metadata (RFC 8414 / OIDC discovery). The SDK's own
 * discovery functions do the reading.
 */
export async function discoverAuthorizationServer(
  mcpUrl: string,
  headers: Record<string, string>,
): Promise<AsEndpoints> {
  const response = await fetch(mcpUrl, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "ping" }),
  });
  const resourceMetadataUrl = response.status === 401 ? extractResourceMetadataUrl(response) : undefined;
  if (!resourceMetadataUrl) throw new Error(`${mcpUrl} answered ${response.status} without resource_metadata`);
  const info = await discoverOAuthServerInfo(mcpUrl, { resourceMetadataUrl });
  if (info.resourceMetadata?.resource !== mcpUrl) throw new Error("protected-resource metadata names another resource");
  return endpointsOf(info.authorizationServerUrl, info.authorizationServerMetadata);
}

/** An authorization server's endpoints from its own metadata. */
export async function discoverIssuer(issuer: string): Promise<AsEndpoints> {
  return endpointsOf(issuer, await discoverAuthorizationServerMetadata(issuer));
}

function endpointsOf(issuer: string, metadata: AuthorizationServerMetadata | undefined): AsEndpoints {
  if (!metadata) throw new Error(`${issuer} publishes no authorization server metadata`);
  return {
    issuer: metadata.issuer,
    authorization: metadata.authorization_endpoint,
    token: metadata.token_endpoint,
    ...(metadata.registration_endpoint ? { registration: metadata.registration_endpoint } : {}),
  };
}
