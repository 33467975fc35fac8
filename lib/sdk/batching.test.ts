import { describe, expect, it } from "vitest";
import { AttestClient, type AttestEvent, type DropInfo } from ".";

// Batching and local checks with an injected fetch (no collector needed): what goes on the wire.

type Call = { url: string; auth: string | null; events: Array<Record<string, unknown>> };

function recordingFetch(calls: Call[], answer: (call: Call) => Response = okFor) {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call = { url: String(input), auth: headers.get("authorization"), events: JSON.parse(String(init?.body)) };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
}

function okFor(call: Call) {
  return Response.json({
    accepted: call.events.length,
    duplicates: 0,
    rejected: [],
    ids: call.events.map((e) => e.id),
  });
}

const event: AttestEvent = { type: "mcp.tool.called", actor: { type: "agent", id: "bot" } };

function client(calls: Call[], extra: Partial<ConstructorParameters<typeof AttestClient>[0]> = {}) {
  return new AttestClient({
    endpoint: "http://collector.test/",
    apiKey: "ak_test",
    handleExit: false,
    fetch: recordingFetch(calls),
    ...extra,
  });
}

describe("batching", () => {
  it("sends a full batch at once, keeps order, and fills in id and time", async () => {
    const calls: Call[] = [];
    const sdk = client(calls, { batchSize: 3, flushIntervalMs: 60_000 });
    const ids = [1, 2, 3].map((n) => sdk.send({ ...event, attributes: { n } }));
    expect(calls).toHaveLength(1); // posted by the third send, without waiting for the interval
    ids.push(sdk.send({ ...event, attributes: { n: 4 } }));
    expect(calls[0]?.url).toBe("http://collector.test/api/v1/events");
    expect(calls[0]?.auth).toBe("Bearer ak_test");
    expect(calls[0]?.events.map((e) => e.id)).toEqual(ids.slice(0, 3));
    expect(calls[0]?.events.every((e) => typeof e.time === "string" && !Number.isNaN(Date.parse(e.time)))).toBe(true);
    await sdk.shutdown();
    expect(calls.flatMap((c) => c.events.map((e) => (e.attributes as { n: number }).n))).toEqual([1, 2, 3, 4]);
  });

  it("sends a partial batch when the interval elapses", async () => {
    const calls: Call[] = [];
    const sdk = client(calls, { batchSize: 100, flushIntervalMs: 20 });
    sdk.send(event);
    sdk.send(event);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.map((c) => c.events.length)).toEqual([2]);
    await sdk.shutdown();
  });

  it("keeps the caller's id and snapshots the event at send time", async () => {
    const calls: Call[] = [];
    const sdk = client(calls);
    const mine = { ...event, id: "order-42", attributes: { step: 1 } };
    expect(sdk.send(mine)).toBe("order-42");
    mine.attributes.step = 2;
    await sdk.shutdown();
    expect(calls[0]?.events[0]).toMatchObject({ id: "order-42", attributes: { step: 1 } });
  });

  it("caps a request at 1000 events and about 4 MB", async () => {
    const calls: Call[] = [];
    const sdk = client(calls, { batchSize: 5000, maxBufferSize: 50_000, flushIntervalMs: 60_000 });
    for (let n = 0; n < 1500; n++) sdk.send(event);
    const large = { ...event, attributes: { blob: "x".repeat(15_000) } };
    for (let n = 0; n < 400; n++) sdk.send(large);
    await sdk.shutdown();
    expect(calls[0]?.events).toHaveLength(1000);
    for (const call of calls)
      expect(Buffer.byteLength(JSON.stringify(call.events))).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(calls.reduce((sum, c) => sum + c.events.length, 0)).toBe(1900);
  });

  it("halves a batch the collector answers with 413", async () => {
    const calls: Call[] = [];
    const sdk = client(calls, {
      fetch: recordingFetch(calls, (call) =>
        call.events.length > 2
          ? Response.json({ error: { code: "too_large", message: "" } }, { status: 413 })
          : okFor(call),
      ),
    });
    for (let n = 0; n < 5; n++) sdk.send(event);
    await sdk.shutdown();
    expect(calls.map((c) => c.events.length)).toEqual([5, 3, 2, 1, 2]);
    expect(sdk.stats()).toMatchObject({ sent: 5, rejected: 0, dropped: 0 });
  });

  it("rejects locally what the collector would refuse whole: oversized or unserializable events", async () => {
    const calls: Call[] = [];
    const drops: DropInfo[] = [];
    const sdk = client(calls, { onDrop: (info) => drops.push(info) });
    expect(sdk.send({ ...event, attributes: { blob: "x".repeat(40_000) } })).toBeNull();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(sdk.send({ ...event, attributes: cyclic })).toBeNull();
    await sdk.shutdown();
    expect(calls).toHaveLength(0);
    expect(drops.map((d) => d.reason)).toEqual(["rejected", "rejected"]);
    expect(sdk.stats()).toMatchObject({ rejected: 2, sent: 0 });
  });
});
