import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { propagationHeaders, type Span } from "./context";

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
