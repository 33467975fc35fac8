import { apiRoute } from "@/lib/api/route";
import { ingestRawEvents, ingestStatus } from "@/lib/ingest";
import { takeIngestTokens } from "@/lib/ingest/rate-limit";
import { readEventsBody } from "@/lib/ingest/read-body";

// The collector. The pipeline and its stages are described in lib/ingest/index.ts.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ auth: "ingestKey" }, async ({ request, principal }) => {
  const events = await readEventsBody(request);
  takeIngestTokens(principal.tenantId, events.length);
  const result = await ingestRawEvents(principal.tenantId, events);
  return Response.json(result, { status: ingestStatus(result), headers: { "Cache-Control": "no-store" } });
});
