import type { OtlpEncoding, Signal } from "./decode";
import { otlpTypes } from "./proto";

// The OTLP/HTTP success answer: 200 with Export{Trace,Logs}ServiceResponse in the request's
// encoding. partial_success is set only when something was rejected (the spec's "full
// success" leaves it unset); rejected items are not retryable, so exporters must not resend them.

export type PartialSuccess = { rejected: number; errorMessage: string };

export function otlpSuccess(signal: Signal, encoding: OtlpEncoding, partial: PartialSuccess): Response {
  const countField = signal === "traces" ? "rejectedSpans" : "rejectedLogRecords";
  const body =
    partial.rejected > 0
      ? { partialSuccess: { [countField]: String(partial.rejected), errorMessage: partial.errorMessage } }
      : {};
  const headers = { "Cache-Control": "no-store" };
  if (encoding === "json") return Response.json(body, { status: 200, headers });
  const type = signal === "traces" ? otlpTypes.traceResponse : otlpTypes.logsResponse;
  const bytes = type.encode(type.fromObject(body)).finish();
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: { ...headers, "Content-Type": "application/x-protobuf" },
  });
}
