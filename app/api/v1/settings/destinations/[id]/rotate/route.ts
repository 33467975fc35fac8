import { findDestination, rotateDestinationSecret } from "@/lib/alerts/notify/destinations";
import { destinationApiError } from "@/lib/alerts/notify/errors";
import { ApiError, notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { destinationAuditTarget } from "@/lib/audit/targets";

// A new signing secret, in this response once; the old one stops verifying at once.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, params, auth }) => {
  const id = String(params.id);
  const rotated = await rotateDestinationSecret(auth.tenant.id, id).catch((error) => {
    throw destinationApiError(error);
  });
  if (rotated) {
    await auditSessionAction(auth, request, {
      type: "x-attest.webhook.rotated",
      ...destinationAuditTarget(rotated.destination),
    });
    return Response.json(rotated, { headers: { "Cache-Control": "no-store" } });
  }
  if (await findDestination(auth.tenant.id, id)) throw new ApiError(409, "disabled", "This destination is disabled.");
  throw notFound("No such destination in this tenant.");
});
