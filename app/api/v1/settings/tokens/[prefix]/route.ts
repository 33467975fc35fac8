import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { findApiToken, revokeApiToken } from "@/lib/keys/api-tokens";

// Revokes a token of the active tenant. Another tenant's prefix is a 404, so it is never confirmed
// to exist. Revoking a revoked token answers with its state again.
export const DELETE = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  const prefix = String(params.prefix);
  if (!(await findApiToken(auth.tenant.id, prefix))) throw notFound("No such API token in this tenant.");
  await revokeApiToken(prefix, auth.tenant.id);
  return Response.json({ token: await findApiToken(auth.tenant.id, prefix) });
});
