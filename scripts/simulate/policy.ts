import { setTimeout as sleep } from "node:timers/promises";
import { listen, readJson, sendJson } from "./http";

// The MCP server's small policy engine, its scripted approver, and the stub downstream API it
// calls. Refunds over 10,000 need a human approval; the approver grants up to 50,000 and
// denies above (deterministic, so a seed replays the same story).

export const POLICY = { id: "mcp-tools", version: "3", engine: "sim-policy" };
export const APPROVAL_THRESHOLD = 10_000;
const APPROVER_LIMIT = 50_000;
const EXPORT_LIMIT = 5_000;

export const TOOL_SCOPES: Record<string, string> = {
  refund: "payments:write",
  customer_lookup: "customers:read",
  export_records: "records:export",
};

export type Decision = { decision: "allow" | "deny" | "require_approval"; reason: string };

export function evaluatePolicy(tool: string, args: Record<string, unknown>, scopes: string[]): Decision {
  const needed = TOOL_SCOPES[tool];
  if (!needed) return { decision: "deny", reason: `unknown tool ${tool}` };
  if (!scopes.includes(needed)) return { decision: "deny", reason: `token lacks scope ${needed}` };
  if (tool === "refund" && Number(args.amount) > APPROVAL_THRESHOLD) {
    return { decision: "require_approval", reason: `refund amount > ${APPROVAL_THRESHOLD}` };
  }
  if (tool === "export_records" && Number(args.limit) > EXPORT_LIMIT) {
    return { decision: "deny", reason: `bulk export over ${EXPORT_LIMIT} records` };
  }
  return { decision: "allow", reason: `${needed} held` };
}

export const APPROVER = { type: "user" as const, id: "u-approver-finance", name: "Finance approver" };

/** The approver looks at the request after a short wait and decides. */
export async function askApprover(amount: number, waitMs: number): Promise<{ granted: boolean; reason: string }> {
  await sleep(waitMs);
  return amount <= APPROVER_LIMIT
    ? { granted: true, reason: `within the approver's limit of ${APPROVER_LIMIT}` }
    : { granted: false, reason: `above the approver's limit of ${APPROVER_LIMIT}` };
}

/** A stub payments / CRM API: answers what the tools ask, as a real downstream would. */
export async function startDownstream() {
  return listen(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/v1/refunds") {
      const body = await readJson(req);
      return sendJson(res, 201, { id: `re_${Date.now().toString(36)}`, amount: body.amount, status: "succeeded" });
    }
    if (req.method === "GET" && url.pathname.startsWith("/v1/customers/")) {
      return sendJson(res, 200, { id: url.pathname.split("/")[3], plan: "pro", status: "active" });
    }
    if (req.method === "POST" && url.pathname === "/v1/exports") {
      const body = await readJson(req);
      return sendJson(res, 202, { id: `ex_${Date.now().toString(36)}`, records: body.limit });
    }
    return sendJson(res, 404, { error: "not found" });
  });
}
