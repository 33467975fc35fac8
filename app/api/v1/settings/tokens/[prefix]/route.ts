import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { findApiToken, revokeApiToken } from "@/lib/keys/api-tokens";

// Revokes a token of the active tenant. Another tenant's prefix is a 404, so it is never confirmed
// to exist. Revoking a revoked token answers with its state again.
export const DELETE = apiRoute(
  { auth: "session", permission: "settings:manage" },
  async ({ request, params, auth }) => {
    const prefix = String(params.prefix);
    const token = await findApiToken(auth.tenant.id, prefix);
    if (!token) throw notFound("No such API token in this tenant.");
    // Only the call that actually revoked it is recorded; repeating the DELETE records nothing.
    if (await revokeApiToken(prefix, auth.tenant.id)) {
      await auditSessionAction(auth, request, {
        type: "x-attest.api_token.revoked",
        target: { type: "x-api-token", id: prefix, name: token.name },
        attributes: { scopes: token.scopes },
      });
    }
    return Response.json({ token: await findApiToken(auth.tenant.id, prefix) });
  },
);
