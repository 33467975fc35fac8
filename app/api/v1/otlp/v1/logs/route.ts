import { apiRoute } from "@/lib/api/route";
import { handleOtlpExport } from "@/lib/otlp";

// OTLP/HTTP logs (an exporter's base URL is <attest>/api/v1/otlp). The stages are in lib/otlp/index.ts.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ auth: "ingestKey" }, ({ request, principal }) =>
  handleOtlpExport("logs", principal.tenantId, request),
);
