import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { changeMemberRole, changeRoleInput, removeMember } from "@/lib/members";

// One member of the active tenant. A user who is not a member here (even of another tenant) is a 404.
export const PATCH = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, params, auth }) => {
  const { role } = await jsonBody(request, changeRoleInput);
  const { previousRole, ...member } = await changeMemberRole(auth.tenant.id, String(params.userId), role);
  if (previousRole !== member.role) {
    await auditSessionAction(auth, request, {
      type: "x-attest.member.role_changed",
      target: { type: "user", id: member.email, ...(member.name ? { name: member.name } : {}) },
      attributes: { previousRole, role: member.role, userId: member.userId },
    });
  }
  return Response.json({ member });
});

export const DELETE = apiRoute(
  { auth: "session", permission: "settings:manage" },
  async ({ request, params, auth }) => {
    const userId = String(params.userId);
    const removed = await removeMember(auth.tenant.id, userId);
    await auditSessionAction(auth, request, {
      type: "x-attest.member.removed",
      target: { type: "user", id: removed.email },
      attributes: { previousRole: removed.role, userId },
    });
    return Response.json({ removed: true });
  },
);
