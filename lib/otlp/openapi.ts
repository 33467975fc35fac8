// The OTLP/HTTP receiver's paths in the collector's OpenAPI document (lib/contract/openapi.ts).
// The bodies are OTLP's own messages (opentelemetry-proto), so they are described, not schema'd.

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const error = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

function otlpPath(signal: "traces" | "logs") {
  const [request, response, count] =
    signal === "traces"
      ? ["ExportTraceServiceRequest", "ExportTraceServiceResponse", "rejectedSpans"]
      : ["ExportLogsServiceRequest", "ExportLogsServiceResponse", "rejectedLogRecords"];
  const body = (description: string) => ({ type: "object", description });
  return {
    post: {
      operationId: signal === "traces" ? "ingestOtlpTraces" : "ingestOtlpLogs",
      summary: `OTLP/HTTP ${signal} (exporter base URL: <attest>/api/v1/otlp)`,
      description: `An OTLP ${request}, protobuf or OTLP/JSON, optionally Content-Encoding: gzip; at most 5 MB compressed and decompressed. Each ${signal === "traces" ? "span" : "log record"} becomes one contract event (README, "OpenTelemetry (OTLP) ingest"); retried exports are deduplicated by the events' stable ids.`,
      requestBody: {
        required: true,
        content: {
          "application/x-protobuf": { schema: { type: "string", format: "binary", description: request } },
          "application/json": { schema: body(`${request} in the OTLP/JSON encoding`) },
        },
      },
      responses: {
        "200": {
          description: `${response} in the request's encoding; partialSuccess.${count} and errorMessage when items were rejected.`,
          content: {
            "application/x-protobuf": { schema: { type: "string", format: "binary" } },
            "application/json": { schema: body(response) },
          },
        },
        "400": error("Body not decodable as the OTLP message."),
        "401": error("Missing, unknown or revoked ingest key."),
        "413": error("More than 5 MB, compressed or decompressed; nothing stored."),
        "415": error("Not application/x-protobuf or application/json, or an encoding other than gzip."),
        "429": error("Rate limited; see Retry-After."),
        "503": error("Storage unavailable; nothing acknowledged. The exporter retries."),
      },
    },
  };
}

export const otlpPaths = {
  "/api/v1/otlp/v1/traces": otlpPath("traces"),
  "/api/v1/otlp/v1/logs": otlpPath("logs"),
};
