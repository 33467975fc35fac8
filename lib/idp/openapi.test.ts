import { describe, expect, it } from "vitest";
import { collectorOpenApi } from "@/lib/contract/openapi";

describe("OpenAPI: identity-provider receivers", () => {
  it("lists the Auth0 and Okta paths with the collector's answers", () => {
    const doc = collectorOpenApi();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/events", "/api/v1/idp/auth0", "/api/v1/idp/okta"]),
    );
    const okta = doc.paths["/api/v1/idp/okta"];
    expect(Object.keys(okta)).toEqual(["get", "post"]);
    expect(okta.post.responses["207"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/IngestResult",
    });
    expect(doc.components.schemas).toHaveProperty("IngestResult");
  });
});
