import { apiRoute } from "@/lib/api/route";
import { recentVerifications } from "@/lib/integrity/verifications";

// GET /api/v1/integrity/verifications — the caller's tenant's 20 most recent verification runs.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ auth }) => {
  const verifications = await recentVerifications(auth.tenant.id, 20);
  return Response.json({ verifications }, { headers: { "Cache-Control": "no-store" } });
});
