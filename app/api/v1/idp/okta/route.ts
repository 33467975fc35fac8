import { badRequest } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { mapRecords, readProviderJson, storeMapped } from "@/lib/idp/common";
import { mapOktaEvent, oktaRecords } from "@/lib/idp/okta";

// Okta Event Hook; configure the header "Authorization: Bearer <ingest key>". Okta sends it
// on the one-time verification too, so both methods need the ingest key.
export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "ingestKey" }, async ({ request }) => {
  const challenge = request.headers.get("x-okta-verification-challenge");
  if (!challenge) throw badRequest("missing_challenge", "The X-Okta-Verification-Challenge header is required.");
  return Response.json({ verification: challenge }, { headers: { "Cache-Control": "no-store" } });
});

export const POST = apiRoute({ auth: "ingestKey" }, async ({ request, principal }) => {
  const body = await readProviderJson(request);
  if (!("whole" in body)) throw badRequest("invalid_json", "An Okta event hook body is one JSON object.");
  const records = oktaRecords(body.whole).map((value) => ({ value }));
  return storeMapped(principal.tenantId, mapRecords(records, mapOktaEvent));
});
