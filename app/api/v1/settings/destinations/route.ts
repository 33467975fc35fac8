import { createDestination, destinationInput, listDestinations } from "@/lib/alerts/notify/destinations";
import { destinationApiError } from "@/lib/alerts/notify/errors";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { destinationAuditTarget } from "@/lib/audit/targets";

// Webhook destinations of the active tenant; never their secrets.
export const GET = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ auth }) =>
  Response.json({ destinations: await listDestinations(auth.tenant.id) }),
);

// The signing secret is in this response once; only a salt is stored, the secret is derived.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const input = await jsonBody(request, destinationInput);
  const created = await createDestination(auth.tenant.id, { ...input, createdBy: auth.user.email }).catch((error) => {
    throw destinationApiError(error, input.name);
  });
  await auditSessionAction(auth, request, {
    type: "x-attest.webhook.created",
    ...destinationAuditTarget(created.destination),
  });
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
