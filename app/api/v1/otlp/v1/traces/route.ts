import { apiRoute } from "@/lib/api/route";
import { handleOtlpExport } from "@/lib/otlp";

// OTLP/HTTP traces (an exporter's base URL is <attest>/api/v1/otlp). The stages are in lib/otlp/index.ts.
export const dynamic = "force-dynamic";

export const POST = apiRoute({ auth: "ingestKey" }, ({ request, principal }) =>
  handleOtlpExport("traces", principal.tenantId, request),
);
