import { sendTestNotification } from "@/lib/alerts/notify/deliver";
import { findDestination } from "@/lib/alerts/notify/destinations";
import { ApiError, notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

// Sends a signed `alert.test` payload now (not queued, not retried) and reports what the
// receiver answered, so an admin can check a receiver before any rule fires.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  const destination = await findDestination(auth.tenant.id, String(params.id));
  if (!destination) throw notFound("No such destination in this tenant.");
  if (destination.disabledAt) throw new ApiError(409, "disabled", "This destination is disabled.");
  return Response.json({ result: await sendTestNotification(destination, auth.tenant.slug) });
});
