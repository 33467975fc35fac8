import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { findIngestKey, revokeIngestKey } from "@/lib/keys/ingest-keys";

// Revokes a key of the active tenant. Another tenant's prefix is a 404, so it is never confirmed
// to exist. Revoking a revoked key answers with its state again.
export const DELETE = apiRoute(
  { auth: "session", permission: "settings:manage" },
  async ({ request, params, auth }) => {
    const prefix = String(params.prefix);
    const key = await findIngestKey(auth.tenant.id, prefix);
    if (!key) throw notFound("No such ingest key in this tenant.");
    // Only the call that actually revoked it is recorded; repeating the DELETE records nothing.
    if (await revokeIngestKey(prefix, auth.tenant.id)) {
      await auditSessionAction(auth, request, {
        type: "x-attest.ingest_key.revoked",
        target: { type: "x-ingest-key", id: prefix, name: key.name },
      });
    }
    return Response.json({ key: await findIngestKey(auth.tenant.id, prefix) });
  },
);
