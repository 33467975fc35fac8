import { disableDestination, findDestination } from "@/lib/alerts/notify/destinations";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { destinationAuditTarget } from "@/lib/audit/targets";

// Disables a destination (kept for the delivery log); rules naming it stop notifying it.
// Another tenant's id is a 404. Disabling twice answers with the same state.
export const DELETE = apiRoute(
  { auth: "session", permission: "settings:manage" },
  async ({ request, params, auth }) => {
    const before = await findDestination(auth.tenant.id, String(params.id));
    const destination = await disableDestination(auth.tenant.id, String(params.id));
    if (!destination) throw notFound("No such destination in this tenant.");
    // Disabling is how a destination is deleted (the delivery log keeps it); recorded once.
    if (before && !before.disabledAt) {
      await auditSessionAction(auth, request, {
        type: "x-attest.webhook.deleted",
        ...destinationAuditTarget(destination),
      });
    }
    return Response.json({ destination });
  },
);
