import protobuf from "protobufjs";

// The OTLP messages Attest decodes, trimmed from opentelemetry-proto v1.5.0 (Apache-2.0,
// https://github.com/open-telemetry/opentelemetry-proto): opentelemetry/proto/common/v1/common.proto,
// resource/v1/resource.proto, trace/v1/trace.proto, logs/v1/logs.proto,
// collector/trace/v1/trace_service.proto and collector/logs/v1/logs_service.proto.
// Field numbers and types are upstream's; the packages are flattened into one, which the wire
// format does not see. Fields Attest does not read (links, dropped counts…) are left out and
// skipped by the decoder as unknown fields.
const OTLP_PROTO = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Resource { repeated KeyValue attributes = 1; }

message Status { string message = 2; int32 code = 3; }
message SpanEvent { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  repeated SpanEvent events = 11;
  Status status = 15;
  fixed32 flags = 16;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }

message LogRecord {
  fixed64 time_unix_nano = 1;
  int32 severity_number = 2;
  string severity_text = 3;
  AnyValue body = 5;
  repeated KeyValue attributes = 6;
  fixed32 flags = 8;
  bytes trace_id = 9;
  bytes span_id = 10;
  fixed64 observed_time_unix_nano = 11;
  string event_name = 12;
}
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; string schema_url = 3; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; string schema_url = 3; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
message ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }
message ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
`;

const root = protobuf.parse(OTLP_PROTO, { keepCase: false }).root;

export const otlpTypes = {
  traceRequest: root.lookupType("otlp.ExportTraceServiceRequest"),
  traceResponse: root.lookupType("otlp.ExportTraceServiceResponse"),
  logsRequest: root.lookupType("otlp.ExportLogsServiceRequest"),
  logsResponse: root.lookupType("otlp.ExportLogsServiceResponse"),
};

/**
 * toObject turns a decoded message into the shape of OTLP/JSON, except for ids: lowerCamelCase
 * keys, int64 as decimal strings, enums as numbers, and bytes as base64 (OTLP/JSON uses hex).
 */
export const TO_OBJECT_OPTIONS: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String };
