import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";

// Contract v1 may grow, never shrink: every field and status the contract names must stay.
const CONTRACT_FIELDS = [
  "id",
  "type",
  "time",
  "outcome",
  "reason",
  "actor",
  "onBehalfOf",
  "delegation",
  "act",
  "session",
  "client",
  "correlationId",
  "trace",
  "target",
  "resource",
  "scopes",
  "policy",
  "consent",
  "token",
  "approval",
  "mcp",
  "source",
  "attributes",
];

type Schema = { properties: Record<string, unknown>; required: string[] };

describe("GET /api/v1/openapi.json", () => {
  it("describes the collector from the validating schemas", async () => {
    const response = await openapi(new Request("http://attest.test/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://attest.test" }]);
    const post = doc.paths["/api/v1/events"].post;
    expect(Object.keys(post.responses).sort()).toEqual(["200", "207", "400", "401", "413", "415", "429", "503"]);
    expect(Object.keys(post.requestBody.content)).toEqual(["application/json", "application/x-ndjson"]);
    const event: Schema = doc.components.schemas.Event;
    expect(Object.keys(event.properties)).toEqual(expect.arrayContaining(CONTRACT_FIELDS));
    expect(event.required.sort()).toEqual(["actor", "time", "type"]);
    expect(doc.components.schemas.Principal.properties.type.enum).toEqual(["user", "agent", "service"]);
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });
});

describe("GET /api/health", () => {
  it("reports the database reachable", async () => {
    const response = await health(new Request("http://attest.test/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
  });
});
