import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { eventVisibility } from "@/lib/audit/visibility";
import { eventById } from "@/lib/queries/event-by-id";
import { eventIdFromParam } from "@/lib/queries/event-id";

// GET /api/v1/events/<eventId>: one event of the signed-in tenant. Another tenant's id is a
// 404, exactly like an unknown one, so its existence is never confirmed; so is a self-audit
// (x-attest.*) event for a role without audit:read.
export const GET = apiRoute({ auth: "session", permission: "data:read" }, async ({ params, auth }) => {
  const eventId = eventIdFromParam(params.eventId);
  const event = eventId ? await eventById(auth.tenant.id, eventId, eventVisibility(auth.role)) : null;
  if (!event) throw notFound("No such event.");
  return Response.json({ event }, { headers: { "Cache-Control": "no-store" } });
});
