import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { AttestClient, type AttestEvent, type DropInfo } from ".";
import { startCollectorServer, storedCounts, storedIds } from "./testing/collector-server";

// The SDK against the real collector route and real Postgres, through a real HTTP server that
// can answer 503/429, stall, or drop the connection after the collector has committed.

let server: Awaited<ReturnType<typeof startCollectorServer>>;
beforeAll(async () => {
  server = await startCollectorServer();
});
afterAll(() => server.close());

function toolCall(n: number): AttestEvent {
  return {
    type: "mcp.tool.called",
    actor: { type: "agent", id: "sdk-bot" },
    target: { type: "tool", id: "lookup" },
    attributes: { n },
  };
}

function clientFor(
  key: string,
  drops: DropInfo[] = [],
  extra: Partial<ConstructorParameters<typeof AttestClient>[0]> = {},
) {
  return new AttestClient({
    endpoint: server.endpoint,
    apiKey: key,
    handleExit: false,
    initialBackoffMs: 10,
    maxBackoffMs: 50,
    onDrop: (info) => drops.push(info),
    ...extra,
  });
}

describe("AttestClient against the running collector", () => {
  it("retries through 503s and a 429 and stores every event exactly once", async () => {
    const { tenant, key } = await tenantWithKey("sdk-503");
    const drops: DropInfo[] = [];
    const client = clientFor(key, drops, { batchSize: 25 });
    const before = server.requests.length;
    server.failNext(2, 503);
    server.failNext(1, 429, { "Retry-After": "0" });
    const ids = Array.from({ length: 60 }, (_, n) => client.send(toolCall(n)));
    await client.flush();
    await client.shutdown();

    expect(ids.every((id) => typeof id === "string")).toBe(true);
    expect(server.requests.slice(before).map((r) => r.answered)).toEqual([503, 503, 429, 200, 200, 200]);
    expect(client.stats()).toMatchObject({ sent: 60, duplicates: 0, retries: 3, dropped: 0, rejected: 0, buffered: 0 });
    expect(drops).toEqual([]);
    expect(await storedCounts(tenant.id)).toEqual({ total: 60, distinct: 60 });
    expect(await storedIds(tenant.id)).toEqual([...(ids as string[])].sort());
  });

  it("waits as long as Retry-After says before retrying", async () => {
    const { tenant, key } = await tenantWithKey("sdk-retry-after");
    const client = clientFor(key, [], { initialBackoffMs: 0 });
    const before = server.requests.length;
    server.failNext(1, 503, { "Retry-After": "1" });
    client.send(toolCall(1));
    await client.shutdown();

    const [first, second] = server.requests.slice(before);
    expect(first?.answered).toBe(503);
    expect(second?.answered).toBe(200);
    // With zero backoff of its own, only Retry-After can explain the gap (timers never fire early
    // by more than a millisecond).
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(await storedCounts(tenant.id)).toEqual({ total: 1, distinct: 1 });
  });

  it("resends a batch whose answer was lost after commit without storing it twice", async () => {
    const { tenant, key } = await tenantWithKey("sdk-drop");
    const client = clientFor(key, [], { batchSize: 40 });
    const before = server.requests.length;
    server.dropAfterCommitNext(1);
    for (let n = 0; n < 40; n++) client.send(toolCall(n));
    await client.shutdown();

    expect(server.requests.slice(before).map((r) => r.answered)).toEqual(["dropped", 200]);
    expect(client.stats()).toMatchObject({ sent: 0, duplicates: 40, retries: 1, dropped: 0 });
    expect(await storedCounts(tenant.id)).toEqual({ total: 40, distinct: 40 });
  });

  it("retries a request that timed out; the late original and the retry store each event once", async () => {
    const { tenant, key } = await tenantWithKey("sdk-timeout");
    const client = clientFor(key, [], { requestTimeoutMs: 200 });
    const before = server.requests.length;
    server.stallNext();
    const ids = Array.from({ length: 10 }, (_, n) => client.send(toolCall(n)));
    await client.flush(); // the first attempt times out; the retry is stored
    expect(client.stats()).toMatchObject({ sent: 10, retries: 1 });
    server.release(); // the abandoned request now reaches the collector too
    await expect.poll(() => server.requests.slice(before).map((r) => r.answered)).toEqual([200, 200]);
    expect(await storedCounts(tenant.id)).toEqual({ total: 10, distinct: 10 });
    expect(await storedIds(tenant.id)).toEqual([...(ids as string[])].sort());
  });

  it("reports the collector's per-event rejections and keeps the valid events of the batch", async () => {
    const { tenant, key } = await tenantWithKey("sdk-reject");
    const drops: DropInfo[] = [];
    const client = clientFor(key, drops);
    const good = [client.send(toolCall(1)), client.send(toolCall(2))];
    const bad = client.send({ ...toolCall(3), trace: { traceId: "not-hex", spanId: "00f067aa0ba902b7" } });
    await client.shutdown();

    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ reason: "rejected", count: 1, ids: [bad] });
    expect(JSON.stringify(drops[0]?.errors)).toContain("trace.traceId");
    expect(client.stats()).toMatchObject({ sent: 2, rejected: 1, retries: 0 });
    expect(await storedIds(tenant.id)).toEqual([...(good as string[])].sort());
  });

  it("stops on a refused key instead of retrying, and reports the events", async () => {
    const drops: DropInfo[] = [];
    const client = clientFor("ak_wrong_key", drops, { batchSize: 5 });
    const before = server.requests.length;
    for (let n = 0; n < 8; n++) client.send(toolCall(n));
    await client.flush();
    expect(client.send(toolCall(9))).toBeNull();
    await client.shutdown();

    expect(server.requests.slice(before).map((r) => r.answered)).toEqual([401]);
    expect(client.stats()).toMatchObject({ sent: 0, rejected: 9, retries: 0 });
    expect(drops.every((d) => d.reason === "rejected")).toBe(true);
    expect(drops.reduce((sum, d) => sum + d.count, 0)).toBe(9);
  });

  it("bounds the buffer while the collector stalls: excess events are dropped and reported, send never waits", async () => {
    const { tenant, key } = await tenantWithKey("sdk-buffer");
    const drops: DropInfo[] = [];
    const client = clientFor(key, drops, { batchSize: 10, maxBufferSize: 50 });
    const before = server.requests.length;
    server.stallNext();
    const ids: Array<string | null> = [];
    for (let n = 0; n < 200; n++) ids.push(client.send(toolCall(n)));
    // All 200 calls returned while the first request is still held by the server.
    expect(client.stats()).toMatchObject({ inFlight: 10, buffered: 50, dropped: 140 });
    expect(ids.filter((id) => id === null)).toHaveLength(140);
    expect(drops.every((d) => d.reason === "buffer_full")).toBe(true);
    expect(drops.reduce((sum, d) => sum + d.count, 0)).toBe(140);
    // One request at a time: only the stalled one has reached the server.
    await expect.poll(() => server.requests.length - before).toBe(1);

    server.release();
    await client.shutdown();
    expect(client.stats()).toMatchObject({ sent: 60, dropped: 140, buffered: 0, inFlight: 0 });
    expect(await storedIds(tenant.id)).toEqual((ids.filter(Boolean) as string[]).sort());
  });

  it("gives up after maxRetries and reports the batch as retries_exhausted", async () => {
    const drops: DropInfo[] = [];
    const { key } = await tenantWithKey("sdk-exhaust");
    const client = clientFor(key, drops, { maxRetries: 2 });
    server.failNext(3, 503);
    const id = client.send(toolCall(1));
    await client.shutdown();
    expect(drops).toMatchObject([{ reason: "retries_exhausted", count: 1, ids: [id] }]);
    expect(client.stats()).toMatchObject({ retries: 2, dropped: 1, sent: 0 });
  });

  it("drops what is left at the shutdown deadline and reports it", async () => {
    const drops: DropInfo[] = [];
    const { tenant, key } = await tenantWithKey("sdk-deadline");
    const client = clientFor(key, drops, { initialBackoffMs: 0 });
    server.failNext(1, 503, { "Retry-After": "3600" });
    const ids = [client.send(toolCall(1)), client.send(toolCall(2))];
    await client.shutdown(200);
    expect(drops).toMatchObject([{ reason: "shutdown", count: 2, ids }]);
    expect(client.send(toolCall(3))).toBeNull();
    expect(client.stats()).toMatchObject({ dropped: 3, sent: 0, buffered: 0 });
    expect(await storedCounts(tenant.id)).toEqual({ total: 0, distinct: 0 });
  });
});
