import { alertDetail } from "@/lib/alerts/inbox";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

// GET /api/v1/alerts/:alertId — the alert, its evidence events and its notes. Another
// tenant's alert is a 404, so its existence is never confirmed.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ params, auth }) => {
  const detail = await alertDetail(auth.tenant.id, String(params.alertId));
  if (!detail) throw notFound("No such alert in this tenant.");
  return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
});
