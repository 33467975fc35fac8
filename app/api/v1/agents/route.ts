import { apiRoute } from "@/lib/api/route";
import { listAgents, parseAgentListParams } from "@/lib/queries/agents-list";

// GET /api/v1/agents?q=&kind=&registration=&status=&sort=&page= — the tenant's agent registry.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ request, auth }) => {
  const params = parseAgentListParams(new URL(request.url).searchParams);
  return Response.json(await listAgents(auth.tenant.id, params), { headers: { "Cache-Control": "no-store" } });
});
