import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { takeIngestTokens } from "./rate-limit";

describe("rate limiting", () => {
  it("refills a tenant's bucket over time and refuses with the wait in seconds", () => {
    const limit = { eventsPerSecond: 100, burst: 200 };
    takeIngestTokens("tenant-a", 200, limit, 0);
    expect(() => takeIngestTokens("tenant-a", 50, limit, 100)).toThrowError(
      expect.objectContaining({ status: 429, headers: { "Retry-After": "1" } }),
    );
    expect(() => takeIngestTokens("tenant-b", 50, limit, 100)).not.toThrow();
    expect(() => takeIngestTokens("tenant-a", 50, limit, 1_000)).not.toThrow();
  });

  it("answers 429 with Retry-After through the collector and stores nothing", async () => {
    process.env.INGEST_RATE_LIMIT = "1";
    process.env.INGEST_RATE_BURST = "10";
    try {
      const { tenant, key } = await tenantWithKey();
      expect(
        (
          await postEvents(
            key,
            Array.from({ length: 10 }, () => event()),
          )
        ).status,
      ).toBe(200);
      const limited = await postEvents(
        key,
        Array.from({ length: 5 }, () => event()),
      );
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited.body.error.code).toBe("rate_limited");
      expect(await prisma.event.count({ where: { tenantId: tenant.id } })).toBe(10);
    } finally {
      delete process.env.INGEST_RATE_LIMIT;
      delete process.env.INGEST_RATE_BURST;
    }
  });
});
