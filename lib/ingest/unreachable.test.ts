import { describe, expect, it } from "vitest";

// Postgres is unreachable for this whole file: nothing listens on port 1.
process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/attest";

describe("when Postgres is unreachable", () => {
  it("the collector answers 503 with Retry-After and acknowledges nothing", async () => {
    const { POST } = await import("@/app/api/v1/events/route");
    const response = await POST(
      new Request("http://attest.test/api/v1/events", {
        method: "POST",
        headers: { authorization: "Bearer attest_abcdefgh_0123456789", "content-type": "application/json" },
        body: JSON.stringify([
          { id: "e1", type: "auth.login", time: "2026-11-20T10:00:00Z", actor: { type: "user", id: "u" } },
        ]),
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = await response.json();
    expect(body).toEqual({
      error: { code: "storage_unavailable", message: expect.stringContaining("nothing from this request was stored") },
    });
    expect(body).not.toHaveProperty("ids");
  });

  it("health reports the database unreachable with 503", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(new Request("http://attest.test/api/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "degraded", database: { reachable: false } });
  });
});
