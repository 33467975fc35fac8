import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { agentIdentity } from "@/lib/queries/agent-detail";
import { agentIdFromParam } from "@/lib/queries/agent-id";

// GET /api/v1/agents/:agentId — one agent's identity; 404 for an unknown or another tenant's id.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ params, auth }) => {
  const agent = await agentIdentity(auth.tenant.id, agentIdFromParam(params.agentId));
  if (!agent) throw notFound("No such agent in this tenant.");
  return Response.json(agent, { headers: { "Cache-Control": "no-store" } });
});
