import { disableDestination } from "@/lib/alerts/notify/destinations";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

// Disables a destination (kept for the delivery log); rules naming it stop notifying it.
// Another tenant's id is a 404. Disabling twice answers with the same state.
export const DELETE = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  const destination = await disableDestination(auth.tenant.id, String(params.id));
  if (!destination) throw notFound("No such destination in this tenant.");
  return Response.json({ destination });
});
