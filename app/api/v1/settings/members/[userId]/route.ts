import { apiRoute, jsonBody } from "@/lib/api/route";
import { changeMemberRole, changeRoleInput, removeMember } from "@/lib/members";

// One member of the active tenant. A user who is not a member here (even of another tenant) is a 404.
export const PATCH = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, params, auth }) => {
  const { role } = await jsonBody(request, changeRoleInput);
  return Response.json({ member: await changeMemberRole(auth.tenant.id, String(params.userId), role) });
});

export const DELETE = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  await removeMember(auth.tenant.id, String(params.userId));
  return Response.json({ removed: true });
});
