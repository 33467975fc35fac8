import { z } from "zod";
import { identityProviderPaths } from "../idp/openapi";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "../ingest/read-body";
import { EVENT_MAX_BYTES } from "../ingest/validate";
import { otlpPaths } from "../otlp/openapi";
import { contractSchemas, eventSchema } from "./event-schema";

// The collector's OpenAPI 3.1 document, generated from the same zod schemas that validate it.

const fieldError = z.object({ path: z.string(), message: z.string() });
z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), id: z.string().optional(), errors: z.array(fieldError) })),
  ids: z.array(z.string()).describe("The stored id of each accepted event or duplicate, in request order."),
}).register(contractSchemas, { id: "IngestResult" });
z.object({ error: z.object({ code: z.string(), message: z.string() }) }).register(contractSchemas, { id: "Error" });

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});
const resultResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("IngestResult") } },
});

function componentSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(contractSchemas, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

export function collectorOpenApi(serverUrl?: string) {
  void eventSchema; // registers the event schemas
  return {
    openapi: "3.1.0",
    info: {
      title: "Attest collector",
      version: "1.0.0",
      description:
        "Audit events from MCP servers, gateways, authorization servers and agents. Contract v1: fields may be added, never renamed or removed without a v2.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        ingestKey: { type: "http", scheme: "bearer", description: "An ingest key; it belongs to exactly one tenant." },
      },
      schemas: componentSchemas(),
    },
    security: [{ ingestKey: [] }],
    paths: {
      ...identityProviderPaths,
      ...otlpPaths,
      "/api/v1/events": {
        post: {
          operationId: "ingestEvents",
          summary: "Send audit events",
          description: `At most ${MAX_EVENTS_PER_REQUEST} events and ${MAX_BODY_BYTES} bytes per request; each event at most ${EVENT_MAX_BYTES} bytes. \`id\` is the idempotency key, unique per tenant. A 200 or 207 means every accepted event is committed.`,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { type: "array", items: ref("Event"), maxItems: MAX_EVENTS_PER_REQUEST },
                    {
                      type: "object",
                      properties: { events: { type: "array", items: ref("Event") } },
                      required: ["events"],
                    },
                  ],
                },
              },
              "application/x-ndjson": { schema: { type: "string", description: "One Event JSON object per line." } },
            },
          },
          responses: {
            "200": resultResponse("All events accepted or duplicates."),
            "207": resultResponse("Some events rejected, some accepted."),
            "400": {
              description: "Body not parseable (Error), or every event rejected (IngestResult).",
              content: { "application/json": { schema: { oneOf: [ref("IngestResult"), ref("Error")] } } },
            },
            "401": errorResponse("Missing, unknown or revoked ingest key."),
            "413": errorResponse("Request too large; nothing stored."),
            "415": errorResponse("Unsupported content type."),
            "429": errorResponse("Rate limited; see Retry-After."),
            "503": errorResponse("Storage unavailable; nothing acknowledged. Retry the whole request."),
          },
        },
      },
    },
  };
}
