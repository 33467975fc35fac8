import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "../db";
import { seedDemo } from "./seed";

afterAll(() => disconnectDb());

describe("seedDemo", () => {
  it("stores demo events through ingest once; the same seed again yields duplicates only", async () => {
    const tenantSlug = `seed-${randomBytes(4).toString("hex")}`;
    const now = "2026-11-28T12:00:00.000Z";
    const first = await seedDemo({ seed: 3, events: 600, tenantSlug, batchSize: 250, now });
    expect(first).toMatchObject({ skipped: false, sent: 600, accepted: 600, duplicates: 0, rejected: 0 });
    expect(first.tenant.created).toBe(true);
    expect(first.agents).toBeGreaterThan(5);
    expect(first.users).toBeGreaterThan(5);

    const second = await seedDemo({ seed: 3, events: 600, tenantSlug, batchSize: 250, now });
    expect(second).toMatchObject({ accepted: 0, duplicates: 600, rejected: 0 });
    expect(await prisma.event.count({ where: { tenantId: first.tenant.id } })).toBe(600);

    const skipped = await seedDemo({ seed: 4, events: 600, tenantSlug, ifEmpty: true });
    expect(skipped).toMatchObject({ skipped: true, sent: 0 });
  });
});
