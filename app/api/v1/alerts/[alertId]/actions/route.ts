import { alertActionSchema, applyAlertAction } from "@/lib/alerts/inbox-actions";
import { apiRoute, jsonBody } from "@/lib/api/route";

// POST /api/v1/alerts/:alertId/actions { action: "acknowledge" | "resolve" | "reopen" |
// "assign" | "note", assignee?, body? } — admins and analysts. Each action is recorded in the
// alert's notes with the user's email; a transition the status does not allow is a 409.
export const POST = apiRoute({ auth: "session", permission: "alerts:handle" }, async ({ request, params, auth }) => {
  const action = await jsonBody(request, alertActionSchema);
  const result = await applyAlertAction(auth.tenant.id, String(params.alertId), action, auth.user.email);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
