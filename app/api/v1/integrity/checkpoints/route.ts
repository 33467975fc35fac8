import { apiRoute } from "@/lib/api/route";
import { recentCheckpoints } from "@/lib/integrity/checkpoint-rows";

// GET /api/v1/integrity/checkpoints — the caller's tenant's 50 most recent signed checkpoints.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ auth }) => {
  const checkpoints = await recentCheckpoints(auth.tenant.id, 50);
  return Response.json({ checkpoints }, { headers: { "Cache-Control": "no-store" } });
});
