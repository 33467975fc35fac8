import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { auditSessionAction } from "@/lib/audit/after-action";
import { createIngestKey, findIngestKey, listIngestKeys } from "@/lib/keys/ingest-keys";

const createKeyInput = z.object({ name: z.string().trim().min(1, "is required").max(100) });

// Ingest keys of the active tenant, by prefix; never the keys themselves.
export const GET = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ auth }) =>
  Response.json({ keys: await listIngestKeys(auth.tenant.id) }),
);

// The full key is in this response once; only its hash is stored.
export const POST = apiRoute({ auth: "session", permission: "settings:manage" }, async ({ request, auth }) => {
  const { name } = await jsonBody(request, createKeyInput);
  const created = await createIngestKey(auth.tenant.id, name);
  const key = await findIngestKey(auth.tenant.id, created.prefix);
  await auditSessionAction(auth, request, {
    type: "x-attest.ingest_key.created",
    target: { type: "x-ingest-key", id: created.prefix, name },
  });
  return Response.json({ key, secret: created.key }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
