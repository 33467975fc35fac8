// The identity-provider receivers' paths in the collector's OpenAPI document
// (lib/contract/openapi.ts). Their bodies are the providers' own formats, so they are
// described, not schema'd; the answers are the collector's.

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ content: { "application/json": { schema: ref(id) } } });
const stored = {
  "200": { description: "All records stored or duplicates.", ...json("IngestResult") },
  "207": { description: "Some records refused (rejected[].index is the record's position).", ...json("IngestResult") },
  "400": { description: "Body not parseable, or every record refused." },
  "401": { description: "Missing, unknown or revoked ingest key.", ...json("Error") },
  "413": { description: "More than 1,000 records or 5 MB; nothing stored.", ...json("Error") },
  "415": { description: "Not JSON.", ...json("Error") },
  "429": { description: "Rate limited; see Retry-After.", ...json("Error") },
  "503": { description: "Storage unavailable; nothing acknowledged.", ...json("Error") },
};

export const identityProviderPaths = {
  "/api/v1/idp/auth0": {
    post: {
      operationId: "ingestAuth0Logs",
      summary: "Auth0 Log Streams custom webhook",
      description:
        "Set the stream's Authorization token to `Bearer <ingest key>`. Body: a JSON array, JSON lines or one object; each record is `{ log_id, data: {…log…} }` or a bare Auth0 log. Event ids are `auth0:<log_id>`.",
      requestBody: {
        required: true,
        content: { "application/json": { schema: { oneOf: [{ type: "array" }, { type: "object" }] } } },
      },
      responses: stored,
    },
  },
  "/api/v1/idp/okta": {
    get: {
      operationId: "verifyOktaEventHook",
      summary: "Okta Event Hook one-time verification",
      parameters: [{ name: "X-Okta-Verification-Challenge", in: "header", required: true, schema: { type: "string" } }],
      responses: {
        "200": {
          description: "The challenge echoed.",
          content: {
            "application/json": {
              schema: { type: "object", properties: { verification: { type: "string" } }, required: ["verification"] },
            },
          },
        },
        "400": { description: "No challenge header.", ...json("Error") },
        "401": stored["401"],
      },
    },
    post: {
      operationId: "ingestOktaEvents",
      summary: "Okta Event Hook delivery",
      description:
        'Configure the header `Authorization: Bearer <ingest key>`. Body: `{ "eventType": "com.okta.event_hook", "data": { "events": [System Log events] } }`. Event ids are `okta:<uuid>`.',
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: { data: { type: "object", properties: { events: { type: "array" } } } },
              required: ["data"],
            },
          },
        },
      },
      responses: stored,
    },
  },
};
