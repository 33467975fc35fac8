import { describe, expect, it } from "vitest";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";

describe("OpenAPI: the OTLP receiver", () => {
  it("lists /api/v1/otlp/v1/traces and /v1/logs with both encodings and the collector's statuses", async () => {
    const doc = await (await openapi(new Request("http://attest.test/api/v1/openapi.json"))).json();
    for (const path of ["/api/v1/otlp/v1/traces", "/api/v1/otlp/v1/logs"]) {
      const post = doc.paths[path].post;
      expect(Object.keys(post.requestBody.content).sort()).toEqual(["application/json", "application/x-protobuf"]);
      expect(Object.keys(post.responses).sort()).toEqual(["200", "400", "401", "413", "415", "429", "503"]);
    }
  });
});
