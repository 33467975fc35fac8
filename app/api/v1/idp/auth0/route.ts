import { apiRoute } from "@/lib/api/route";
import { auth0Records, mapAuth0Log } from "@/lib/idp/auth0";
import { mapRecords, readProviderJson, storeMapped } from "@/lib/idp/common";

// Auth0 Log Streams custom webhook; set its Authorization token to "Bearer <ingest key>".
// Mapping in lib/idp/auth0.ts; storage through the collector's pipeline.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ auth: "ingestKey" }, async ({ request, principal }) => {
  const records = auth0Records(await readProviderJson(request));
  return storeMapped(principal.tenantId, mapRecords(records, mapAuth0Log));
});
