import { findDestination, rotateDestinationSecret } from "@/lib/alerts/notify/destinations";
import { destinationApiError } from "@/lib/alerts/notify/errors";
import { ApiError, notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

// A new signing secret, in this response once; the old one stops verifying at once.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  const id = String(params.id);
  const rotated = await rotateDestinationSecret(auth.tenant.id, id).catch((error) => {
    throw destinationApiError(error);
  });
  if (rotated) return Response.json(rotated, { headers: { "Cache-Control": "no-store" } });
  if (await findDestination(auth.tenant.id, id)) throw new ApiError(409, "disabled", "This destination is disabled.");
  throw notFound("No such destination in this tenant.");
});
