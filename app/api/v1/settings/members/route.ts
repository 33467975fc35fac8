import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { addMember, addMemberInput, listMembers } from "@/lib/members";

// Members of the active tenant. Admins only; the tenant comes from the session, never the body.
export const GET = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ auth }) =>
  Response.json({ members: await listMembers(auth.tenant.id) }),
);

// A new account's generated password is in this response once; it is stored only hashed.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const input = await jsonBody(request, addMemberInput);
  const result = await addMember(auth.tenant.id, input);
  const { member } = result;
  await auditSessionAction(auth, request, {
    type: "x-attest.member.added",
    target: { type: "user", id: member.email, ...(member.name ? { name: member.name } : {}) },
    attributes: { role: member.role, userId: member.userId, newAccount: result.created },
  });
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
