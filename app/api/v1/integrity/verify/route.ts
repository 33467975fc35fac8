import { apiRoute } from "@/lib/api/route";
import { rangeFromSearchParams } from "@/lib/integrity/range";
import { verifyTenantChain } from "@/lib/integrity/verify";

// GET /api/v1/integrity/verify?fromSeq=&toSeq= | ?from=&to= — checks the caller's tenant's
// stored events against the hash chain and the signed checkpoints, synchronously, and records
// the run. 200 with status "ok" or "failed" (tampering found, each finding naming the event).
// The verifier streams rows and caps findings, so any range answers in bounded memory.
export const GET = apiRoute(
  { auth: "sessionOrApiToken", permission: "integrity:verify", scope: "integrity:verify" },
  async ({ request, actor }) => {
    const range = rangeFromSearchParams(new URL(request.url).searchParams);
    const result = await verifyTenantChain(actor.tenantId, range, { requestedBy: actor.label });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  },
);
