import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { findIngestKey, revokeIngestKey } from "@/lib/keys/ingest-keys";

// Revokes a key of the active tenant. Another tenant's prefix is a 404, so it is never confirmed
// to exist. Revoking a revoked key answers with its state again.
export const DELETE = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ params, auth }) => {
  const prefix = String(params.prefix);
  if (!(await findIngestKey(auth.tenant.id, prefix))) throw notFound("No such ingest key in this tenant.");
  await revokeIngestKey(prefix, auth.tenant.id);
  return Response.json({ key: await findIngestKey(auth.tenant.id, prefix) });
});
