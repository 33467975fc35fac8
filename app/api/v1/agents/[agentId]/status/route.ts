import { agentStatusChangeSchema, setAgentStatus } from "@/lib/agents/set-status";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { clientInfo } from "@/lib/audit/actors";
import { agentIdFromParam } from "@/lib/queries/agent-id";

// POST /api/v1/agents/:agentId/status { status: "suspended" | "active", reason? } — admins only.
// The change is recorded as an event in the tenant's audit trail (see lib/agents/set-status.ts).
export const POST = apiRoute({ auth: "session", permission: "agents:manage" }, async ({ request, params, auth }) => {
  const change = await jsonBody(request, agentStatusChangeSchema);
  const result = await setAgentStatus(
    auth.tenant.id,
    agentIdFromParam(params.agentId),
    change,
    auth.user,
    clientInfo(request.headers),
  );
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
